package registry

import (
	"fmt"
	"strings"
	"time"
)

// Asset is one unit the vendor sold, as one row of the registry file.
type Asset struct {
	SerialNumber  string // required; trimmed and upper-cased, since serials are case-insensitive
	Model         string // required
	PartNumber    string
	Customer      string
	CustomerEmail string    // lower-cased; empty when not given
	InvoiceNumber string    // as written
	InvoiceDate   time.Time // civil date at 00:00 UTC; zero when empty
	DeliveryDate  time.Time // civil date at 00:00 UTC; zero when empty
	InvoicePrice  Money     // zero when empty
	MSRP          Money     // zero when empty
	Currency      string    // ISO 4217 style, upper-case; set whenever a price is
	Plans         []Plan    // in file order; nil when none
	// CustomerDomains are company domains whose every address speaks for
	// the customer (lower-cased, never freemail); nil when none.
	CustomerDomains []string
}

// RowError is one problem in one row. A row with several bad values gives
// one RowError per value, so all of them can be fixed at once.
type RowError struct {
	Line   int    // physical line where the record starts (1-based)
	Column string // header name of the bad value; empty for a whole-row problem
	Reason string
}

func (e RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
	}
	return fmt.Sprintf("line %d: %s: %s", e.Line, e.Column, e.Reason)
}

// maxListed caps ParseError's message: an operator reads the first screenful,
// fixes the systematic mistake and re-runs; the full list stays in Rows.
const maxListed = 50

// ParseError collects every bad row of a file, in line order. Read returns it
// unwrapped, so errors.As finds it.
type ParseError struct {
	Rows []RowError
}

func (e *ParseError) Error() string {
	lines := make(map[int]struct{}, len(e.Rows))
	for _, r := range e.Rows {
		lines[r.Line] = struct{}{}
	}
	noun := "rows"
	if len(lines) == 1 {
		noun = "row"
	}
	var b strings.Builder
	if len(lines) == len(e.Rows) {
		fmt.Fprintf(&b, "%d bad %s:", len(lines), noun)
	} else {
		fmt.Fprintf(&b, "%d bad %s (%d problems):", len(lines), noun, len(e.Rows))
	}
	for i, r := range e.Rows {
		if i == maxListed {
			fmt.Fprintf(&b, "\nand %d more", len(e.Rows)-maxListed)
			break
		}
		b.WriteByte('\n')
		b.WriteString(r.Error())
	}
	return b.String()
}
