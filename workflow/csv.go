package workflow

import (
	"encoding/csv"
	"regexp"
)

// csvWriter writes CSV that is safe to open in a spreadsheet: finance opens
// the digest in Excel or LibreOffice, and a customer who wrote
// `Model: =HYPERLINK(...)` must not get a formula into that sheet.
type csvWriter struct{ *csv.Writer }

// Write neutralises every cell (see csvCell) and writes the record.
func (w csvWriter) Write(rec []string) {
	out := make([]string, len(rec))
	for i, c := range rec {
		out[i] = csvCell(c)
	}
	// Errors are sticky in csv.Writer and reported by Flush/Error.
	_ = w.Writer.Write(out)
}

var plainNumber = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// csvCell prefixes a cell that a spreadsheet would read as a formula with a
// single quote, as OWASP's "CSV Injection" page advises: cells starting
// with =, +, -, @, tab or carriage return. A plain number (an amount such
// as -12.50) is left as is: it is not a formula and finance sums it.
func csvCell(s string) string {
	if s == "" || plainNumber.MatchString(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return "'" + s
	}
	return s
}
