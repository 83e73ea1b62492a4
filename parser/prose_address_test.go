package parser

import "testing"

func TestProseShipTo(t *testing.T) {
	for line, want := range map[string]string{
		"Please send it to our lab at 17 Example Lane, Brighton BN1 1AA.":                            "17 Example Lane, Brighton BN1 1AA",
		"Please deliver the replacement to Unit 4, Riverside Trading Estate, Leeds LS11 5QT; thanks": "Unit 4, Riverside Trading Estate, Leeds LS11 5QT",
		"Ship it to P.O. Box 1234, Springfield, IL 62704.":                                           "P.O. Box 1234, Springfield, IL 62704",
		"Please do not send it to our old office at 3 Old Road, Leeds LS1 1AA.":                      "",
		"We sent 3 units to your depot, all 12 of them, last week.":                                  "",
	} {
		got := proseShipTo([]string{line}, []string{lowerKeep(line)}, []bool{false})
		if got != want {
			t.Errorf("%q: ship_to %q, want %q", line, got, want)
		}
	}
}
