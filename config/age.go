package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Age is a retention period as people write it: "36h", "180d", "12w",
// "2y" (a day is 24 hours, a week 7 days, a year 365 days: retention is
// counted in elapsed time, not calendar dates). It is a string type so
// that a TOML value and an RMAD_* environment variable set it alike;
// Value reads it. "" means off.
type Age string

// ageUnits are the suffixes an Age may end in.
var ageUnits = map[byte]time.Duration{
	'h': time.Hour,
	'd': 24 * time.Hour,
	'w': 7 * 24 * time.Hour,
	'y': 365 * 24 * time.Hour,
}

// maxAgeYears bounds an Age: far beyond any retention rule, and far from
// time.Duration's overflow (292 years).
const maxAgeYears = 100

// ParseAge reads one Age: a positive whole number and one unit (h, d, w, y).
func ParseAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return 0, fmt.Errorf("not an age (e.g. \"180d\", \"2y\", \"12w\", \"36h\"): %q", s)
	}
	unit, ok := ageUnits[s[len(s)-1]]
	if !ok {
		return 0, fmt.Errorf("not an age: %q: the unit must be h, d, w or y (e.g. \"180d\")", s)
	}
	n, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("not an age: %q: a positive whole number comes before the unit (e.g. \"180d\")", s)
	}
	if time.Duration(n) > time.Duration(maxAgeYears)*365*24*time.Hour/unit {
		return 0, fmt.Errorf("not an age: %q: longer than %d years", s, maxAgeYears)
	}
	return time.Duration(n) * unit, nil
}

// Value is the period a; ok is false when a is "" (off).
func (a Age) Value() (d time.Duration, ok bool, err error) {
	if a == "" {
		return 0, false, nil
	}
	d, err = ParseAge(string(a))
	if err != nil {
		return 0, false, err
	}
	return d, true, nil
}
