package registry

import (
	"errors"
	"fmt"
	"strings"
)

// Money is an exact amount in hundredths of the currency unit. Prices feed
// billing notices (full invoice price, fees capped at the MSRP), so they are
// never floats.
type Money struct{ Cents int64 }

// String formats m with two decimals and no separators: "12500.00".
func (m Money) String() string {
	if m.Cents < 0 {
		// Negate in uint64 so math.MinInt64 does not overflow.
		u := uint64(-m.Cents)
		return fmt.Sprintf("-%d.%02d", u/100, u%100)
	}
	return fmt.Sprintf("%d.%02d", m.Cents/100, m.Cents%100)
}

// maxIntDigits bounds the integer part so the cents always fit an int64 with
// room to add; no single unit costs a quadrillion in any currency.
const maxIntDigits = 15

// ParseMoney reads a non-negative amount: digits, optionally grouped by
// thousands commas ("1,234.56"), optionally followed by a point and one or
// two decimals ("0.1" is 10 cents). Surrounding space is ignored. Refused:
// a sign, a currency symbol, more than two decimals ("1.234" could be a
// European 1234), misplaced commas ("1,23" could be a decimal comma), and
// an empty string.
func ParseMoney(s string) (Money, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Money{}, errors.New("empty amount")
	}
	if s[0] == '-' {
		return Money{}, errors.New("negative amount")
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return Money{}, errors.New("misplaced thousands comma (want 1,234.56)")
			}
		}
		intPart = strings.Join(groups, "")
	}
	if intPart == "" || !allDigits(intPart) {
		return Money{}, errors.New("not an amount (want digits like 12500.00, no currency symbol)")
	}
	if hasPoint {
		if frac == "" || !allDigits(frac) {
			return Money{}, errors.New("not an amount (want digits like 12500.00, no currency symbol)")
		}
		if len(frac) > 2 {
			return Money{}, errors.New("more than two decimals")
		}
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > maxIntDigits {
		return Money{}, errors.New("amount too large")
	}
	var cents int64
	for _, c := range intPart {
		cents = cents*10 + int64(c-'0')
	}
	cents *= 100
	switch len(frac) {
	case 1:
		cents += int64(frac[0]-'0') * 10
	case 2:
		cents += int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	}
	return Money{Cents: cents}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
