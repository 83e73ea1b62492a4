package parser

import "testing"

// runTableAttacks runs attacks written as tableAttack cases: each must read
// its field's exact value, except the cases listed in holes (named
// holesName in the messages), which are skipped while they still succeed
// and fail once refused, so the list only shrinks.
func runTableAttacks(t *testing.T, attacks []tableAttack, holes map[string]bool, holesName string) {
	t.Helper()
	seen := map[string]bool{}
	for _, a := range attacks {
		if seen[a.name] {
			t.Fatalf("duplicate case %s", a.name)
		}
		seen[a.name] = true
		t.Run(a.name, func(t *testing.T) {
			m, err := ParseWith([]byte(a.raw), Options{DayFirst: a.dayFirst})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var got string
			switch a.field {
			case "serials", "firmwares", "parts", "models":
				got = unitColumn(m.Units, a.field)
			case "severity":
				got = m.Fields.Severity
			case "company":
				got = m.Fields.Company
			default:
				got = fieldOf(m.Fields, a.field)
			}
			ok := got == a.want
			if holes[a.name] {
				if ok {
					t.Fatalf("hole now refused (%s = %q): remove it from %s", a.field, got, holesName)
				}
				t.Skipf("known hole: %s = %q, want %q", a.field, got, a.want)
			}
			if !ok {
				t.Errorf("%s = %q, want %q", a.field, got, a.want)
			}
		})
	}
	for name := range holes {
		if !seen[name] {
			t.Errorf("%s names no case: %s", holesName, name)
		}
	}
}
