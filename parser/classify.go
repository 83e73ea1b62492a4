package parser

import (
	"regexp"
	"strings"
)

// Subjects that are non-delivery reports on their own (anchored at the
// start of the subject, case-insensitive). A human forwarding or replying to
// a bounce has "Fwd:"/"Re:" first, so those stay human.
var ndrSubjectStrong = regexp.MustCompile(`(?i)^\s*(` +
	`undelivered mail returned to sender|` +
	`non[- ]delivery\s*:|delivery (failure|failed) notification|failed mail\b|` +
	`メールエラー|` +
	`delivery status notification|` +
	`undeliverable( mail| message)?\s*:|undeliverable (mail|message)\b|undeliverable\s*$|` +
	`unzustellbar\s*:|non remis\s*:|non distribuable\s*:|non recapitabile\s*:|no se puede entregar\s*:|onbestelbaar\s*:|` +
	`olevererbart\s*:|nem kézbesíthető\s*:|nedoručitelné\s*:|niedostarczalne\s*:|` +
	`returned mail\s*:|returned mail\s*$|` +
	`failure notice\s*$|` +
	`mail delivery failed|mail delivery failure|mail delivery system|` +
	`delivery notification: delivery has failed|` +
	`non[- ]?deliverable|non[- ]delivery (report|notification)|` +
	`warning: could not send message|` +
	`mail system error - returned mail|` +
	`message delivery (has failed|failure)|` +
	`message not delivered|` +
	`mail could not be delivered|` +
	`returning message to sender|` +
	`notice: mail delivery status|` +
	`permanent delivery failure|` +
	`unzustellbare nachricht|` +
	`メール配信エラー|配信不能|` +
	`delivery reports about your e-mail|` +
	`\[postmaster\]|postmaster notify|` +
	`message you sent (was|has been) (blocked|rejected|bounced)` +
	`)`)

// Subjects that suggest a non-delivery report anywhere in the subject but
// need a second non-human signal (null Return-Path, Auto-Submitted, a
// mailer-daemon-like sender, a report part).
var ndrSubjectWeak = regexp.MustCompile(`(?i)(undeliver|not delivered|delivery (status|failure|failed|problem|notification|delayed|report)|` +
	`returned mail|mail delivery|failure notice|could not be delivered|bounced|` +
	`unzustellbar|non remis|zustellung|mail error|mail failure|failed mail|non[- ]delivery|user unknown|unknown user|` +
	`mailbox (full|unavailable)|delayed mail|message delayed|could not send|undelivered)`)

// Subject phrases that are non-delivery reports wherever they appear.
var ndrSubjectAnywhere = regexp.MustCompile(`(?i)(\bnon remis\b|\(delivery failed\))`)

// Sender local parts / names of mail systems.
var daemonSender = regexp.MustCompile(`(?i)(^|[^a-z])(mailer[-_ ]?daemon|post_?master|mdaemon|mail delivery (subsystem|system|service)|` +
	`mail administrator|mailadmin|mail ?system|smtp ?gateway|internet mail delivery|mmdf|nobody@|` +
	`mail transport system|mail router|daemon@|bounce[sd]?@|bounce-|mailerdaemon)`)

// Body sentences written by mail transfer agents in their reports
// (lower-case literals, matched with strings.Contains on the lower-cased
// start of the text). They count only with another non-human signal, or at
// the very top of a message that is not a reply or forward.
var ndrBodyMarkers = []string{
	"this is the qmail-send program",
	"created automatically by mail delivery software",
	"this is the mail system at host",
	"i'm sorry to have to inform you that your message could not",
	"could not be delivered to one or more recipients",
	"the following addresses had permanent fatal errors",
	"transcript of session follows",
	"delivery has failed to these recipients",
	"your message did not reach some or all of the intended recipients",
	"the following recipient(s) cannot be reached",
	"the following recipient(s) could not be reached",
	"diagnostic information for administrators",
	"delivery to the following recipient failed",
	"delivery to the following recipients failed",
	"was not delivered to:",
	"your message wasn't delivered",
	"message could not be delivered",
	"unable to deliver your message",
	"unable to deliver the message",
	"a message that you sent could not be delivered",
	"the original message was received at",
	"permanent error",
	"delivery status notification",
	"undeliverable message",
	"message undeliverable",
	"delivery to the following recipient has been delayed",
	"this message was undeliverable",
	"was undeliverable",
	"failed to deliver to",
	"has not yet been delivered",
	"your mail could not be delivered",
	"returned mail: ",
	"message delivery failed",
	"recipient address rejected",
	"user unknown",
	"mailbox unavailable",
	"mailbox is full",
	"no such user",
	"unknown user",
	"smtp error from remote",
	"remote host said",
	"host or domain name not found",
	"invalid recipient",
	"your message cannot be delivered",
	"could not deliver mail",
	"could not be delivered to",
	"cannot be delivered to",
	"can't be delivered to",
	"couldn't be delivered to",
	"invalid user",
	"送信できませんでした",
	"配信できませんでした",
	"宛先不明",
}

func hasMarker(lowerText string, markers []string) bool {
	for _, m := range markers {
		if strings.Contains(lowerText, m) {
			return true
		}
	}
	return false
}

// Subjects of automatic replies (anchored after optional "Re:" etc.).
var autoSubjectStart = regexp.MustCompile(`(?i)^\s*((re|aw|sv|antw|r|rif|wg|fw|fwd)\s*:\s*)*(` +
	`automatic reply|auto[- ]?reply|auto[- ]?response|auto[- ]?respons|autoanswer|auto[- ]?answer|` +
	`automatische antwort|automatische rückantwort|réponse automatique|reponse automatique|` +
	`risposta automatica|respuesta automática|respuesta automatica|automatisch antwoord|` +
	`resposta automática|odpowiedź automatyczna|odpowiedz automatyczna|automatiska atbilde|` +
	`automaattinen vastaus|autosvar|automatisk svar|automatické odpovědi|automatická odpověď|` +
	`out of (the )?office|ooo\b|auto:|abwesenheitsnotiz|abwesenheit|absence|absent|vacation|` +
	`atvaļinājums|atvalinajums|atvalinājums|urlaub|congés|en congé|ferie|vacaciones|` +
	`on leave|away from (the )?office|i am away|i'm away|` +
	`自動応答|自動返信|不在|自动回复|自動回覆|` +
	`thank you for (your|contacting)|thanks for (your|contacting)` +
	`)`)

// Subject phrases of automatic replies anywhere in the subject.
var autoSubjectAny = regexp.MustCompile(`(?i)(\(automatic (response|reply)\)|automatic reply|auto[- ]?reply|autorespon|` +
	`out of (the )?office|is out of the office|automatiska atbilde|automatische antwort|réponse automatique|` +
	`abwesenheitsnotiz|odpowiedź automatyczna|自動応答|自動返信)`)

// Re/Fwd prefixes: a human reply or forward.
var replyPrefix = regexp.MustCompile(`(?i)^\s*(re|aw|sv|antw|r|rif|fw|fwd|wg|tr|rv|vs)\s*(\[\d+\])?\s*:`)

// Forward prefixes.
var forwardSubject = regexp.MustCompile(`(?i)^\s*((re|aw|sv)\s*:\s*)*(fw|fwd|wg|tr|rv|vs|doorst|i|enc)\s*:`)

// guarded is a case-insensitive regexp with literal trigger words (lower
// case), one of which every match contains: the regexp runs only when the
// lower-cased input holds a trigger. Go's regexp clears a bitmap of
// program size x input length per call, so even short subjects are costly
// against these large alternations.
type guarded struct {
	re       *regexp.Regexp
	triggers []string
}

func (g guarded) match(s, lower string) bool {
	return containsAny(lower, g.triggers) && g.re.MatchString(s)
}

var (
	gNdrStrong = guarded{ndrSubjectStrong, []string{"deliver", "failed mail", "メール", "unzustellbar", "non remis", "distribuable",
		"recapitabile", "entregar", "onbestelbaar", "olevererbart", "kézbesíthető", "nedoručitelné", "niedostarczalne", "returned mail",
		"failure notice", "mail system", "could not send", "returning message", "配信", "postmaster", "message you sent"}}
	gNdrWeak = guarded{ndrSubjectWeak, []string{"deliver", "returned mail", "failure notice", "bounced", "unzustellbar", "non remis",
		"zustellung", "mail error", "mail failure", "failed mail", "user unknown", "unknown user", "mailbox", "delayed", "could not send"}}
	gNdrAnywhere = guarded{ndrSubjectAnywhere, []string{"non remis", "delivery failed"}}
	gAutoStart   = guarded{autoSubjectStart, []string{"auto", "out of", "ooo", "abwesen", "absen", "vacation", "atvaļ", "atval", "urlaub",
		"cong", "ferie", "vacaciones", "on leave", "away", "自動", "不在", "自动", "thank"}}
	gAutoAny = guarded{autoSubjectAny, []string{"auto", "out of", "abwesen", "自動"}}
	// "mail" alone would send every gmail.com sender through the regexp
	gDaemon = guarded{daemonSender, []string{"mailer", "postmaster", "post_master", "mdaemon", "mail delivery", "mail administrator", "mailadmin",
		"mail system", "mailsystem", "smtp", "mmdf", "nobody@", "mail transport", "mail router", "daemon@", "bounce"}}
)

// facts are what classify decides on, read once.
type facts struct {
	subj, lsubj string // subject (first 300 bytes) and its lower case
	isReply     bool   // a Re:/Fwd: prefix: a person writing about something
	nullReturn  bool   // Return-Path: <>
	autoSub     bool   // Auto-Submitted other than "no"
	daemon      bool   // a mail system's sender name or address
	machine     bool   // a header or MIME structure says a machine wrote it
	prec        string // Precedence, lower-cased, without comment
}

func readFacts(m *Message, h header, w *walker) facts {
	f := facts{subj: headOf(m.Subject, 300), nullReturn: m.ReturnPath == "<>",
		autoSub: m.AutoSubmitted != "" && m.AutoSubmitted != "no"}
	f.lsubj = lowerKeep(f.subj)
	f.isReply = replyPrefix.MatchString(f.subj)
	from := m.From.Name + " " + m.From.Address
	f.daemon = gDaemon.match(from, lowerKeep(from)) || (m.From.Address == "" && m.From.Name == "" && f.nullReturn)
	f.machine = f.nullReturn || f.autoSub || f.daemon || h.has("X-Failed-Recipients") || w.reportType != "" || w.sawDSN
	f.prec = strings.ToLower(strings.TrimSpace(stripComment(h.get("Precedence"))))
	return f
}

// classify decides the class of m (see doc.go for the rules), for a bounce
// what the report says, and for a human message that looks automatic
// without a machine's signal a short hint saying so.
func classify(m *Message, h header, w *walker, text string) (Class, *BounceInfo, string) {
	f := readFacts(m, h, w)
	switch bounceClass(m, h, w, text, &f) {
	case Bounce:
		return Bounce, bounceDetails(w, h, text), ""
	case AutoReply:
		// A success DSN (delivered/relayed/expanded) or another report
		// (read receipt, feedback report): automated, not a failure.
		return AutoReply, dsnInfo(w.dsn), ""
	}
	looksAuto := autoSubject(f.subj, f.lsubj)
	if autoHeader(h, &f) || looksAuto && vendorAutoReply(h, &f) {
		return AutoReply, nil, ""
	}
	switch {
	case looksAuto:
		return Human, nil, hint("subject looks like an automatic reply", f.subj)
	case !f.isReply && !m.List && topMarker(text):
		return Human, nil, "text starts like a mail server's delivery failure report"
	}
	return Human, nil, ""
}

// bounceClass returns Bounce for a non-delivery report, AutoReply for
// another automated report, "" otherwise. A text that reads like a report
// counts only with a machine's signal (facts.machine): a customer pasting a
// bounce into a new mail is a person. A well-known NDR subject still counts
// alone, as the contract says: five real bounces in the corpora (InterScan,
// Symantec gateways, KDDI) carry no other signal.
func bounceClass(m *Message, h header, w *walker, text string, f *facts) Class {
	marker := func() bool { return hasMarker(strings.ToLower(headOf(text, 4000)), ndrBodyMarkers) }
	weak := gNdrWeak.match(f.subj, f.lsubj)
	switch {
	case w.reportType == "delivery-status" || w.sawDSN:
		if onlyDelivered(w.dsn) {
			return AutoReply
		}
		return Bounce
	case w.reportType != "":
		return AutoReply
	case h.has("X-Failed-Recipients"), daemonName(m.From):
		return Bounce
	case !f.isReply && gNdrStrong.match(f.subj, f.lsubj), gNdrAnywhere.match(f.subj, f.lsubj) && !forwardSubject.MatchString(f.subj):
		return Bounce
	case !f.machine:
		if (f.prec == "bulk" || f.prec == "junk") && weak && marker() {
			return Bounce
		}
		return ""
	case weak:
		return Bounce
	case f.subj == "":
		if marker() || f.nullReturn && m.From.Address == "" {
			return Bounce
		}
		return ""
	case marker():
		return Bounce
	}
	return ""
}

// daemonName reports the senders that only ever send reports.
func daemonName(a Address) bool {
	addr, name := strings.ToLower(a.Address), strings.ToLower(a.Name)
	return strings.Contains(addr, "mailer-daemon") || strings.Contains(name, "mailer-daemon") ||
		strings.Contains(name, "mail delivery subsystem")
}

// autoHeader reports a header that says on its own that a machine
// answered: RFC 3834 Auto-Submitted, the null reverse-path only automated
// senders use (RFC 5321 section 4.5.5), and the common non-standard
// equivalents (X-Autoreply..., Precedence bulk/junk/auto_reply, a vacation
// X-Mailer, Apple's X-Apple-Action: VACATION).
func autoHeader(h header, f *facts) bool {
	switch {
	case f.autoSub, f.nullReturn:
	case h.has("X-Autoreply") || h.has("X-Autorespond") || h.has("X-Autoresponder"):
	case strings.Contains(strings.ToLower(h.get("X-Autogenerated")), "reply"):
	case f.prec == "bulk" || f.prec == "junk" || f.prec == "auto_reply" || f.prec == "auto-reply":
	case strings.Contains(strings.ToLower(h.get("X-Mailer")), "vacation"):
	case strings.EqualFold(strings.TrimSpace(h.get("X-Apple-Action")), "vacation"):
	default:
		return false
	}
	return true
}

// vendorAutoReply reports the headers that, together with an automatic
// subject, show a mail server wrote the subject, not a person. They are
// not enough alone (they also travel on ordinary mail):
//   - Exchange marks its automatic replies X-Auto-Response-Suppress and, when
//     an inbox rule (OOF included) sent them, X-MS-Exchange-Inbox-Rules-Loop;
//   - Exchange gives an automatic reply the Thread-Topic of the message it
//     answers, so the automatic words are a prefix before the topic (a
//     person's new subject is its own topic, a reply or forward starts Re:/FW:);
//   - Lotus Domino's out-of-office agent writes "AUTO: " in upper case before
//     the subject, and Domino stamps its mail X-MIMETrack.
func vendorAutoReply(h header, f *facts) bool {
	switch {
	case strings.TrimSpace(h.get("X-Auto-Response-Suppress")) != "":
	case h.has("X-MS-Exchange-Inbox-Rules-Loop"):
	case !f.isReply && autoPrefixOf(f.subj, h.get("Thread-Topic")):
	case h.has("X-MIMETrack") && strings.HasPrefix(f.subj, "AUTO:"):
	default:
		return false
	}
	return true
}

// autoPrefixOf reports whether subj is an automatic-reply prefix followed
// by topic (Exchange's Thread-Topic).
func autoPrefixOf(subj, topic string) bool {
	topic = cleanSubject(decodeHeader(topic))
	n := len(subj) - len(topic)
	if topic == "" || n <= 0 || !strings.EqualFold(subj[n:], topic) {
		return false
	}
	prefix := subj[:n]
	return autoSubject(prefix, lowerKeep(prefix))
}

// autoSubject reports a subject that reads like an automatic reply.
func autoSubject(subj, lsubj string) bool {
	return gAutoStart.match(subj, lsubj) && !startsWithHumanPrefixOnly(subj) || gAutoAny.match(subj, lsubj)
}

// hint is why + ": " + the subject quoted, cut to keep the hint under 120
// bytes.
func hint(why, subj string) string {
	room := 115 - len(why) // 119 bytes with `: "` and `"`
	if len(subj) > room {
		subj = cutUTF8(subj, room-3) + "..."
	}
	return why + ": \"" + subj + "\""
}

// startsWithHumanPrefixOnly guards the anchored auto-reply subjects that
// are also ordinary words a customer could start a subject with ("Absence
// of ...", "Thank you for your help").
func startsWithHumanPrefixOnly(subj string) bool {
	s := strings.ToLower(replyPrefix.ReplaceAllString(subj, ""))
	s = strings.TrimSpace(s)
	for _, p := range []string{"absence of", "absent ", "thank you for your help", "thank you for your quick", "thanks for your help", "thanks for your quick", "vacation mode"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func headOf(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// topMarker reports an MTA report sentence among the first lines of a
// message (not inside forwarded or quoted text).
func topMarker(text string) bool {
	lines := 0
	for _, l := range strings.SplitN(headOf(text, 3000), "\n", 16) {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		lt := strings.ToLower(t)
		if strings.HasPrefix(t, ">") || strings.Contains(lt, "forwarded message") || strings.Contains(t, "Original Message") {
			return false
		}
		lines++
		if lines > 8 {
			return false
		}
		if hasMarker(lt, strongTopMarkers) {
			return true
		}
	}
	return false
}

var strongTopMarkers = []string{"this is the qmail-send program", "created automatically by mail delivery software",
	"this is the mail system at host", "delivery has failed to these recipients", "your message did not reach some or all of the intended recipients",
	"the original message was received at", "transcript of session follows", "delivery to the following recipient failed", "delivery to the following recipients failed"}

func onlyDelivered(dsn []string) bool {
	seen := false
	for _, d := range dsn {
		for _, l := range strings.Split(d, "\n") {
			k, v, ok := strings.Cut(l, ":")
			if !ok || !strings.EqualFold(strings.TrimSpace(k), "Action") {
				continue
			}
			seen = true
			switch strings.ToLower(strings.TrimSpace(stripComment(v))) {
			case "delivered", "relayed", "expanded":
			default:
				return false
			}
		}
	}
	return seen
}

// dsnInfo reads the first per-recipient group of a delivery-status body
// (RFC 3464 section 2.3).
func dsnInfo(dsn []string) *BounceInfo {
	var bi BounceInfo
	for _, d := range dsn {
		for _, l := range strings.Split(d, "\n") {
			k, v, ok := strings.Cut(l, ":")
			if !ok {
				continue
			}
			v = strings.TrimSpace(v)
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "final-recipient", "original-recipient":
				if bi.Recipient == "" {
					if _, a, ok := strings.Cut(v, ";"); ok {
						v = a
					}
					bi.Recipient = strings.ToLower(strings.Trim(strings.TrimSpace(v), "<>"))
				}
			case "status":
				if bi.Status == "" {
					if s := findStatus(v); s != "" {
						bi.Status = s
					}
				}
			case "action":
				if bi.Action == "" {
					bi.Action = strings.ToLower(strings.TrimSpace(stripComment(v)))
				}
			}
		}
	}
	if bi == (BounceInfo{}) {
		return nil
	}
	return &bi
}

var (
	delayWords = []string{"delay", "has not yet been delivered", "will continue", "will retry", "still trying", "temporar"}
)

// bounceDetails fills BounceInfo from the DSN part, or heuristically from
// an X-Failed-Recipients header and the report text.
func bounceDetails(w *walker, h header, text string) *BounceInfo {
	bi := dsnInfo(w.dsn)
	if bi == nil {
		bi = &BounceInfo{}
	}
	if w.origHeader != nil {
		for _, id := range splitIDs(w.origHeader.get("Message-ID"), false) {
			if validMsgID(id) {
				bi.MessageID = id
				break
			}
		}
	}
	if bi.Recipient == "" {
		if fr := strings.TrimSpace(h.get("X-Failed-Recipients")); fr != "" {
			bi.Recipient = strings.ToLower(strings.Trim(strings.TrimSpace(strings.Split(fr, ",")[0]), "<>"))
		}
	}
	head := headOf(text, 4000)
	if bi.Recipient == "" {
		if a, _ := findEmail(head, true); a != "" {
			bi.Recipient = a
		} else if a, _ := findEmail(head, false); a != "" {
			bi.Recipient = a
		}
	}
	if bi.Status == "" {
		if s := findStatus(head); s != "" {
			bi.Status = s
		} else if c := findSMTPClass(head); c != "" {
			bi.Status = c + ".0.0"
		}
	}
	if bi.Action == "" {
		switch {
		case strings.HasPrefix(bi.Status, "4.") || hasMarker(strings.ToLower(headOf(text, 2000)), delayWords):
			bi.Action = "delayed"
		default:
			bi.Action = "failed"
		}
	}
	return bi
}

func isLocalByte(c byte) bool {
	return isWordByte(c) || c == '.' || c == '-' || c == '+' || c == '%' || c == '=' || c == '\''
}

func isDomainByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '.' || c == '-'
}

// findEmail returns the first e-mail address in s (lower-cased) and its
// offset; with angled only one written as <addr>. Linear in len(s).
func findEmail(s string, angled bool) (string, int) {
	for off := 0; off < len(s); {
		i := strings.IndexByte(s[off:], '@')
		if i < 0 {
			return "", -1
		}
		i += off
		off = i + 1
		a := i
		for a > 0 && isLocalByte(s[a-1]) && i-a < 64 {
			a--
		}
		b := i + 1
		for b < len(s) && isDomainByte(s[b]) && b-i < 255 {
			b++
		}
		for a < i && (s[a] == '.' || s[a] == '-') {
			a++
		}
		for b > i+1 && (s[b-1] == '.' || s[b-1] == '-') {
			b--
		}
		if a == i || b == i+1 {
			continue
		}
		dom := s[i+1 : b]
		dot := strings.LastIndexByte(dom, '.')
		if dot <= 0 || len(dom)-dot-1 < 2 {
			continue
		}
		if angled && (a == 0 || s[a-1] != '<' || b >= len(s) || s[b] != '>') {
			continue
		}
		return strings.ToLower(s[a:b]), a
	}
	return "", -1
}
