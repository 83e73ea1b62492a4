// Package registry owns the vendor's asset registry file format: it reads the
// CSV an operator imports with `rmad registry import FILE.csv` and turns it
// into Assets, or reports every bad row by line so the file can be fixed in
// one go. It is pure: no database, no clock, no network. Writing the assets
// (one transaction, all or nothing) is the caller's job.
//
// # Format
//
// The first non-blank row is the header. Column names are trimmed and
// case-insensitive. serial_number and model are required; part_number,
// customer, customer_email, invoice_number, invoice_date, delivery_date,
// invoice_price, msrp, currency, plans and customer_domains are optional.
// An unknown column is an error (a typo such as "invoice_dat" would
// otherwise silently drop a column's data), and so is a duplicate or an
// empty column name.
//
// A UTF-8 byte order mark is dropped; a UTF-16 file is refused with a hint,
// since Excel's "Unicode text" export is a common mistake. CRLF and LF both
// work, quoted fields may hold commas, quotes and newlines. Blank lines and
// rows whose fields are all blank (spreadsheets export those) are skipped.
// Every value is trimmed. Line numbers are the physical line where a record
// starts, as an editor shows them.
//
// Values:
//   - serial_number: printable ASCII without spaces, upper-cased, unique in
//     the file (a second occurrence is an error naming the first line).
//   - customer_email: one bare address (no display name), lower-cased.
//   - invoice_date, delivery_date: YYYY-MM-DD only, between 1990 and 2100;
//     other layouts are refused because 03/04/2025 is ambiguous.
//   - invoice_price, msrp: a non-negative amount with at most two decimals,
//     optionally with thousands commas ("12,500.00"); see ParseMoney.
//   - currency: three letters, upper-cased; required when a price is given.
//   - plans: see ParsePlans.
//   - customer_domains: the customer's own domains, whose every address
//     speaks for the owner of the row's unit, beside customer_email's exact
//     address. Zero or more, separated by spaces, commas or semicolons; a
//     leading "@" and a final dot are dropped, names are lower-cased and an
//     internationalised name is stored in its xn-- form. A freemail domain
//     (see IsFreemail) is an error: its users are unrelated people, so such
//     a customer is named by the exact address in customer_email.
//
// # Limits
//
// The reader streams: it holds the assets read so far (none once a row is
// bad, since nothing will be returned), the serials seen (to name the first
// line of a duplicate), the errors, and one record. A file with more than
// 1,000,000 data rows, a field longer than 4 KB, or a record longer than
// 128 KB (usually an unbalanced quote swallowing the rest of the file) is
// refused with an error saying which.
package registry
