package registry

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

const fullHeader = "serial_number,model,part_number,customer,customer_email,invoice_number,invoice_date,delivery_date,invoice_price,msrp,currency,plans"

func TestReadGood(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Asset
	}{
		{
			name: "every column, BOM, CRLF, quoted fields, blank lines",
			in: "\ufeff" + fullHeader + "\r\n" +
				"\r\n" +
				` qtfcq0123456789 ,D52BQ-2U,1S5BZZZ0ST1,"Contoso, Ltd.",Ops@Contoso.Example,INV-1,2024-02-29,2024-02-20,"12,500.00",14999,usd,"extended:2y; Advance"` + "\r\n" +
				`Q21BI04567,TS-873A,,"Lee ""Archive""` + "\r\n" + `Dept.",,,,,,,,` + "\r\n" +
				",,,,,,,,,,,\r\n" +
				`A1-126734,TrueNAS Mini X+,,,,,2025-09-02,,0.1,,HKD,card_on_file;sla;` + "\r\n",
			want: []Asset{
				{
					SerialNumber: "QTFCQ0123456789", Model: "D52BQ-2U", PartNumber: "1S5BZZZ0ST1",
					Customer: "Contoso, Ltd.", CustomerEmail: "ops@contoso.example", InvoiceNumber: "INV-1",
					InvoiceDate: date(2024, 2, 29), DeliveryDate: date(2024, 2, 20),
					InvoicePrice: Money{1250000}, MSRP: Money{1499900}, Currency: "USD",
					Plans: []Plan{{Name: "extended", Years: 2}, {Name: "advance"}},
				},
				{SerialNumber: "Q21BI04567", Model: "TS-873A", Customer: "Lee \"Archive\"\nDept."},
				{
					SerialNumber: "A1-126734", Model: "TrueNAS Mini X+", InvoiceDate: date(2025, 9, 2),
					InvoicePrice: Money{10}, Currency: "HKD",
					Plans: []Plan{{Name: "card_on_file"}, {Name: "sla"}},
				},
			},
		},
		{
			name: "header case, spaces and order; optional columns missing; LF without final newline",
			in:   " Model ,SERIAL_NUMBER, Plans\nAX500,ax52501007001,extended:24m\nC1n,C1N2211034567,",
			want: []Asset{
				{SerialNumber: "AX52501007001", Model: "AX500", Plans: []Plan{{Name: "extended", Months: 24}}},
				{SerialNumber: "C1N2211034567", Model: "C1n"},
			},
		},
		{
			name: "header only",
			in:   "serial_number,model\n",
			want: []Asset{},
		},
		{
			name: "blank lines before the header",
			in:   "\n\n,\nserial_number,model\nX1,M\n",
			want: []Asset{{SerialNumber: "X1", Model: "M"}},
		},
		{
			name: "currency without a price is kept",
			in:   "serial_number,model,currency\nX1,M,hkd\n",
			want: []Asset{{SerialNumber: "X1", Model: "M", Currency: "HKD"}},
		},
		{
			name: "field of exactly 4 KB",
			in:   "serial_number,model,customer\nX1,M," + strings.Repeat("c", maxFieldBytes) + "\n",
			want: []Asset{{SerialNumber: "X1", Model: "M", Customer: strings.Repeat("c", maxFieldBytes)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

// wantErr is an expected RowError; reason is a substring of the real one.
type wantErr struct {
	line   int
	column string
	reason string
}

func TestReadErrors(t *testing.T) {
	long := strings.Repeat("x", maxFieldBytes+1)
	tests := []struct {
		name string
		in   string
		lim  *limits // nil: the real limits
		want []wantErr
	}{
		{"empty file", "", nil, []wantErr{{1, "", "empty file"}}},
		{"only blank lines", "\n\r\n , \n", nil, []wantErr{{1, "", "empty file"}}},
		{"typo in a column name", "serial_number,model,invoice_dat\n", nil,
			[]wantErr{{1, "invoice_dat", "unknown column (did you mean invoice_date?)"}}},
		{"unknown column far from any known one", "serial_number,model,warranty_end\n", nil,
			[]wantErr{{1, "warranty_end", "known: serial_number, model"}}},
		{"duplicate column, missing required, all reported", "Serial_Number,part_number,SERIAL_NUMBER,\n", nil,
			[]wantErr{
				{1, "serial_number", "duplicate column"},
				{1, "", "empty column name"},
				{1, "model", "required column missing"},
			}},
		{"header on a later line", "\n\nmodel,foo\n", nil,
			[]wantErr{{3, "foo", "unknown column"}, {3, "serial_number", "required column missing"}}},
		{"semicolon-separated", "serial_number;model\nX;M\n", nil, []wantErr{{1, "", "semicolon"}}},
		{"UTF-16", "\xff\xfes\x00n\x00", nil, []wantErr{{1, "", "UTF-16"}}},
		{"syntax error in header", "serial_number,\"model\"x\n", nil, []wantErr{{1, "", "CSV syntax"}}},
		{
			name: "wrong field counts, reading goes on",
			in:   "serial_number,model\nA,M,extra\nB\nC,M\nD,M,\n",
			want: []wantErr{{2, "", "3 fields, want 2"}, {3, "", "1 fields, want 2"}, {5, "", "3 fields, want 2"}},
		},
		{
			name: "line numbers count physical lines of quoted fields and blank lines",
			in:   "serial_number,model,customer\nA,M,\"two\nlines\"\n\n\"B\",\"M\r\nx\",\"\"\nC,M,\"a\nb\nc\"\nD,,\n",
			want: []wantErr{{10, "model", "empty (required)"}},
		},
		{
			name: "dates",
			in: "serial_number,model,invoice_date,delivery_date\n" +
				"A,M,07/32/2025,2025-03-03T00:00:00Z\n" +
				"B,M,2025-02-30,2025-3-3\n" +
				"C,M,1989-12-31,2101-01-01\n" +
				"D,M,1990-01-01,2100-12-31\n",
			want: []wantErr{
				{2, "invoice_date", `not a date (want YYYY-MM-DD): "07/32/2025"`},
				{2, "delivery_date", `without a time`},
				{3, "invoice_date", `not a date`},
				{3, "delivery_date", `not a date`},
				{4, "invoice_date", `out of range`},
				{4, "delivery_date", `out of range`},
			},
		},
		{
			name: "e-mail",
			in:   "serial_number,model,customer_email\nA,M,not-an-address\nB,M,Bob <bob@example.com>\nC,M,a@x.example; b@y.example\nD,M,d@x.example\n",
			want: []wantErr{
				{2, "customer_email", "not an e-mail address"},
				{3, "customer_email", "bare address"},
				{4, "customer_email", "not an e-mail address"},
			},
		},
		{
			name: "money and currency",
			in: "serial_number,model,invoice_price,msrp,currency\n" +
				"A,M,-5,1.234,USD\n" +
				"B,M,$100,,USD\n" +
				"C,M,100,,\n" +
				"D,M,,100,US\n" +
				"E,M,0,,Us1\n",
			want: []wantErr{
				{2, "invoice_price", `negative amount: "-5"`},
				{2, "msrp", `more than two decimals: "1.234"`},
				{3, "invoice_price", "no currency symbol"},
				{4, "currency", "required when invoice_price or msrp is given"},
				{5, "currency", `not a currency code (want 3 letters like USD): "US"`},
				{6, "currency", "not a currency code"},
			},
		},
		{
			name: "price without a currency column",
			in:   "serial_number,model,msrp\nA,M,100\nB,M,\n",
			want: []wantErr{{2, "currency", "required"}},
		},
		{
			name: "serials",
			in: "serial_number,model\n" +
				"q21bi04567,TS-873A\n" +
				",TS-873A\n" +
				"Q21 BI04568,TS-873A\n" +
				"Q21BI04569\u00a0X,TS-873A\n" +
				"Q21BI04567,TS-873A\n" +
				"Q21BI04570,\n",
			want: []wantErr{
				{3, "serial_number", "empty (required)"},
				{4, "serial_number", "printable ASCII without spaces"},
				{5, "serial_number", "printable ASCII without spaces"},
				{6, "serial_number", `"Q21BI04567" already on line 2`},
				{7, "model", "empty (required)"},
			},
		},
		{
			name: "plans",
			in: "serial_number,model,plans\n" +
				"A,M,extended\n" +
				"B,M,advance;Ext-ended:2y\n" +
				"C,M,extended:0y\n" +
				"D,M,extended:2w\n" +
				"E,M,advance;ADVANCE\n" +
				"F,M,extended:24y\n" +
				"G,M,extended:2y;advance\n",
			want: []wantErr{
				{2, "plans", "needs a duration"},
				{3, "plans", `plan "ext-ended": name must be letters and underscores`},
				{4, "plans", "whole number"},
				{5, "plans", "whole number"},
				{6, "plans", "listed twice"},
				{7, "plans", "more than 10 years"},
			},
		},
		{
			name: "encoding and size of values",
			in:   "serial_number,model,customer,part_number\nA,M,caf\xe9,\nB,M,x\x00y,\nC,M," + long + ",\n",
			want: []wantErr{
				{2, "customer", "not valid UTF-8"},
				{3, "customer", "NUL"},
				{4, "customer", "longer than 4096 bytes (4097)"},
			},
		},
		{
			name: "several problems in one row, and in several rows",
			in:   fullHeader + "\nA,,,,x,,2025-13-01,,1.999,,,sla:\nB,M,,,,,,,,,,\nC,M,,,,,,,,,,oops!\n",
			want: []wantErr{
				{2, "model", "empty"},
				{2, "customer_email", "not an e-mail"},
				{2, "invoice_date", "not a date"},
				{2, "invoice_price", "more than two decimals"},
				{2, "plans", "duration"},
				{2, "currency", "required"},
				{4, "plans", "letters and underscores"},
			},
		},
		{
			name: "CSV syntax errors, reading goes on",
			in:   "serial_number,model\nA,M\"x\nB,\"M\" x\nC,M\nC,M\n\"D,M\n",
			want: []wantErr{
				{2, "", `CSV syntax: bare " in non-quoted-field (line 2, column 4)`},
				{3, "", `CSV syntax: extraneous or missing " in quoted-field`},
				{5, "serial_number", "already on line 4"},
				{6, "", "CSV syntax"},
			},
		},
		{
			name: "too many rows",
			in:   "serial_number,model\nA,M\n\nB,M\n,\nC,M\nD,M\n",
			lim:  &limits{rows: 2, field: maxFieldBytes, record: maxRecordBytes},
			want: []wantErr{{6, "", "more than 2 rows"}},
		},
		{
			name: "unbalanced quote swallowing the file",
			in:   "serial_number,model\nA,M\n\"B,M\n" + strings.Repeat("C,M\n", 60_000),
			want: []wantErr{{3, "", "record longer than 131072 bytes; is a quote unbalanced?"}},
		},
		{
			name: "one enormous line",
			in:   "serial_number,model\nA,M\nB," + strings.Repeat("m", 300_000) + "\n",
			want: []wantErr{{3, "", "record longer than"}},
		},
		{
			name: "enormous header",
			in:   strings.Repeat("serial_number,", 20_000) + "\n",
			want: []wantErr{{1, "", "record longer than"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := limits{rows: maxRows, field: maxFieldBytes, record: maxRecordBytes}
			if tt.lim != nil {
				lim = *tt.lim
			}
			got, err := read(strings.NewReader(tt.in), lim)
			if got != nil {
				t.Errorf("got %d assets with an error, want none", len(got))
			}
			pe, ok := err.(*ParseError)
			if !ok {
				t.Fatalf("error %v (%T), want *ParseError", err, err)
			}
			var msgs []string
			for _, r := range pe.Rows {
				msgs = append(msgs, r.Error())
			}
			if len(pe.Rows) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(pe.Rows), len(tt.want), strings.Join(msgs, "\n"))
			}
			for i, w := range tt.want {
				r := pe.Rows[i]
				if r.Line != w.line || r.Column != w.column || !strings.Contains(r.Reason, w.reason) {
					t.Errorf("error %d: got %q, want line %d, column %q, reason containing %q", i, r.Error(), w.line, w.column, w.reason)
				}
			}
		})
	}
}

func TestReadReturnsParseErrorForErrorsAs(t *testing.T) {
	_, err := Read(strings.NewReader("serial_number,model\nA,\n"))
	var pe *ParseError
	if !errors.As(fmt.Errorf("import: %w", err), &pe) || len(pe.Rows) != 1 {
		t.Fatalf("errors.As failed on %v", err)
	}
}

type failingReader struct{ n int }

var errDisk = errors.New("disk on fire")

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n > 0 {
		return 0, errDisk
	}
	f.n++
	return copy(p, "serial_number,model\nA,M\n"), nil
}

func TestReadIOError(t *testing.T) {
	got, err := Read(&failingReader{})
	if got != nil || !errors.Is(err, errDisk) {
		t.Fatalf("got %v, %v; want nil and the reader's error", got, err)
	}
	var pe *ParseError
	if errors.As(err, &pe) {
		t.Fatalf("an I/O error must not look like bad rows: %v", err)
	}
}

func TestParseErrorMessage(t *testing.T) {
	one := RowError{Line: 7, Column: "invoice_date", Reason: `not a date (want YYYY-MM-DD): "07/32/2025"`}
	if got, want := one.Error(), `line 7: invoice_date: not a date (want YYYY-MM-DD): "07/32/2025"`; got != want {
		t.Errorf("RowError: got %q, want %q", got, want)
	}
	if got, want := (RowError{Line: 3, Reason: "3 fields, want 2"}).Error(), "line 3: 3 fields, want 2"; got != want {
		t.Errorf("RowError without column: got %q, want %q", got, want)
	}
	tests := []struct {
		name string
		rows []RowError
		want string
	}{
		{"one", []RowError{one}, "1 bad row:\n" + one.Error()},
		{"two rows", []RowError{{Line: 3, Reason: "a"}, {Line: 9, Column: "model", Reason: "b"}},
			"2 bad rows:\nline 3: a\nline 9: model: b"},
		{"two problems in one row", []RowError{{Line: 3, Column: "x", Reason: "a"}, {Line: 3, Column: "y", Reason: "b"}},
			"1 bad row (2 problems):\nline 3: x: a\nline 3: y: b"},
	}
	for _, tt := range tests {
		if got := (&ParseError{Rows: tt.rows}).Error(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}

	var many ParseError
	for i := range 120 {
		many.Rows = append(many.Rows, RowError{Line: i + 2, Reason: "bad"})
	}
	msg := many.Error()
	lines := strings.Split(msg, "\n")
	if lines[0] != "120 bad rows:" || len(lines) != 1+maxListed+1 || lines[len(lines)-1] != "and 70 more" || lines[maxListed] != "line 51: bad" {
		t.Errorf("capped listing wrong:\n%s", msg)
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in      string
		cents   int64
		wantErr string
	}{
		{"0", 0, ""},
		{"0.1", 10, ""},
		{"0.01", 1, ""},
		{"12500", 1250000, ""},
		{"12500.5", 1250050, ""},
		{"12,500.00", 1250000, ""},
		{"1,234.56", 123456, ""},
		{"1,234,567", 123456700, ""},
		{" 7.20 ", 720, ""},
		{"007", 700, ""},
		{"999999999999999.99", 99999999999999999, ""},
		{"1000000000000000", 0, "too large"},
		{"", 0, "empty"},
		{"-5", 0, "negative"},
		{"-0.00", 0, "negative"},
		{"+5", 0, "not an amount"},
		{"1.234", 0, "more than two decimals"},
		{"1,23", 0, "misplaced thousands comma"},
		{"1,2345", 0, "misplaced thousands comma"},
		{",123", 0, "misplaced thousands comma"},
		{"1234,567", 0, "misplaced thousands comma"},
		{"12,500,00", 0, "misplaced thousands comma"},
		{"1.", 0, "not an amount"},
		{".5", 0, "not an amount"},
		{"1.2.3", 0, "not an amount"},
		{"$100", 0, "not an amount"},
		{"100 USD", 0, "not an amount"},
		{"1e3", 0, "not an amount"},
		{"１２", 0, "not an amount"},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("ParseMoney(%q): %v", tt.in, err)
		case tt.wantErr == "" && got.Cents != tt.cents:
			t.Errorf("ParseMoney(%q) = %d cents, want %d", tt.in, got.Cents, tt.cents)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("ParseMoney(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.wantErr)
		}
	}
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		m    Money
		want string
	}{
		{Money{0}, "0.00"},
		{Money{10}, "0.10"},
		{Money{1250000}, "12500.00"},
		{Money{123456}, "1234.56"},
		{Money{-505}, "-5.05"},
		{Money{-9223372036854775808}, "-92233720368547758.08"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("Money{%d}.String() = %q, want %q", tt.m.Cents, got, tt.want)
		}
	}
	// String output parses back to the same amount.
	for _, c := range []int64{0, 1, 99, 100, 1250050} {
		if m, err := ParseMoney(Money{c}.String()); err != nil || m.Cents != c {
			t.Errorf("round trip of %d: %v, %v", c, m, err)
		}
	}
}

func TestParsePlans(t *testing.T) {
	tests := []struct {
		in      string
		want    []Plan
		wantErr string
	}{
		{"", nil, ""},
		{" ; ", nil, ""},
		{"advance", []Plan{{Name: "advance"}}, ""},
		{"extended:2y;advance", []Plan{{Name: "extended", Years: 2}, {Name: "advance"}}, ""},
		{"Extended : 24M ; Card_On_File;", []Plan{{Name: "extended", Months: 24}, {Name: "card_on_file"}}, ""},
		{"sla:1y", []Plan{{Name: "sla", Years: 1}}, ""},
		{"extended:10y", []Plan{{Name: "extended", Years: 10}}, ""},
		{"extended:120m", []Plan{{Name: "extended", Months: 120}}, ""},
		{"extended", nil, "needs a duration"},
		{"extended:", nil, "duration"},
		{"extended:y", nil, "duration"},
		{"extended:0m", nil, "duration"},
		{"extended:-1y", nil, "duration"},
		{"extended:1y6m", nil, "duration"},
		{"extended:2 y", nil, "duration"},
		{"extended:11y", nil, "more than 10 years"},
		{"extended:121m", nil, "more than 120 months"},
		{"extended:99999999999999999999y", nil, "duration"},
		{"advance2", nil, "letters and underscores"},
		{"card on file", nil, "letters and underscores"},
		{":2y", nil, "letters and underscores"},
		{"advance,sla", nil, "letters and underscores"},
		{"sla;advance;sla", nil, "listed twice"},
	}
	for _, tt := range tests {
		got, err := ParsePlans(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParsePlans(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParsePlans(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

// TestSample reads the shipped sample covering the four preset vendors.
func TestSample(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "assets.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	assets, err := Read(f)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(assets) != 14 {
		t.Fatalf("got %d assets, want 14", len(assets))
	}
	bySerial := make(map[string]Asset)
	for _, a := range assets {
		bySerial[a.SerialNumber] = a
	}
	checks := []struct {
		serial string
		check  func(Asset) bool
	}{
		{"QTFCQ0123456789", func(a Asset) bool {
			return a.Model == "D52BQ-2U" && a.InvoicePrice.Cents == 1250000 && a.Currency == "USD" &&
				reflect.DeepEqual(a.Plans, []Plan{{Name: "extended", Years: 2}, {Name: "advance"}})
		}},
		{"QTFCR2201007734", func(a Asset) bool {
			return a.Customer == "Contoso, Ltd." && a.CustomerEmail == "it-purchasing@contoso.example" && a.DeliveryDate.IsZero()
		}},
		{"Q20AK09876", func(a Asset) bool {
			return a.Customer == `Lee & Partners "Archive" Dept.` && a.Currency == "HKD" &&
				reflect.DeepEqual(a.Plans, []Plan{{Name: "extended", Months: 24}})
		}},
		{"Q23DL05555", func(a Asset) bool { return a.Model == "TVS-EC1680U-SAS" && a.Plans == nil }},
		{"AX52501007001", func(a Asset) bool {
			return a.DeliveryDate.Equal(date(2025, 1, 20)) && a.MSRP.String() == "10200.00"
		}},
		{"TN-R20-10457", func(a Asset) bool {
			return a.InvoicePrice.String() == "7420.50" && a.InvoiceDate.Equal(date(2026, 1, 12))
		}},
		{"A1-126734", func(a Asset) bool { return a.Model == "TrueNAS Mini X+" && a.InvoicePrice.Cents == 129900 }},
	}
	for _, c := range checks {
		a, ok := bySerial[c.serial]
		if !ok || !c.check(a) {
			t.Errorf("%s: unexpected %+v", c.serial, a)
		}
	}
}

func FuzzRead(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "assets.csv")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(""))
	f.Add([]byte("\ufeffserial_number,model\r\nA,M\r\n"))
	f.Add([]byte(fullHeader + "\nA,M,P,\"C, D\",a@b.example,I,2024-01-02,2024-01-01,\"1,000.5\",2,usd,extended:2y;advance\nA,M,,,,,,,,,,\n"))
	f.Add([]byte("serial_number,model,plans\n\"A\nB\",M,sla:3m\n\"C,M\n"))
	f.Add([]byte("serial_number,model,customer_email,customer_domains\nA,M,ann@gmail.com,\"@BigCorp.example; bigcorp.co.uk, bücher.example\"\nB,M,,gmail.com hotmail.co.uk\nC,M,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		assets, err := Read(bytes.NewReader(data))
		if err != nil {
			pe, ok := err.(*ParseError)
			if !ok {
				t.Fatalf("error %T %v, want *ParseError", err, err)
			}
			if assets != nil || len(pe.Rows) == 0 {
				t.Fatalf("assets %v with %d rows of errors", assets, len(pe.Rows))
			}
			for _, r := range pe.Rows {
				if r.Line < 1 || r.Reason == "" {
					t.Fatalf("bad RowError %+v", r)
				}
			}
			_ = pe.Error()
			return
		}
		if assets == nil {
			t.Fatal("nil assets without an error")
		}
		seen := make(map[string]bool)
		for _, a := range assets {
			if a.SerialNumber == "" || a.Model == "" || a.SerialNumber != strings.ToUpper(a.SerialNumber) || seen[a.SerialNumber] {
				t.Fatalf("bad serial/model %+v", a)
			}
			seen[a.SerialNumber] = true
			if a.CustomerEmail != strings.ToLower(a.CustomerEmail) {
				t.Fatalf("email not lower-case: %q", a.CustomerEmail)
			}
			if a.CustomerDomains != nil && len(a.CustomerDomains) == 0 {
				t.Fatal("empty non-nil CustomerDomains")
			}
			for _, d := range a.CustomerDomains {
				if !isDomain(d) || IsFreemail(d) {
					t.Fatalf("bad customer domain %q", d)
				}
			}
			if a.InvoicePrice.Cents < 0 || a.MSRP.Cents < 0 {
				t.Fatalf("negative money %+v", a)
			}
			if (a.InvoicePrice.Cents != 0 || a.MSRP.Cents != 0) && len(a.Currency) != 3 {
				t.Fatalf("price without currency %+v", a)
			}
			for _, d := range []time.Time{a.InvoiceDate, a.DeliveryDate} {
				if !d.IsZero() && (d.Location() != time.UTC || d.Hour() != 0 || d.Year() < minYear || d.Year() > maxYear) {
					t.Fatalf("bad date %v", d)
				}
			}
			for _, p := range a.Plans {
				if !validPlanName(p.Name) || (p.Name == "extended" && p.Years == 0 && p.Months == 0) {
					t.Fatalf("bad plan %+v", p)
				}
			}
			for _, s := range []string{a.SerialNumber, a.Model, a.PartNumber, a.Customer, a.CustomerEmail, a.InvoiceNumber} {
				if len(s) > maxFieldBytes || strings.TrimSpace(s) != s {
					t.Fatalf("untrimmed or long value %q", s)
				}
			}
		}
	})
}

// A last record without a newline, split across reads, is still read.
func TestReadDataWithEOF(t *testing.T) {
	got, err := Read(io.MultiReader(strings.NewReader("serial_number,model\n"), strings.NewReader("A,M")))
	if err != nil || len(got) != 1 {
		t.Fatalf("got %v, %v", got, err)
	}
}

// customer_domains: every spelling an operator uses comes out as one
// lower-case ASCII list; a row without domains keeps nil.
func TestReadCustomerDomains(t *testing.T) {
	in := "serial_number,model,customer_email,customer_domains\r\n" +
		"S1,M,bob@bigcorp.example,\"@BigCorp.Example; bigcorp.co.uk, bigcorp.example.\"\r\n" +
		"S2,M,,\r\n" +
		"S3,M,ann@gmail.com,\"  eu.bigcorp.example\tfoo-bar.example ;; \"\r\n" + // freemail customer_email is fine
		"S4,M,,Bücher.example\r\n" +
		"S5,M,,\"xn--bcher-kva.example,bücher.example\"\r\n" +
		"S6,M,,\" ; , \"\r\n"
	got, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"bigcorp.example", "bigcorp.co.uk"},
		nil,
		{"eu.bigcorp.example", "foo-bar.example"},
		{"xn--bcher-kva.example"},
		{"xn--bcher-kva.example"},
		nil,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d assets, want %d", len(got), len(want))
	}
	for i, a := range got {
		if !reflect.DeepEqual(a.CustomerDomains, want[i]) {
			t.Errorf("%s: domains %#v, want %#v", a.SerialNumber, a.CustomerDomains, want[i])
		}
	}
	if got[2].CustomerEmail != "ann@gmail.com" {
		t.Errorf("customer_email beside domains: %q", got[2].CustomerEmail)
	}

	// Without the column nothing changes.
	got, err = Read(strings.NewReader("serial_number,model,customer_email\nS1,M,bob@bigcorp.example\n"))
	if err != nil || len(got) != 1 || got[0].CustomerDomains != nil || got[0].CustomerEmail != "bob@bigcorp.example" {
		t.Fatalf("without the column: %#v, %v", got, err)
	}
}

// Every bad domain is reported with its line, one error per domain, and
// nothing is imported.
func TestReadCustomerDomainsErrors(t *testing.T) {
	const col = "customer_domains"
	const fm = "is a freemail domain: list the customer's exact address in customer_email instead"
	in := "serial_number,model,customer_domains\n" +
		"S1,M,gmail.com\n" + // 2
		"S2,M,bigcorp.example\n" + // 3: good, still not imported
		"S3,M,\"bigcorp.example; Hotmail.co.uk, @yahoo.co.jp\"\n" + // 4
		"S4,M,bad_domain!\n" + // 5
		"S5,M,localhost\n" + // 6
		"S6,M,\"-bigcorp.example bigcorp-.example big..corp.example\"\n" + // 7
		"S7,M,10.0.0.1\n" + // 8
		"S8,M,bob@bigcorp.example\n" + // 9
		"S9,M,ｇｍａｉｌ．com\n" + // 10: full-width spelling of gmail.com
		"S10,M,a\u200d\u200db.example\n" + // 11: joiners IDNA refuses
		"S11,M," + strings.Repeat("a", 64) + ".example\n" + // 12: label too long
		"S12,M,gmx.de\n" + // 13
		"S13,M,proton.me\n" // 14
	_, err := Read(strings.NewReader(in))
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want *ParseError", err)
	}
	want := []wantErr{
		{2, col, "gmail.com " + fm},
		{4, col, "hotmail.co.uk " + fm},
		{4, col, "yahoo.co.jp " + fm},
		{5, col, `not a domain name (like bigcorp.example): "bad_domain!"`},
		{6, col, `not a domain name`},
		{7, col, `"-bigcorp.example"`},
		{7, col, `"bigcorp-.example"`},
		{7, col, `"big..corp.example"`},
		{8, col, `not a domain name`},
		{9, col, "not an address"},
		{10, col, "gmail.com " + fm},
		{11, col, "not a valid internationalised domain name"},
		{12, col, "not a domain name"},
		{13, col, "gmx.de " + fm},
		{14, col, "proton.me " + fm},
	}
	if len(pe.Rows) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(pe.Rows), len(want), err)
	}
	for i, w := range want {
		r := pe.Rows[i]
		if r.Line != w.line || r.Column != w.column || !strings.Contains(r.Reason, w.reason) {
			t.Errorf("error %d: got %q, want line %d, column %q, reason containing %q", i, r.Error(), w.line, w.column, w.reason)
		}
	}
	if got, want := pe.Rows[0].Error(), "line 2: customer_domains: gmail.com "+fm; got != want {
		t.Errorf("message: got %q, want %q", got, want)
	}
}

func TestIsFreemail(t *testing.T) {
	tests := []struct {
		domain string
		want   bool
	}{
		{"gmail.com", true},
		{"googlemail.com", true},
		{" GMail.com. ", true},
		{"outlook.com", true},
		{"outlook.de", true},
		{"hotmail.com", true},
		{"hotmail.co.uk", true},
		{"hotmail.fr", true},
		{"live.com", true},
		{"live.com.au", true},
		{"msn.com", true},
		{"yahoo.com", true},
		{"yahoo.co.jp", true},
		{"yahoo.com.br", true},
		{"ymail.com", true},
		{"aol.com", true},
		{"aol.co.uk", true},
		{"icloud.com", true},
		{"me.com", true},
		{"mac.com", true},
		{"proton.me", true},
		{"protonmail.com", true},
		{"pm.me", true},
		{"gmx.de", true},
		{"gmx.net", true},
		{"web.de", true},
		{"mail.ru", true},
		{"yandex.ru", true},
		{"yandex.com.tr", true},
		{"qq.com", true},
		{"163.com", true},
		{"126.com", true},
		{"sina.com", true},
		{"naver.com", true},
		{"zoho.com", true},
		{"fastmail.com", true},
		{"tutanota.com", true},
		{"mail.com", true},

		{"", false},
		{".", false},
		{"com", false},
		{"hotmail", false},
		{"bigcorp.example", false},
		{"mail.bigcorp.example", false},
		{"gmail.bigcorp.example", false},
		{"yahoo.bigcorp.example", false},
		{"hotmail.example.com", false},
		{"hotmail.co.uk.example", false},
		{"eu.gmail.com", false}, // not a mailbox domain Google hands out
		{"notgmail.com", false},
		{"xn--bcher-kva.example", false},
	}
	for _, tt := range tests {
		if got := IsFreemail(tt.domain); got != tt.want {
			t.Errorf("IsFreemail(%q) = %v, want %v", tt.domain, got, tt.want)
		}
	}
}

// The desk calls IsFreemail for every automatic answer: it must not allocate
// for the lower-case domains it passes.
func TestIsFreemailDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() {
		_ = IsFreemail("hotmail.co.uk")
		_ = IsFreemail("bigcorp.example")
	}); n != 0 {
		t.Errorf("IsFreemail allocates %v times per call pair", n)
	}
}
