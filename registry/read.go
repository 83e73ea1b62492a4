package registry

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"rmad/internal/spelling"
)

// Limits of one import. Operators import big files, so the caps are
// generous; they exist so a wrong file (a database dump, a binary) fails
// with a clear message instead of exhausting memory.
const (
	maxRows        = 1_000_000
	maxFieldBytes  = 4 << 10
	maxRecordBytes = 128 << 10 // 13 columns of 4 KB, every byte a doubled quote, plus slack
	readBufSize    = 4 << 10
)

// limits is passed down rather than read from package state so tests can
// exercise the caps with small files.
type limits struct {
	rows, field, record int
}

// column identifies a known header name.
type column int

const (
	colSerial column = iota
	colModel
	colPart
	colCustomer
	colEmail
	colInvoiceNumber
	colInvoiceDate
	colDeliveryDate
	colInvoicePrice
	colMSRP
	colCurrency
	colPlans
	colDomains
	numColumns
)

// columnNames is indexed by column; a function, not a package variable, so
// nothing in the package is mutable.
func columnNames() [numColumns]string {
	return [numColumns]string{
		"serial_number", "model", "part_number", "customer", "customer_email",
		"invoice_number", "invoice_date", "delivery_date", "invoice_price",
		"msrp", "currency", "plans", "customer_domains",
	}
}

func (c column) String() string { return columnNames()[c] }

// errRecordTooLong is returned by cappedReader when one record grows past
// the cap; encoding/csv passes it through unwrapped.
var errRecordTooLong = errors.New("record too long")

// cappedReader fails once more than limit bytes have been read. The reader
// raises limit after each record, so the cap is per record and the csv
// package's line buffer cannot grow without bound on a file without
// newlines or with an unbalanced quote.
type cappedReader struct {
	r     io.Reader
	n     int64
	limit int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.n >= c.limit {
		return 0, errRecordTooLong
	}
	if rest := c.limit - c.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Read parses a whole registry file. It returns every asset, or no assets
// and a *ParseError listing every bad row. An error reading r itself is
// returned wrapped, and is not a *ParseError.
func Read(r io.Reader) ([]Asset, error) {
	return read(r, limits{rows: maxRows, field: maxFieldBytes, record: maxRecordBytes})
}

func read(r io.Reader, lim limits) ([]Asset, error) {
	cr := &cappedReader{r: r}
	// bufio may read ahead of the record being parsed by up to one buffer,
	// and the 3 bytes of a byte order mark are read but not in InputOffset.
	slack := int64(readBufSize + 3)
	cr.limit = int64(lim.record) + slack
	br := bufio.NewReaderSize(cr, readBufSize)

	// Excel's "CSV UTF-8" starts with a byte order mark.
	if b, _ := br.Peek(3); bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	} else if bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")) {
		return nil, &ParseError{Rows: []RowError{{Line: 1, Reason: "file is UTF-16; save it as CSV UTF-8"}}}
	}

	p := &rowParser{lim: lim, seen: make(map[string]int)}
	csvr := csv.NewReader(br) // reuses br: it is already a large enough *bufio.Reader
	csvr.ReuseRecord = true
	csvr.FieldsPerRecord = -1 // set from the header once it is found

	// nextLine is the earliest line the next record can start on, used when
	// a record is too long to know where it started.
	nextLine := 1
	headerDone := false
	var assets []Asset
	for {
		rec, err := csvr.Read()
		if err == io.EOF {
			break
		}
		line := nextLine
		if len(rec) > 0 {
			line, _ = csvr.FieldPos(0)
			last, _ := csvr.FieldPos(len(rec) - 1)
			nextLine = last + strings.Count(rec[len(rec)-1], "\n") + 1
		}
		cr.limit = csvr.InputOffset() + int64(lim.record) + slack

		var pe *csv.ParseError
		switch {
		case errors.Is(err, errRecordTooLong):
			p.fail(line, "", fmt.Sprintf("record longer than %d bytes; is a quote unbalanced? (reading stopped here)", lim.record))
			return nil, p.err()
		case errors.As(err, &pe) && pe.Err == csv.ErrFieldCount:
			// Handled below with the record, which csv still returns.
		case errors.As(err, &pe):
			// A syntax error ends the record at the end of its line, so
			// reading can go on with the next one.
			p.fail(pe.StartLine, "", fmt.Sprintf("CSV syntax: %v (line %d, column %d)", pe.Err, pe.Line, pe.Column))
			if pe.Line >= nextLine {
				nextLine = pe.Line + 1
			}
			if !headerDone {
				return nil, p.err()
			}
			assets = nil
			continue
		case err != nil:
			return nil, fmt.Errorf("registry: reading CSV: %w", err)
		}

		if blank(rec) {
			continue
		}
		if !headerDone {
			headerDone = true
			if !p.header(line, rec) {
				return nil, p.err()
			}
			csvr.FieldsPerRecord = len(rec)
			continue
		}
		p.rows++
		if p.rows > lim.rows {
			p.fail(line, "", fmt.Sprintf("more than %d rows; split the file (reading stopped here)", lim.rows))
			return nil, p.err()
		}
		if len(rec) != len(p.cols) {
			p.fail(line, "", fmt.Sprintf("%d fields, want %d like the header", len(rec), len(p.cols)))
			assets = nil
			continue
		}
		a := p.row(line, rec)
		if len(p.errs) > 0 {
			// Nothing will be returned: stop holding assets.
			assets = nil
			continue
		}
		assets = append(assets, a)
	}
	if !headerDone {
		p.fail(1, "", "empty file: want a header row starting with serial_number,model")
	}
	if len(p.errs) > 0 {
		return nil, p.err()
	}
	if assets == nil {
		assets = []Asset{}
	}
	return assets, nil
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// rowParser holds what validation needs across rows.
type rowParser struct {
	lim  limits
	cols []column       // header position -> column
	seen map[string]int // serial -> first line
	rows int
	errs []RowError
}

func (p *rowParser) fail(line int, col, reason string) {
	p.errs = append(p.errs, RowError{Line: line, Column: col, Reason: reason})
}

func (p *rowParser) err() *ParseError { return &ParseError{Rows: p.errs} }

// header maps the header row to columns, reporting every problem at once.
func (p *rowParser) header(line int, rec []string) bool {
	names := columnNames()
	index := make(map[string]column, numColumns)
	for c, n := range names {
		index[n] = column(c)
	}
	if len(rec) == 1 && strings.ContainsAny(rec[0], ";\t") {
		p.fail(line, "", "header has one column; the file looks semicolon- or tab-separated, want comma-separated")
		return false
	}
	have := make(map[column]bool, len(rec))
	ok := true
	for _, raw := range rec {
		name := strings.ToLower(strings.TrimSpace(raw))
		c, known := index[name]
		switch {
		case name == "":
			p.fail(line, "", "empty column name (a trailing comma in the header?)")
			ok = false
		case !utf8.ValidString(name) || len(name) > 64:
			p.fail(line, "", fmt.Sprintf("unknown column %s", quote(name)))
			ok = false
		case !known:
			reason := "unknown column"
			if s := spelling.Nearest(name, names[:], 3); s != "" {
				reason += fmt.Sprintf(" (did you mean %s?)", s)
			} else {
				reason += " (known: " + strings.Join(names[:], ", ") + ")"
			}
			p.fail(line, name, reason)
			ok = false
		case have[c]:
			p.fail(line, name, "duplicate column")
			ok = false
		default:
			have[c] = true
			p.cols = append(p.cols, c)
		}
	}
	for _, c := range []column{colSerial, colModel} {
		if !have[c] {
			p.fail(line, c.String(), "required column missing")
			ok = false
		}
	}
	return ok
}

// row validates one data record, reporting every bad value to p.errs.
func (p *rowParser) row(line int, rec []string) Asset {
	var a Asset
	var priced, currencyGiven bool
	bad := func(c column, reason string) { p.fail(line, c.String(), reason) }
	for i, c := range p.cols {
		raw := rec[i]
		if len(raw) > p.lim.field {
			bad(c, fmt.Sprintf("longer than %d bytes (%d)", p.lim.field, len(raw)))
			continue
		}
		// PostgreSQL text refuses both; say so here, by line, rather than
		// failing the whole transaction later.
		if !utf8.ValidString(raw) {
			bad(c, "not valid UTF-8 (save the file as CSV UTF-8)")
			continue
		}
		if strings.IndexByte(raw, 0) >= 0 {
			bad(c, "contains a NUL byte")
			continue
		}
		v := strings.TrimSpace(raw)
		if v == "" {
			if c == colSerial || c == colModel {
				bad(c, "empty (required)")
			}
			continue
		}
		switch c {
		case colSerial:
			s, err := parseSerial(v)
			if err != nil {
				bad(c, err.Error())
				continue
			}
			if first, dup := p.seen[s]; dup {
				bad(c, fmt.Sprintf("%s already on line %d", quote(s), first))
				continue
			}
			p.seen[s] = line
			a.SerialNumber = s
		case colModel:
			a.Model = strings.Clone(v)
		case colPart:
			a.PartNumber = strings.Clone(v)
		case colCustomer:
			a.Customer = strings.Clone(v)
		case colEmail:
			e, err := parseEmail(v)
			if err != nil {
				bad(c, err.Error())
				continue
			}
			a.CustomerEmail = e
		case colInvoiceNumber:
			a.InvoiceNumber = strings.Clone(v)
		case colInvoiceDate, colDeliveryDate:
			d, err := parseDate(v)
			if err != nil {
				bad(c, err.Error())
				continue
			}
			if c == colInvoiceDate {
				a.InvoiceDate = d
			} else {
				a.DeliveryDate = d
			}
		case colInvoicePrice, colMSRP:
			priced = true
			m, err := ParseMoney(v)
			if err != nil {
				bad(c, fmt.Sprintf("%v: %s", err, quote(v)))
				continue
			}
			if c == colInvoicePrice {
				a.InvoicePrice = m
			} else {
				a.MSRP = m
			}
		case colCurrency:
			currencyGiven = true
			cur, err := parseCurrency(v)
			if err != nil {
				bad(c, err.Error())
				continue
			}
			a.Currency = cur
		case colPlans:
			plans, err := ParsePlans(v)
			if err != nil {
				bad(c, err.Error())
				continue
			}
			a.Plans = plans
		case colDomains:
			ds, reasons := parseDomains(v)
			for _, r := range reasons {
				bad(c, r)
			}
			a.CustomerDomains = ds
		}
	}
	// A price without a currency cannot be billed; a bad currency cell was
	// already reported above.
	if priced && !currencyGiven {
		bad(colCurrency, "required when invoice_price or msrp is given")
	}
	return a
}

// parseSerial upper-cases a serial and refuses anything but printable ASCII
// without spaces: the desk matches serials found in mail, and a space, a
// no-break space or a typographic dash pasted into a spreadsheet would make
// the unit impossible to find.
func parseSerial(s string) (string, error) {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return "", fmt.Errorf("not a serial number (printable ASCII without spaces): %s", quote(s))
		}
	}
	// Cloned so the asset does not pin the whole record's memory.
	return strings.Clone(strings.ToUpper(s)), nil
}

// parseEmail accepts one bare address. A display name would be lost, and a
// list means the row should be two contacts, so both are refused.
func parseEmail(s string) (string, error) {
	addr, err := mail.ParseAddress(s)
	if err != nil {
		return "", fmt.Errorf("not an e-mail address: %s", quote(s))
	}
	if addr.Name != "" || addr.Address != s {
		return "", fmt.Errorf("want a bare address like name@example.com: %s", quote(s))
	}
	return strings.Clone(strings.ToLower(addr.Address)), nil
}

// parseDomains reads the company domains of a customer: separated by
// spaces, commas or semicolons, each trimmed, lower-cased, a leading "@"
// and a final dot dropped, an internationalised name converted to its
// ASCII (xn--) form, duplicates dropped. It returns one reason per bad
// domain, so a cell with two mistakes is fixed in one go. A freemail
// domain is refused: its users are unrelated people.
func parseDomains(s string) ([]string, []string) {
	var out []string
	var bad []string
	for _, raw := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		d, err := normaliseDomain(raw)
		if err != nil {
			bad = append(bad, err.Error())
			continue
		}
		if IsFreemail(d) {
			bad = append(bad, d+" is a freemail domain: list the customer's exact address in customer_email instead")
			continue
		}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	if len(bad) > 0 {
		return nil, bad
	}
	return out, nil
}

// normaliseDomain returns the lower-case ASCII form of one domain as
// written in the file, or why it is not a domain name.
func normaliseDomain(raw string) (string, error) {
	d := strings.TrimSuffix(strings.TrimPrefix(raw, "@"), ".")
	if strings.Contains(d, "@") {
		return "", fmt.Errorf("want a domain, not an address (like bigcorp.example): %s", quote(raw))
	}
	ascii := true
	for i := 0; i < len(d); i++ {
		if d[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		// UTS #46 lookup mapping: also folds full-width letters and
		// ideographic full stops, so "ｇｍａｉｌ．com" is gmail.com.
		a, err := idna.Lookup.ToASCII(d)
		if err != nil {
			return "", fmt.Errorf("not a valid internationalised domain name: %s", quote(raw))
		}
		d = strings.TrimSuffix(a, ".")
	}
	d = strings.ToLower(d)
	if !isDomain(d) {
		return "", fmt.Errorf("not a domain name (like bigcorp.example): %s", quote(raw))
	}
	// Cloned so the asset does not pin the whole record's memory.
	return strings.Clone(d), nil
}

// isDomain accepts an ASCII host name with at least two labels of at most
// 63 bytes: letters, digits and inner hyphens (an internationalised domain
// in its xn-- form), 253 bytes in all. An all-digit last label would be an
// IP address, not a domain (RFC 3696 section 2).
func isDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(d) > 253 || len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return strings.ContainsFunc(labels[len(labels)-1], func(r rune) bool { return r < '0' || r > '9' })
}

// Dates outside this range are typos (2205 for 2025, 1925 for 2025).
const (
	minYear = 1990
	maxYear = 2100
)

// parseDate accepts YYYY-MM-DD only: 03/04/2025 means different days on
// either side of the Pacific, and the vendors here span both.
func parseDate(s string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		if len(s) > 10 && s[10] == 'T' {
			return time.Time{}, fmt.Errorf("not a date (want YYYY-MM-DD without a time): %s", quote(s))
		}
		return time.Time{}, fmt.Errorf("not a date (want YYYY-MM-DD): %s", quote(s))
	}
	if d.Year() < minYear || d.Year() > maxYear {
		return time.Time{}, fmt.Errorf("date out of range (want years %d to %d): %s", minYear, maxYear, quote(s))
	}
	return d, nil
}

// parseCurrency checks the shape of an ISO 4217 code; the code list itself
// changes over time and is not worth pinning here.
func parseCurrency(s string) (string, error) {
	if len(s) != 3 {
		return "", fmt.Errorf("not a currency code (want 3 letters like USD): %s", quote(s))
	}
	u := strings.ToUpper(s)
	for i := 0; i < 3; i++ {
		if u[i] < 'A' || u[i] > 'Z' {
			return "", fmt.Errorf("not a currency code (want 3 letters like USD): %s", quote(s))
		}
	}
	return u, nil
}

// quote quotes a value for an error message, shortened so a 4 KB cell does
// not flood the report.
func quote(s string) string {
	const max = 64
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return fmt.Sprintf("%q...", s[:cut])
	}
	return fmt.Sprintf("%q", s)
}
