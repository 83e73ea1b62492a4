package workflow

import (
	"encoding/json"
	"strings"

	"rmad/parser"
	"rmad/policy"
)

// fieldMap turns parsed fields into the ticket's field map, skipping blanks.
func fieldMap(f parser.Fields) map[string]string {
	b, _ := json.Marshal(f)
	var all map[string]string
	_ = json.Unmarshal(b, &all)
	out := map[string]string{}
	for k, v := range all {
		if v = strings.TrimSpace(v); v != "" {
			out[k] = v
		}
	}
	return out
}

func unitMaps(units []parser.Unit) []map[string]string {
	out := []map[string]string{}
	for _, u := range units {
		m := map[string]string{}
		for k, v := range map[string]string{"serial_number": u.SerialNumber, "part_number": u.PartNumber, "model": u.Model, "firmware": u.Firmware} {
			if v = strings.TrimSpace(v); v != "" {
				m[k] = v
			}
		}
		if len(m) > 0 {
			out = append(out, m)
		}
	}
	return out
}

// mergeFields fills the ticket's gaps from a follow-up; it never overwrites
// what the customer already said (agents correct with #set). It reports the
// fields it filled.
func mergeFields(have, add map[string]string) []string {
	var filled []string
	for k, v := range add {
		if have[k] == "" {
			have[k] = v
			filled = append(filled, k)
		}
	}
	return filled
}

// mergeUnits matches a follow-up's units to the ticket's by serial number;
// a lone unit without a serial on either side is the same unit.
func mergeUnits(have, add []map[string]string) ([]map[string]string, bool) {
	changed := false
	for _, u := range add {
		idx := -1
		for i, h := range have {
			if u["serial_number"] != "" && strings.EqualFold(h["serial_number"], u["serial_number"]) {
				idx = i
				break
			}
		}
		if idx < 0 && len(have) == 1 && (have[0]["serial_number"] == "" || u["serial_number"] == "") {
			idx = 0
		}
		if idx < 0 {
			have = append(have, u)
			changed = true
			continue
		}
		for k, v := range u {
			if have[idx][k] == "" {
				have[idx][k] = v
				changed = true
			}
		}
	}
	return have, changed
}

// missingFields lists the required fields not yet known, in the policy's
// order. A unit field is missing when no unit has it (or when there are no
// units at all).
func missingFields(required []string, fields map[string]string, units []map[string]string) []string {
	missing := []string{}
	for _, f := range required {
		if policy.IsUnitField(f) {
			if len(units) == 0 {
				missing = append(missing, f)
				continue
			}
			for _, u := range units {
				if u[f] == "" {
					missing = append(missing, f)
					break
				}
			}
			continue
		}
		if fields[f] == "" {
			missing = append(missing, f)
		}
	}
	return missing
}

// baseSubject strips reply/forward prefixes and our ticket refs, so the
// desk's subjects don't grow "Re: Re: [TKT-1] [TKT-1]".
func baseSubject(s string) string {
	s = strings.TrimSpace(s)
	for {
		before := s
		lower := strings.ToLower(s)
		for _, p := range []string{"re:", "aw:", "sv:", "fw:", "fwd:", "wg:", "tr:", "réf:", "antw:", "odp:", "vs:"} {
			if strings.HasPrefix(lower, p) {
				s = strings.TrimSpace(s[len(p):])
				break
			}
		}
		s = refBracket.ReplaceAllString(s, "")
		s = strings.TrimSpace(strings.Join(strings.Fields(s), " "))
		if s == before {
			break
		}
	}
	if s == "" {
		return "(no subject)"
	}
	return s
}
