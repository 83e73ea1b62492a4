// Package parser turns one raw RFC 5322 message into a Message: who sent it
// and what kind of sender that is (human, auto-reply, bounce), how it threads,
// the ticket references and agent commands it carries, the new text without
// quoted history, and the request fields and units a support desk needs.
//
// It is pure: no database, network or clock. It never gives up on a message
// it can read at all: broken MIME yields whatever usable parts it has, and
// what was wrong is listed in Message.Defects. Only empty input or binary
// garbage without a header gives ErrNotMessage. A panic inside the parser is
// recovered and returned as an error so one poison message cannot stop the
// desk (the fuzz target asserts it never happens).
//
// # MIME
//
// Before the header: a UTF-8 BOM, blank/whitespace-only lines and an mbox
// "From " line are dropped. The header is read tolerantly: a line with an
// illegal field name is skipped with its continuation lines, a whitespace-only
// line ends the header, a non-header line followed by no header ends it too.
// Multiparts are split on exact delimiter lines by this package (so a missing
// close delimiter, a boundary longer than any buffer, a multipart without a
// boundary parameter, or a boundary that prefixes a nested one all still
// work); go-message decodes each leaf's transfer encoding and charset (all
// x/text charsets via go-message/charset; unknown charsets and undeclared
// 8-bit text are read as Windows-1252, so text is always valid UTF-8).
// Work is bounded: 1 MB of decoded text, 400 parts, nesting depth 16, and
// fields/refs are searched in the first 64 KB of the new text. Attachment
// sizes are counted by streaming the decoder into a counter; attachment
// content is never held (a 50 MB message with a 37 MB attachment costs
// Parse and StripAttachments about 0.2 MB of heap beyond the raw bytes;
// TestLargeAttachmentMemory). UTF-8/ASCII text without a transfer encoding
// is used as it is, without a decoder.
//
// Uuencoded blocks inside a plain-text body ("begin 644 name" ... "end")
// are files: they are listed as attachments (name, type guessed from the
// extension with a built-in table, decoded size) and removed from the
// text. A "begin" line not followed by valid uuencoded lines stays text.
//
// Text: in multipart/alternative the first non-empty text/plain wins, else
// the HTML converted to text (block elements and <br> give line breaks, list
// items "- ", a two-cell table row "label: value" (also a known label and
// its value among a layout's empty spacer cells), other rows cells joined
// with " | ", <blockquote> becomes "> " lines, script/style/head dropped).
// A message/rfc822 part outside a report is forwarded content and is kept in
// the text under a "Forwarded message" header; inside a multipart/report it
// is the returned original and is not text.
//
// # Hostile input
//
// Memory and work are bounded whatever the shape of the header. A header
// section (of the message or of a part) is read up to 256 KB: fields that
// start later are ignored with the defect "header section over 256 KB: later
// fields ignored", but the scan goes on to the blank line, so the body is
// still found and parsed, and every From field is still counted. A field
// value keeps 64 KB (even when it is one line of 20 MB), a section 4000
// fields. To and Cc keep the first 100 addresses each (parsed one field at a
// time, so the work stops there), Reply-To (its first field, as ever) 100,
// References the last 50 ids (the nearest ancestors), Authentication-Results
// the topmost 20 (the ones the receiving servers prepended); Defects holds at
// most 50 entries, each once. A 20 MB header of 300 To fields of 64 KB, folded
// or not, or one To line of 20 MB, costs under 1 MB of allocations
// (TestHeaderFloodBounded; it was 650,000 addresses and 178 MB). An
// enclosed message/rfc822 without transfer encoding is read in place, not
// copied at each level of nesting (TestNestedMessageMemory).
//
// FromCount is the number of From fields of the top-level header, all of it.
// From is the first; DKIM signs the bottom-most (RFC 6376 section 5.4), so
// when the count is not 1 the desk must not trust the sender's authentication
// for From. An unquoted "Roth, Stefanie <s.roth@...>" (a directory's
// surname-first name, RFC-invalid) is one mailbox, not a surname without
// an address and a second mailbox.
//
// Message-ID, In-Reply-To and References keep valid msg-ids only: printable
// ASCII 0x21-0x7E without '<' or '>', exactly one '@' with text on both
// sides, at most 250 bytes, after the angle brackets are stripped (RFC 5322
// section 3.6.4, loosely: the same rule mailout applies before it writes an
// id). An invalid id ("<fan noise 1@host>", "<a@b@c>", a UUID without '@', an
// internationalised id) is dropped with a defect ("invalid Message-ID
// dropped", "invalid In-Reply-To id dropped", "invalid References id
// dropped"); the message itself is parsed as ever (the desk then
// deduplicates by content hash). A Message-ID or In-Reply-To without
// brackets is read as one id, so "fan noise 1@host" is dropped whole rather
// than yielding the fragment "1@host"; a bracketless References is a list
// of words. In-Reply-To is its first valid id.
//
// Every string of the Message is valid UTF-8 (invalid bytes read as
// Windows-1252) without C0 controls, DEL or C1 controls; Text and
// Fields.Problem keep \n and \t, single-line values turn \t, \n and \r into
// spaces. PostgreSQL's text columns reject NUL and invalid UTF-8, and a NUL
// arrives easily ("=?utf-8?q?Fan_noise=00?="). One pass at the end of Parse
// (sanitize) does it for every field, so no code path can miss it; a string
// with nothing to remove is checked, not copied.
//
// # Classification
//
// Bounce wins over auto-reply. A message is a bounce when it has a
// delivery-status report (multipart/report; report-type=delivery-status or a
// message/delivery-status part), an X-Failed-Recipients header, a sender
// named MAILER-DAEMON or "Mail Delivery Subsystem", or a well-known NDR
// subject at the start of the subject (many languages; a "Re:"/"Fwd:" first
// means a human writing about a bounce). Weaker NDR subjects and MTA report
// sentences (qmail, Exim, Postfix, Sendmail, Exchange, Domino, Gmail...)
// count only together with a machine signal: null Return-Path, Auto-Submitted,
// a daemon/postmaster sender, or Precedence bulk/junk. An MTA sentence at the
// top of a message without any of these is a customer pasting a bounce: it
// stays human with an AutoReplyHint. The NDR subjects still classify alone
// (the contract names them, and five real bounces in the corpora - InterScan
// and Symantec gateways, KDDI - carry no other signal), so a customer who
// forwards a bounce keeping "Undeliverable:" without "Fwd:" is still a bounce.
// Loose body words ("undeliverable", "returned") never classify on their own.
// A DSN whose every Action is delivered/relayed/expanded, and other reports
// (read receipts, feedback reports), are "auto-reply": automated, not failures.
//
// Auto-reply needs a signal from the header, never the subject alone:
// customers write "NAS reboots every night out of office hours", "Vacation
// backup job fails", "Thank you for your quote - please go ahead". On their
// own: Auto-Submitted other than "no" (RFC 3834); X-Autoreply, X-Autorespond,
// X-Autoresponder; X-Autogenerated: Reply; Precedence bulk, junk or
// auto_reply; a null Return-Path (only automated senders use it, RFC 5321
// section 4.5.5); an X-Mailer naming vacation; Apple's X-Apple-Action:
// VACATION. With an auto-reply subject ("Automatic reply:", "Out of Office",
// "AUTO:", "Abwesenheitsnotiz", "Réponse automatique", Latvian "automatiska
// atbilde"/"Atvaļinājums", Japanese 自動応答 ..., guarded against subjects
// that merely start with "Absence of" or "Thank you for your help") these
// vendor headers count, because they show a server wrote the subject:
// X-Auto-Response-Suppress and X-MS-Exchange-Inbox-Rules-Loop (Exchange
// marks its automatic replies so; both also travel on ordinary mail, hence
// not alone); an Exchange Thread-Topic that the subject ends with, after an
// automatic prefix (Exchange keeps the topic of the message it answers, so
// "Out of Office AutoReply: X" with topic "X"; a person's new subject is its
// own topic, and a reply or forward starts "Re:"/"FW:"); and X-MIMETrack
// (Lotus Domino) with Domino's upper-case "AUTO: " prefix. A subject that
// looks automatic without such a header stays human, and AutoReplyHint says
// so ("subject looks like an automatic reply: \"...\""), for the desk to make
// the ticket and hold its automatic answer. In the corpora, four
// auto-replies lack RFC 3834 headers and are recognised this way: two
// Exchange 2003 replies by Thread-Topic, a Domino one by X-MIMETrack, an
// iCloud one by X-Apple-Action. List mail (List-Id, List-Unsubscribe,
// List-Post, Precedence: list) stays human with List set.
//
// # Quoted history
//
// Removed: ">" lines; attribution lines ("On ... wrote:", "Am ... schrieb
// ...:", "Le ... a écrit :", "El ... escribió:", "Il ... ha scritto:",
// "Op ... schreef ...:", "...のメッセージ:", "...写道：", Gmail's localised
// "2025年3月17日(月) 10:15 Name <addr>:", also wrapped over two lines) when
// quoted text follows them; everything from an "Original
// Message" separator or an Outlook header block (From/Sent/To/Subject and
// their German, French, Spanish, Dutch, Italian, Japanese and Chinese forms)
// to the end. When unquoted lines follow quoted ones after an attribution the
// reply is inline: only the attribution and ">" lines go; an answer under
// a quoted question that names a field ("> 1. Serial number of the unit"
// over "A2C2301C0077") is read as that field's value, while Text keeps the
// answer as written (inline.go). Forwarded content
// is kept: the header block after "---------- Forwarded message ----------",
// "Begin forwarded message:" or in a "Fwd:"/"FW:" message belongs to the
// forwarded mail and does not cut; Apple Mail's forward, quoted with ">"
// after "Begin forwarded message:", keeps one level. A mail client's own
// attribution (a time of day with an address or a year: "On Mon, Mar 9,
// 2026 at 10:00 AM Support <support@desk.example> wrote:", "On 3/9/26 10:00
// AM, RMA Desk wrote:") starts history even when no ">" follows, as
// Outlook and phones quote; "On 15 March at 03:14 the NAS wrote:" (a
// device's log) does not. The signature (after "-- " or a closing such as
// "Best regards,") stays in text but is not part of "problem".
//
// Not read as the sender's at all: HTML the reader does not see
// (display:none, visibility:hidden, the hidden attribute, a class a <style>
// block hides, off-screen positions, fonts under 3px; a readable child of a
// "font-size:0" template wrapper is shown), and legal notices ("This email
// and any attachments are confidential ... call +44 ..."), whose phones and
// addresses are the legal department's; a signature glued above a notice
// in one paragraph ("Direct: (415) 555-0126" over "CONFIDENTIALITY NOTICE:
// ...") stays the sender's, unless a rule line or a company registration
// stands between them.
//
// # Refs and commands
//
// Ticket refs are prefix + digits (not inside a longer word), subject first,
// then the new text, upper-cased, de-duplicated. Commands are "#word args"
// lines before any other non-blank line of the new text.
//
// # Fields and units
//
// Labelled lines ("Label: value", also "：", " - ", "=", a dotted leader of
// four dots or more ("PO ....... 45-118842"), a known label and its value
// apart by a tab or a run of spaces (Outlook's text copy of a two-column
// HTML table: "System serial   A1-M40-210387"), after a "-", "*",
// "•" or Japanese "・" bullet; several on one line split at " / ", " | ",
// "; ", " · ", " • ", " - ", tabs, commas, a run of spaces ("S/N: Q1   P/N:
// 1S5B"), the ideographic space or the full-width comma or semicolon
// ("型号：D52B-1U，序列号：CN8A...") when a label follows; a second firmware
// label on the line, "BMC firmware: 4.22.06  BIOS: 3B10", is the same
// unit's other component and the first version is kept; after a run of
// spaces or a tab any short "Words:" label, known or not, ends the value:
// "BMC firmware: 4.22.06    Target BMC: 4.30.01") with labels in
// English, German, French, Spanish, Italian, Dutch, Polish, Russian,
// Japanese, Chinese and Korean spellings (a map from the label lower-cased
// to letters and digits; "BMC firmware", "Chassis serial number", "Ship to
// for the replacement" by suffix or prefix); address and problem values
// continue on following lines up to a blank line or another label (address
// lines joined with ", "; a line of opening hours, "Dock hours 7am-3pm
// PT.", or a rule line, "-----", ends an address (a rule right under the
// label only underlines it), a company line with its
// dot, "Great Lakes Compute Co.", does not); a place named with an
// address label in brackets ("Magazijn (leveradres):") is that label; an
// address label alone on its line without a
// colon (an HTML heading: "Shipping address") heads the address under it
// when that has a number. A plain-text table (cells split by "|", tabs or
// runs of spaces; "|---|" rule rows skipped) or HTML table whose header row
// names a serial column gives one unit per row. Several labels on one
// line are split ("S/N: Q1 / Model: TS-873A"), and a unit value carrying
// more unit facts is read too ("Model: TS-464 (S/N Q22AA11111), firmware
// 5.1.0" gives model TS-464 with that serial and firmware). A unit starts anew when a
// unit field already set repeats, on "Unit N:" lines (a first "Unit:"
// fills the first unit), or with "Serial 2:" style labels. A serial the
// mail corrects further down ("sorry, the serial is actually ...", "The
// correct serial is ...", "the serial number should read ...", a
// "Correction: S/N ..." line) replaces the one unit's serial. Serials listed together ("Serial numbers: A, B and C") are
// one unit each and share the model, part and firmware stated once for
// them; such a list stops at the first item that is not code-like
// ("Serial: Q22AF09876, model TS-473A" is one unit of model TS-473A).
// A unit fact labelled for every unit ("Firmware en todos:", "Firmware
// (all units):", "Model for both:") goes to each unit, and a model, part
// or firmware labelled once over units that only the prose or a table
// lists ("- C1n, S/N C1N2107B03321" lines) goes to each of them. A list
// item, bulleted or numbered ("1. Q21BI04567 (TS-873A)"), that starts
// with a serial-shaped code and names one more unit fact is one unit.
//
// Without labels, serials are taken from prose ("serial Q21...", "S/N ...",
// "the serial of the TrueNAS X20 is ...",
// "Seriennummer lautet ...", "matricola ...", "the serial on the back is
// ...", "シリアル番号は ...", "序列号 ...") in subject and
// text with the nearest product model before them (QNAP, QCT, Altai,
// including its BX bridges, iXsystems model patterns; a word after
// "Altai" needs a digit, "Altai Super WiFi" names a solution; a model the
// subject shortens takes the product line the text writes it with,
// "QuantaGrid D53X-1U"); a QNAP-style serial (Q + 2 digits + 2-3
// letters/digits + 4-6 digits) counts even without a keyword ("Sure, it's
// Q24CE01357"), and a serial-shaped code in brackets later in a sentence
// about the serial ("The serial number is the same as in my first mail
// (BX5H2201A00311)"). A serial denied in brackets adds no unit: a code
// right after "not" ("(Q21BI04567, not Q21BI04576 as your invoice says)")
// or one the words after give to no unit of this mail ("(Q21BI09999 is not
// this unit's serial, it is our old chassis)").
//
// A labelled firmware needs a version: a word with a digit that is no
// date with a year and no year alone ("Firmware: see screenshot from
// 2024-11-30" gives none). It is the version the unit runs now: the one
// after an arrow ("h5.1.0.2424（更新前）→ h5.2.1.2930（更新後）"), without a
// full-width note, the current one a note gives beside a planned update
// ("2.2.0.b14 にアップデート予定（現在 2.1.0）"), none when the value says
// it is unknown ("不明（...）").
//
// Firmware without a label is the version the unit runs now: "firmware
// (is|was|ist|est|è) X", "running/on QTS X", "We're on TrueNAS-13.0-U6.2",
// "updated ... to X", "since the X update", "installed X" (a four-part
// build counts without the word, an IPv4 address does not), "BIOS ver
// 3B13", ファームウェアは X, 固件版本为 X; not one proposed ("should we
// update to"), left behind ("upgraded from") or another device's in the
// same sentence; a "v" written before it stays ("Firmware is v1.6.1");
// said with the version it went to ("from firmware 2.3.5 to 2.4.1",
// "version 2.2.5 vers la 2.3.0", "2.3.9에서 2.4.1로", "-> 1.5.3") the later
// one; a CJK full stop after it is not part of it. A units table may be
// pasted as CSV (a header row of labels split on ";" or ",", an asset
// register's own columns allowed: asset_tag, hostname, location, rack,
// site; a history column, "rma" or "closed", makes it none), its last
// rows never taken for a signature; "Versie", "Versión", "Versione" head a
// firmware column. Serials follow the abbreviations "nr seryjny", "N/S",
// "the serial from the sticker on the back:", and a correction further
// down in Dutch, Italian, Spanish, Portuguese and Polish; another unit
// named only to say it works ("El otro (S/N ...) funciona perfectamente",
// also in a clause of its own: "The other one, S/N TNR20-B1022, works
// perfectly") is none, unless it works only a while ("działa poprawnie
// tylko przez godzinę, potem ..."); a serial the sentence says is not the
// real one ("... (the unit itself has a different sticker, Q21BI04576,
// which is the real one)") is none. "(série X)", "o numerze seryjnym X"
// and a plural "serials A, B and C" (one unit each) are prose serials; a
// unit called the second one that "also failed" keeps its version, and
// a firmware that "shows/reads" a version gives it. A mail without serials
// naming two models as both faulty ("Both our TS-1655 and our TS-855eU
// have become very loud") gives one unit of each. Round 8: a plural
// serials list is units only when they are the customer's faulty ones (not
// the vendor's boards "you used", closed RMAs' "old serials", and only the
// one "only the first one is affected" names); a unit table introduced as
// healthy units ("all working fine, no action needed") gives none; "not
// the real one, the real one is Y" is read in the desk's languages ("ce
// n'est pas le bon numéro, le vrai est"); a firmware in a sentence about
// another device (a switch, router) is not the unit's; a version every
// sentence of which names one unit's serial is that unit's alone. Round 9:
// a serial the vendor "replaced" stays the unit's when the sentence says
// it is faulty now ("... that you replaced in March is down again"); a
// healthy-table introduction "the first two ..., but the rest do not
// boot:" keeps the rows after the first n and is part of the problem;
// site words (Warehouse, Depot, ...) go with their number at a company's
// end; plural outages ("both do not boot", "none of them boots") are
// critical like the singular. Altai's C-series is read as written ("C1an", "C1n"), QNAP's
// switches (QSW-) are models. A component's version written as an item, alone on its
// line or in a list of unit facts ("BMC 4.30.01" under "SN:"/"PN:" lines,
// "S/N ..., P/N ..., BIOS 3B13.Q402", "BIOS 3A08, BMC 4.18.02"), keeps the
// component's name as written; in a sentence ("since we flashed BIOS
// 3B13") the version alone is read. A label naming the component ("BMC
// 版本：", "BMC 固件：") is a firmware label. A model written short and with its product line
// ("D52B-1U", "QuantaGrid D52B-1U") is one model, and so is one written
// with and without a variant after a dash ("TrueNAS M40" in the subject,
// "TrueNAS M40-HA" in the text: the fuller one).
//
// Dates become YYYY-MM-DD: ISO, "March 3, 2025", "3 Mar 2025", "3rd of
// March 2025", "14.03.2025" (dotted = day first), month names in German,
// French, Italian, Spanish and Dutch ("13 de marzo de 2025", "14 de
// marzo del 2025", "14 Mär. 2025", "5 marzo
// 2024", "7 mei 2024"), 年月日 and 년월일; numeric where only one order is
// valid, else Options.DayFirst (default month/day). An invoice named in
// prose gives the date alone after its number ("Invoice 55231-SE
// 2025-05-27"). Invoice date falls back
// to a date in a "bought/purchased on" sentence. A date that only answers a
// quoted question ("> When did you buy it?" / "12.08.2023.") is not found:
// quoted history is not searched.
//
// invoice_number and po_number also come from prose: "invoice 45521",
// "Rechnung Nr. 2023-1187", "Faktura VAT nr FV/2023/01/0457", "PO
// 4500123987", "order #100234", an order the subject names ("Bestellung
// 4500012345 - Defekt", "Commande CMD-2025-88 : NAS en panne"), "order reference is ...", "order ref from Scorptec is ...", "unsere
// Bestellnummer lautet ...", "notre numéro de commande est ...", "il
// nostro numero d'ordine è ..." (a customer's
// order number is the purchase order the desk asks for), an INV- code
// without the word; the value must contain a digit. Money is read only where the sentence gives it as the
// sender's: an invoice called cancelled, void, credited or replaced (after
// its number up to the next invoice named, or right before it) is skipped;
// a PO named as someone else's ("my colleague's PO", "the end customer's
// PO", "belongs to our sister company") or a requirement quoted back
// ("your quote said "PO ... required"") is skipped. The invoice date is
// the date its own word gives ("dated", "du", "vom", "invoice date"), or
// the one a purchase sentence gives before any other event ("bought ...,
// which we paid on X" gives none); a delivery date ("delivered on",
// "Delivery date:") is delivery_date, never the invoice date, nor is an
// order date ("Order date:", "Bestelldatum:"; unless its note says the
// invoice bears the same date, "(same day as the invoice)"), and an order
// date in prose gives none when the mail says the invoice has not arrived
// or been issued yet. A two-row
// table of PO/invoice fields (tabs or pipes) is read column by column.
//
// ship_to also comes from one sentence shape only: "please/kindly/could
// you/would you be able to/are you able to/would it be possible to send|ship|deliver|mail <the goods> to [our lab at] <address>" (the goods: it,
// the replacement, any replacement, the unit, the replacement parts..., or two of them, "the replacement or
// repaired unit"; not the invoice, the tracking number or
// the defective unit), not negated, conditional (also after the address:
// "... if our main site is closed", or left unconfirmed by the next
// sentence: "I will confirm the address once we know"), reported, quoted or asked
// ("the old form said: please ship to ...", "why does your portal say
// ...?"), the address cut where it stops ("instead of ...", "; deliveries
// ...", "and have the technician ask for me", ", attention of the IT
// room", a full stop before a lower-case word); the sender's own request beats a forwarded one's, even a labelled
// one; the same request in Spanish, Portuguese, French and Italian prose
// ("¿Podrían enviar el equipo de reemplazo a nuestra oficina en ...?",
// "Potete spedire il ricambio al nostro magazzino in ..."). "Send it to
// this address:" labels in German, French, Spanish and Italian (also "à
// notre adresse :") head an address block, and so does a Chinese request
// after a full stop ("…无法开机。请将替换设备寄到：<address>。") or the
// request after a reason ("we moved last month, so any replacement should
// go to:", "We are a small office in a remote area, please ship the
// replacement to our mailing address:", also wrapped; "send replacement
// to" alone on its line without the colon, over a street number, a "Unit 4, ..." line
// or a company line with the street under it; "Would it be possible to send the replacement to the
// address below?" ending in "?" or "." too) and a wish for the replacement "here" ("We would like the
// advance replacement card here:"); one that names an invoice, an old address or records does not,
// nor "Ship to (old):". Address lines that end in their own comma are joined without doubling it;
// a value's lead words are dropped ("2) Ship-to: not the billing address, please use 1 New Road, ...", "same as before, Acme Corp, ...");
// a refusal or doubt in an earlier clause leaves the request after it ("Please do not ship there, the replacement goes to
// our lab: <address>", "I am not sure if the unit can be repaired, but please ship the replacement to:");
// numbered and lettered answers ("1) Ship-to:", "b) Ship-to:") are address labels, and " – " separates
// a label like " - ";
// an address stops at another address's row ("Ship from - ...", "Pick up defective from – ..."), at the
// next numbered answer ("3. Contact phone: ...") and at a form row, also a long label
// with spaces after its colon or another column's label after a run of spaces on the label's line.
//
// contact_name: explicit Contact/Name label (also "Ansprechpartner beim
// Kunden", "contact at the customer", "Contact for delivery"; a ticketing
// system's "Reporter", "Caller", "Requester", "Submitted by"; the name beside a title or a city
// in its value, none for a title, department or "see signature" alone;
// details in a bracket, "Ashok Menon (ashok@...), cell ...", are split
// off, a remark or department in a bracket dropped; a bracket that makes
// the person the vendor's, "Kevin Lin (QNAP FAE, on site)", "Kevin Lin, QNAP FAE", "Anna Lee (your account manager)", gives none), a web form's "First
// Name:" and "Last Name:" rows read together, then whom a signature line says the mail is sent for ("Sent on
// behalf of Dr. Daniel Feldman", "On behalf of: ...": the assistant only
// transmits; a company named so, "Sent on behalf of Acme Corp", is the
// company, never the line whole), then the
// signature's first line (a lower-case particle allowed: "Jan de Vries";
// every title before the name dropped: "Lic.", "Dott.ssa", "Prof. Dr.",
// Czech "Mgr."; a team's word first, "Equipo de Sistemas", is no name)
// if it looks like a name (a lone first name that is part of the From
// display name, or its usual short form, "Dave" for David, gives the
// fuller From name: "Thanks, Tom" from Tom Baker),
// then the sender of a forwarded message, then the From display name (not
// a firm's in the "X, Y" form: "Kemper, Roth & Partner", "Smith, Jones and
// Partners"). The
// signature starts at "-- ", at a closing ("Best regards,", two joined by
// "and" or a comma, "Grazie, saluti", "Kind regards,
// Dana Whitfield" with the name on its line, "Mit
// freundlichen Grüßen", "よろしくお願いいたします。", "С уважением,"), or,
// without either, is a last paragraph of at most six lines that starts
// with a name, or a last line that is a company's footer ("Pacific
// Distribution Pty Ltd · RMA Department · 1800 555 014"). email: an Email label, then an address in the signature or
// on a "contact me at ..." or "send everything to my work address: ..."
// line (a shared mailbox's sender names the
// person), then the forwarded sender, then From. phone: label, else a
// signature (then body) line, or a labelled segment of one after " | " or
// " · ", starting Tel/Phone/Mobile/T:/M:/+ (or
// Telefon, Tél, 電話, 电话, 전화 ...), else a "call me on ..." line (eight
// digits or more, not a date, with the asking word in its sentence and no
// third party: "please do not call our reception on ...", "Bob (...) is off
// sick", "our reseller's number is ...", "please call the courier, ..." give
// none); a fax line ("Fax:", "Telefax", "FAX") is never the phone, "Tel/Fax"
// is, and a prose sentence refusing a fax drops only its clause ("do not use
// our fax, ..., it is not monitored; my cell is ..." gives the cell); the first number as
// written. An automatic reply gives the contact, company and phone of its
// signature, and a phone its sentence offers ("If it is urgent, you can
// reach me on my mobile ..."), not a "Phone:" line of a team it points to. A contact named as gone or on leave, or an address offered for
// papers ("please email the invoice to ap@..."), is not the contact. When
// the labelled contact is the one who signs a forwarded mail, not the
// forwarder, that signature gives their company, address and phone.
// company: label (also one written as alternatives with an unknown word,
// "Ente/Azienda:", "Verein / Firma:"), else a signature line with a company
// form (Inc, GmbH, Ltd, Corp., SARL, S.L., B.V., AB, Sp. z o.o., ООО,
// 株式会社, 有限公司 ...; a public body's word: Stadtverwaltung, Comune,
// Ayuntamiento, Ospedale, Council ...), the line under the name ("Senior Engineer at
// Kestrel Media" gives Kestrel Media; a department line gives way to a
// line the sender's domain spells; an office or unit "Amt für ...", "UOC
// ..." and an assistant's line "Assistante de ..." are titles, passed over), a Japanese self-introduction
// ("株式会社サクラネットの鈴木です"), or the sender's own company a legal
// notice names ("This message is from X Limited", "X Ltd is registered
// in ..."; a notice's sentence, "X is part of the Y Group. This email
// ...", or its run-on line, is never a signature's company line), else a
// letterhead: the text's first line, a name with its legal form beside
// the address after " | " or " · " or alone over a rule, else the organisation heading the ship-to (else bill-to)
// address ("Return address: / Harlow & Pike Architects / 14 Kings Yard /
// ...": not a person, department, building or "Attn" line; a legal form
// after a comma kept, of "X - Y" the side with a company word; never a
// carrier's depot or pickup point, a bank or a lessor: "DHL Express
// Service Point", "HSBC Bank Malaysia Berhad", nor a Korean/Japanese/
// Chinese parcel carrier's branch among the closing lines, "(주)한진택배
// 강남지점"); never a vendor the desk supports (a pasted "QNAP Systems,
// Inc. · Support Department" footer). A "P.S." after the signature is the body's.
// A department line (English, German, Romance, Dutch, Polish and Czech
// words: "Referat Informatyki", "Oddělení IT") gives way to the line
// under it; a building's name over a house number ("Meridian House" / "4
// Wharf Road") is the address's; a reseller's "End customer:" label
// (Endkunde, Cliente finale, Eindklant) names the company; when nothing
// else does, the writer's own sentence ("We at Northwind Traders", "I'm
// the IT admin for Dunmore Dental", "ich bin ... bei", "je travaille
// chez"; not one word after "we at"/"here at", which may be a place
// alone, "We at London", nor another's reported words, "the driver said
// we at UPS ...", and a site part before its number is cut whole: "at
// Heathrow Airport Terminal 5" gives Heathrow Airport, but a number the
// name goes on after is the name's: "Gate 5 Logistics", "Studio 54
// Ltd"). A phone-typed lower-case first name over a company or phone
// ("sarah" / "Quill & Ink Press") opens a signature, as do the "thanks
// for your help / in advance" sign-offs of each language, and a sign-off
// with initials after a slash or a dash ("/KJ", "—JM") closes the text as
// a closing does: the lines under it are the signature. A ticketing
// service's footer ("Powered by Zendesk") and the rule over it are passed
// over when the last paragraph is looked for.
// Never the sender's company (sigfooter.go): an addressee (御中, 귀하,
// "An:", a DIN block), a ticket header, a credit line ("Website by"), a
// bank in a footer, a third party quoted, "place de la Mairie",
// "Spedition/Firma:". A forwarded reply to the sender is the other
// side's; a fax ("Telefax", "F +49") is never the phone.
//
// severity: a Severity/Priority label maps critical/urgent/P1/sev1 to
// "critical", high/major/P2 to "high", and low, minor, medium, normal, P3/P4
// to "low" (the desk's scale has three levels; anything not stated as high or
// critical is low). Without a label, the customer's own rating in a
// sentence ("I'd call this low severity", not one negated or reported),
// else what the mail describes, on the scale the Altai seed defines
// (seeds/003 lines 231-235; severity_seed.go): out of service ("won't
// power on", "completely down", "nicht mehr erreichbar" unless a BMC is
// what is unreachable, 起動せず, 无法启动; a whole pool inaccessible,
// data lost, a production stopped) is critical unless the
// text says the unit still serves (稼働しており, "SMB is still fine");
// reboots, shutdowns by itself, drop-outs and a throughput under half
// ("90 Mbps ..., it used to do 300+ Mbps", "tardan el doble", "o
// desempenho caiu muito") are high; a failed part the unit runs on without
// (fan, PSU, DIMM, one port, a slot) or a small slowdown is low. A symptom
// the text denies ("no reboots", "stürzt nicht mehr ab", "初期不良では
// ありません") or says is over ("..., resolved"; the writer's own question
// answered "No - it is reachable again"), a sentence marked as about
// something else ("Unrelated: our old printer is not reachable") and a past
// fear ("I was afraid we lost data, but ...") do not
// count, nor does a reply's subject (the earlier mail's). The older word
// readings follow: "not urgent", "cosmetic" low; "outage", "went down"
// critical unless a part is what went down; "urgent", 緊急 high; a RAID set
// or pool running degraded low (in more languages: "havuzu DEGRADED").
// When all of these give "", severity is read COMPOSITIONALLY
// (severity_concepts.go, lexicons in severity_lexicon.go): per language,
// small lists of concepts, not sentences, combined clause by clause by the
// seed's rules. An incapacity ("can't", "kann nicht", "går det inte",
// 无法, できません, 할 수 없) governing a service verb in its language's
// order ("print", "zugreifen", 访问, アクセス; not a noun: "the boot
// pool"), a negative universal subject before a service verb ("nobody
// can print", "ingen ... kan jobba"; not "ninguém ficou sem acesso"), a
// positive one with a loss ("hela kontoret står still"), a totality with
// an outage state (완전히 다운), a denied core verb ("svarar inte",
// "would not come back"), a stopped work ("la production est arrêtée"),
// Turkish verbs with their "cannot" suffix ("erişemiyoruz"): critical,
// and this also outranks the seed reading's "low" for a failed part. An
// interruption said of the unit ("locks up", "se cuelga", 再起動, "loopt
// ... vast"), not the writer's own restart: high; an outage that passes
// each time of a frequent interruption ("restarts 5 times a day ... the
// site is down each time") is high, not critical. Slowness: figures by
// their ratio ("30 % av normal", "i stället för", "yerine", "latency
// doubled"), words high only with a strength ("unusable", "nahezu
// unbrauchbar"), else low. A symptom (noise, heat, a light's colour, a
// warning) while the text says the unit serves ("works, but", a working
// verb with its manner, "no outage"), or a defect of looks only: low. A
// clause about a part, the management side, an app, a rack or another
// system gives no outage; a sentence that asks, supposes ("If it ever
// goes down, nobody can work", "What would happen if one PSU failed?"),
// plans, or tells of another time ("had an outage last year") gives
// nothing, and the sentences that suppose or tell of another time are
// blanked before every reading; denied, ended ("geen herstarts meer",
// "끊김 ... 사라졌습니다") and closed faults give nothing; a critical that
// comes with the unit serving gives "" (unclear, the desk asks). Otherwise
// "".
// The phrase families of each level are kept per language (Turkish and
// Polish included); a fault the unit serves on ("everything works", "läuft
// aber einwandfrei", "都正常") with a warning colour, a noise, slowness or
// a scratch is low, a cosmetic defect in any language low; a ", but"
// starts the clause a serving phrase is read in ("the BMC does not
// respond, but the server works normally"); a symptom the next words end
// ("the random reboots stopped after ...") does not count. Rating values
// are read in Korean, Turkish, Russian, Czech and the Nordic languages,
// and "call this minor/major", an inline "Priority: P3".
// Ratings, serving statements and faults belong to their sentence or
// list item (severity_items.go): a rating that rates one of several
// items (in brackets, on a numbered item, or going on with what it rates:
// "2) Priority: Low - the bezel has a scratch", "a feature request
// (Priority: low): ...") is that item's level, and the mail's is the
// worst of it and the faults the other items describe; only a rating of
// the request as a whole decides alone. A serving phrase demotes only
// when it is said of the unit at fault: not of a loaner, the replacement,
// a spare, a part ("only its fan still works"), another device ("the UPS
// it is plugged into", a switch, a router), a unit at another place ("the A8n at the depot still works fine"), a
// LED, not excepted ("everything works except the storage") nor lasting
// a while ("works ... only for an hour, then", "tylko przez godzinę",
// "pendant une heure, puis", "bis"). A LED "still off" is no unit off; a
// planned outage ("we will have 60 subs offline on Saturday for the
// planned swap") is not now; "only works again after a power cycle" is
// not closed; symptoms that "stopped ..., now they are back" count. A
// rate before and now reads "voorheen/previously/vorher/früher" and "used
// to sit at 900" too (a thousands dot, "1.100 MB/s", read as such); an
// "Impact:" label (Impacto, Impatto, Auswirkung, 影响程度) rates; a
// severity word inside a title-case name ("Northside Urgent Care") does
// not.
// Words inside a URL, host name, e-mail address or reference
// ("https://kb.example/high-availability", "urgent@...", "CRIT-4711") are
// not read, in a label's value nor in the text.
// Not the unit's fault now (severity_other.go): "nobody can" with no
// service verb ("Nadie puede decirme"), "nobody has lost access", a noise
// "so loud that nobody can work" (low), another device (firewall, ISP,
// printer), a person still working, an ended fault (close the case,
// "fixed it"), a stop on purpose, a planned maintenance, an "if" fault.
//
// problem: the Problem/Issue/Description/Symptom label's value, else the new
// text without greeting (many languages), field lines, their intro line,
// commands, forwarded header lines, closing and signature.
//
// # Speed
//
// Go's regexp engine has no DFA and clears a bitmap of program size times
// input length per call, so a case-insensitive alternation costs tens of
// microseconds even on a short subject. The hot paths therefore use plain
// scanners: the text is lower-cased once keeping byte offsets (lowerKeep)
// and split into lines once; labels are found by a hand-written scanner
// (splitLabel, tested against the regexp it replaces on every corpus line)
// and a map; greetings, closings, quoted-header names, unit headings and
// table rows are prefix/set lookups; the remaining regexps (prose serials,
// models, dates, severity words, NDR/auto-reply subjects) run only on the
// lines or windows that contain one of their literal trigger words (the
// guarded subject regexps are tested against the plain ones). Negation,
// company forms, purchase-date events and English attributions are word
// lookups, not (?i) alternations; a Date header in the exact RFC 5322 form
// is read with one layout. The rate regexps of the severity reading run
// only on texts that hold what every match of theirs holds (a digit, "%",
// "instead of", "from" and a number; tested against the regexps alone on
// every corpus text and by fuzzing). A multipart body is searched for its
// delimiter rather than cut into lines, so a large attachment is skipped
// at memory speed. A realistic 10 KB request parses in about 0.12-0.18 ms
// (BenchmarkParseRequest10KB); BenchmarkParseMix parses mail written by
// the load bench's generator. TestGoldenJSON holds the hash of the JSON of
// every test message, so a change meant only to be faster is shown to
// change no output byte.
package parser
