package parser

import (
	"slices"
	"strings"
)

// parseTable reads a text table: a header row with a serial column and
// cells separated by "|", tabs or runs of spaces, then one row per unit.
func parseTable(lines, low []string, used []bool) []Unit {
	var units []Unit
	var fines []bool // per unit: its row says it works
	for i := 0; i < len(lines); i++ {
		if !containsAny(low[i], tableSerialWords) {
			if !codeHeader(low[i]) {
				continue
			}
			if purchaseTable(low, i) {
				// its rows name goods, not units: no other reading takes
				// them for units either
				for ; i < len(lines) && strings.IndexByte(lines[i], '|') >= 0; i++ {
					used[i] = true
				}
				continue
			}
		}
		split := splitCells
		if l := lines[i]; strings.IndexByte(l, '|') < 0 && strings.IndexByte(l, '\t') < 0 && !strings.Contains(l, "  ") {
			// an export pasted as CSV ("model;serial;firmware"): its
			// rows are split on the header's separator
			if split = csvSplitter(l); split == nil {
				continue
			}
		}
		cells := split(lines[i])
		if len(cells) < 2 {
			continue
		}
		cols := make([]int, len(cells))
		hasCode := false // a serial column, or a model or part column of a codeHeader
		for c, cell := range cells {
			cols[c], _ = lookupLabel(cell)
			if cols[c] == 0 && osColumn(cell) {
				cols[c] = kFirmware
			}
			if cols[c] == kSerial || cols[c] == kModel || cols[c] == kPart {
				hasCode = hasCode || cols[c] == kSerial || codeHeader(low[i])
			}
		}
		if !hasCode {
			continue
		}
		used[i] = true
		healthy := healthyTable(low, i)
		nrow := 0
		for j := i + 1; j < len(lines); j++ {
			row := split(lines[j])
			if t := strings.TrimSpace(lines[j]); t != "" && strings.Trim(t, "-=+|: ") == "" {
				used[j] = true
				continue // a rule line ("|---|---|")
			}
			if len(row) != len(cells) {
				if strings.TrimSpace(strings.Trim(lines[j], "-=+| ")) == "" && strings.TrimSpace(lines[j]) != "" {
					used[j] = true
					continue // a rule line
				}
				// a row whose last cells are empty ("A2-10291<TAB>TrueNAS
				// Mini R" under three columns) when the serial is first
				if len(row) < 2 || len(row) > len(cells) || !(cols[0] == kSerial && hasDigit(row[0]) || emptyTail(lines[j])) {
					break
				}
			}
			used[j] = true
			var u Unit
			var more []string // the cell's other serials ("Q21BI04567, Q21BI04568")
			fine := false
			for c, v := range row {
				switch cols[c] {
				case 0:
					fine = fine || fineCell(v)
				case kSerial:
					sns := cellSerials(v)
					if len(sns) > 0 {
						u.SerialNumber, more = sns[0], sns[1:]
					}
				case kPart:
					u.PartNumber = cleanCode(v)
				case kModel:
					u.Model = v
				case kFirmware:
					// "5.1.4 → 5.2.0 (failed)": the version that runs
					u.Firmware = firmwareNow(v)
				}
			}
			// a row without a serial is a unit by its model or part number
			// ("1 | TS-464 | ", its serial to come); "2 | Total | " is none
			if (u.SerialNumber != "" || hasDigit(u.Model) || hasDigit(u.PartNumber)) && (healthy < 0 || nrow >= healthy) {
				units = append(units, u)
				fines = append(fines, fine)
				for _, sn := range more {
					u.SerialNumber = sn
					units = append(units, u)
					fines = append(fines, fine)
				}
			}
			nrow++
			i = j
		}
		if len(units) > 0 {
			return withoutFineRows(units, fines)
		}
	}
	return units
}

// codeHeader: a "|" row of short headings, one naming the model or part
// number, none a code ("Model | Qty", "Part Number | Description | Qty",
// "Model | Bought 2025"): a table of units without a serial column. A
// "Model | TS-873A" row is a label and its value.
func codeHeader(low string) bool {
	if strings.IndexByte(low, '|') < 0 || !strings.Contains(low, "model") && !strings.Contains(low, "part") {
		return false
	}
	cells := splitCells(low)
	if len(cells) < 2 {
		return false
	}
	for _, c := range cells {
		if f := strings.Fields(c); len(c) > 30 || len(f) == 0 || hasDigit(f[0]) {
			return false
		}
	}
	return true
}

// emptyTail: a "|" row whose last cells are empty ("1 | TS-464 | ").
func emptyTail(l string) bool {
	t := strings.TrimSpace(l)
	return strings.HasSuffix(t, "|") && strings.IndexByte(t[:len(t)-1], '|') >= 0
}

// cellSerials are the serials of a serial cell: one, or a list of them
// (two units of a "Qty 2" row: "Q21BI04567, Q21BI04568"); "Total 2 units"
// is none.
func cellSerials(v string) []string {
	if c := cleanCode(v); hasDigit(c) && !strings.ContainsAny(strings.TrimSpace(v), ",; ") {
		return []string{c}
	}
	var out, notes []string
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '/' }) {
		if c := cleanCode(p); len(c) >= 6 && hasDigit(c) {
			out, notes = append(out, c), append(notes, "")
		} else if len(notes) > 0 {
			notes[len(notes)-1] += " " + p
		}
	}
	if len(out) >= 2 {
		return withoutGoneInCell(out, notes)
	}
	if c := cleanCode(v); hasDigit(c) {
		return []string{c}
	}
	return nil
}

// withoutGoneInCell drops the serials of a cell that its note after each
// says work or went back ("Q21BI04567 (old, returned) Q21BI04999 (new,
// dead)", "Q21BI04567 / replaced by Q21BI09999 (works)"): the request is
// about the others. A cell whose every serial is so noted keeps them all.
func withoutGoneInCell(sns, notes []string) []string {
	var keep []string
	for k, sn := range sns {
		if n := strings.ToLower(notes[k]); !fineCell(n) && !containsAny(n, goneNotes) {
			keep = append(keep, sn)
		}
	}
	if len(keep) == 0 {
		return sns
	}
	return keep
}

// goneNotes say a unit has gone back already.
var goneNotes = []string{"returned", "sent back", "zurückgeschickt", "zurückgesandt", "renvoyé", "retourné", "devuelto", "devuelta"}

// withoutFineRows drops the units whose row says they work, while a row
// of a failed unit remains: the request is about those.
func withoutFineRows(units []Unit, fine []bool) []Unit {
	if !slices.Contains(fine, true) || !slices.Contains(fine, false) {
		return units
	}
	out := units[:0:0]
	for k, u := range units {
		if !fine[k] {
			out = append(out, u)
		}
	}
	return out
}

// splitCells splits a table row on "|", or on tabs and runs of two or
// more spaces. A line that is not a row of at least two cells gives nil.
func splitCells(l string) []string {
	t := strings.TrimSpace(l)
	if t == "" || len(t) > 400 {
		return nil
	}
	var cells []string
	if strings.IndexByte(t, '|') >= 0 {
		t = strings.Trim(t, "|")
		cells = strings.Split(t, "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		return cells
	}
	if strings.IndexByte(t, '\t') < 0 && !strings.Contains(t, "  ") {
		return nil
	}
	start := 0
	for i := 0; i < len(t); {
		if !isSpaceByte(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && isSpaceByte(t[j]) {
			j++
		}
		if j-i >= 2 || t[i] == '\t' {
			cells = append(cells, t[start:i])
			start = j
		}
		i = j
	}
	return append(cells, t[start:])
}

// csvSplitter: for a CSV header row ("model,serial,firmware",
// "modello;numero di serie;firmware"), whose every cell is a field label,
// the splitter of its rows; nil for any other line (a sentence has commas
// too, but not only labels between them).
func csvSplitter(l string) func(string) []string {
	t := strings.TrimSpace(l)
	sep := ";"
	if !strings.Contains(t, sep) {
		sep = ","
	}
	cells := strings.Split(t, sep)
	if len(cells) < 2 || len(cells) > 12 || len(t) > 200 {
		return nil
	}
	for _, c := range cells {
		if k, _ := lookupLabel(strings.TrimSpace(c)); k == 0 && !osColumn(c) && !inventoryColumn(c) {
			return nil
		}
	}
	return func(row string) []string {
		r := strings.TrimSpace(row)
		if r == "" || len(r) > 400 {
			return nil
		}
		cells := strings.Split(r, sep)
		for i := range cells {
			cells[i] = strings.Trim(strings.TrimSpace(cells[i]), `"`)
		}
		return cells
	}
}

// tableSerialWords are words one of which every serial column header
// contains: a cheap pre-filter for header rows.
var tableSerialWords = []string{"seri", "sn", "s/n", "s/ n", "série", "service", "シリアル", "製造番号", "序列号", "序號", "序列號", "序号", "시리얼", "일련번호", "matricola", "серийн"}

// osColumn: a column headed by the vendor OS's name holds each unit's
// version of it ("Clinic | Model | Serial | QTS"). Only as a column
// header: in a sentence "QTS 5.1.6" is the version written whole.
func osColumn(h string) bool {
	switch strings.ToLower(strings.TrimSpace(h)) {
	case "qts", "quts", "quts hero", "truenas", "truenas scale", "truenas core", "os", "bios", "bmc":
		return true
	}
	return false
}

// inventoryColumn: a column of an asset register that names the unit in
// the customer's books ("asset_tag,model,serial,part_number"), not its
// history: the rows are still the units.
func inventoryColumn(h string) bool {
	switch strings.ToLower(strings.TrimSpace(h)) {
	case "asset", "asset_tag", "asset tag", "assettag", "asset_id", "asset id", "tag", "hostname", "host", "location", "rack", "site", "inventory", "inventory_no":
		return true
	}
	return false
}

// healthyTable: the line before a table's header says its units are fine
// ("our other healthy units (all working fine, no action needed):"): a
// list for the records, whose rows are no units of the request. It gives
// how many first rows are healthy: all of them (len), none (-1), or the
// first n the line names before "but the rest ..." ("No action needed on
// the first two, but the rest do not boot:").
func healthyTable(low []string, header int) int {
	for k := header - 1; k >= 0 && k >= header-2; k-- {
		if strings.TrimSpace(low[k]) == "" {
			break
		}
		if containsAny(low[k], healthyTableWords) {
			if n := firstHealthy(low[k]); n > 0 {
				return n
			}
			return len(low)
		}
	}
	return -1
}

// firstHealthy: "the first two ..., but the rest/others ...": 2; 0 when the
// line names no such split.
func firstHealthy(l string) int {
	if !containsAny(l, []string{"but the rest", "but the others", "but the other ", "but the remaining", "the rest do", "the rest are", "the others do", "the others are"}) {
		return 0
	}
	for n, w := range []string{"first one", "first two", "first three", "first four", "first five", "first 1 ", "first 2", "first 3", "first 4", "first 5"} {
		if strings.Contains(l, w) {
			return n%5 + 1
		}
	}
	return 0
}

// healthyTableWords say the units listed next are not at fault.
var healthyTableWords = []string{"healthy units", "working fine", "all working", "work fine", "no action needed", "no action required", "not affected", "are fine", "all fine", "funktionieren einwandfrei", "fonctionnent correctement", "funcionan bien", "funzionano bene"}

// purchaseTable: the serial-less table whose header is low[i] lists goods
// bought or to be bought, not units to repair: it has a price column
// ("Model | Qty | Unit price"), or the lines just before it name a quote,
// an order or an invoice ("please send us a quote for:", "Thanks for the
// order confirmation below", "here is our invoice: Invoice INV-2231").
// A table of faulty units is introduced by its fault instead.
func purchaseTable(low []string, i int) bool {
	if containsAny(low[i], priceHeadings) {
		return true
	}
	for j, n := i-1, 0; j >= 0 && n < 3; j-- {
		if strings.TrimSpace(low[j]) == "" || strings.Trim(low[j], "|-: ") == "" {
			continue
		}
		n++
		if containsAny(low[j], purchaseWords) {
			return true
		}
	}
	return false
}

// priceHeadings name a price or amount column; purchaseWords name a
// quote, an order, an invoice or buying, in the languages the parser reads.
var (
	priceHeadings = []string{"price", "amount", "cost", "subtotal", "preis", "betrag", "prix", "montant", "precio", "importe", "prezzo", "importo", "prijs", "bedrag", "preço", "valor", "cena", "kwota", "pris", "belopp", "価格", "単価", "金額", "价格", "单价", "金额", "價格", "單價", "가격", "단가", "금액"}
	purchaseWords = []string{"quote", "quotation", "invoice", "order", "purchase", " buy", "pricing", "angebot", "rechnung", "bestell", "kaufen", "devis", "facture", "commande", "acheter", "cotizaci", "factura", "pedido", "comprar", "preventivo", "fattura", "ordine", "acquist", "offerte", "factuur", "bestelling", "kopen", "orçamento", "fatura", "encomenda", "oferta", "faktura", "zamówienie", "offert", "beställning", "見積", "請求書", "注文", "購入", "报价", "发票", "發票", "订单", "訂單", "购买", "購買", "견적", "청구서", "주문", "구매"}
)
