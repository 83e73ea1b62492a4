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
	gDaemon  = guarded{daemonSender, []string{"mailer", "post", "mdaemon", "mail delivery", "mail administrator", "mailadmin", "mail",
		"smtp", "mmdf", "nobody@", "daemon@", "bounce"}}
)

// classify decides the class of m (see doc.go for the rules) and, for a
// bounce, what the report says.
func classify(m *Message, h header, w *walker, text string) (Class, *BounceInfo) {
	subj := headOf(m.Subject, 300)
	from := m.From.Name + " " + m.From.Address
	nullReturn := m.ReturnPath == "<>"
	lsubj, lfrom := lowerKeep(subj), lowerKeep(from)
	daemon := gDaemon.match(from, lfrom) ||
		(m.From.Address == "" && m.From.Name == "" && nullReturn)
	autoSub := m.AutoSubmitted != "" && m.AutoSubmitted != "no"
	isReply := replyPrefix.MatchString(subj)

	// Signals other than the subject and body that a machine wrote it.
	machine := nullReturn || autoSub || daemon || h.has("X-Failed-Recipients") ||
		w.reportType != "" || w.sawDSN

	prec := strings.ToLower(strings.TrimSpace(stripComment(h.get("Precedence"))))
	bulk := prec == "bulk" || prec == "junk"
	head := headOf(text, 4000)
	weak := gNdrWeak.match(subj, lsubj)
	markerDone, markerHit := false, false
	marker := func() bool {
		if !markerDone {
			markerDone, markerHit = true, hasMarker(strings.ToLower(head), ndrBodyMarkers)
		}
		return markerHit
	}

	bounce := false
	switch {
	case w.reportType == "delivery-status" || w.sawDSN:
		bounce = true
		if onlyDelivered(w.dsn) {
			// A success DSN (delivered/relayed/expanded): automated, not a failure.
			return AutoReply, dsnInfo(w.dsn)
		}
	case w.reportType != "":
		// Read receipts, feedback reports and other reports: automated.
		return AutoReply, nil
	case h.has("X-Failed-Recipients"):
		bounce = true
	case strings.Contains(strings.ToLower(m.From.Address), "mailer-daemon") || strings.Contains(strings.ToLower(m.From.Name), "mailer-daemon") ||
		strings.Contains(strings.ToLower(m.From.Name), "mail delivery subsystem"):
		bounce = true
	case !isReply && gNdrStrong.match(subj, lsubj), gNdrAnywhere.match(subj, lsubj) && !forwardSubject.MatchString(subj):
		bounce = true
	case machine && weak:
		bounce = true
	case machine && subj == "":
		bounce = marker() || nullReturn && m.From.Address == ""
	case machine && marker():
		bounce = true
	case bulk && weak && marker():
		bounce = true
	case !isReply && !m.List && topMarker(text):
		bounce = true
	}
	if bounce {
		return Bounce, bounceDetails(w, h, text)
	}

	// Automatic replies (RFC 3834 and the common non-standard signals).
	switch {
	case autoSub:
		return AutoReply, nil
	case h.has("X-Autoreply") || h.has("X-Autorespond") || h.has("X-Autoresponder") || h.has("X-Autogenerated") && strings.Contains(strings.ToLower(h.get("X-Autogenerated")), "reply"):
		return AutoReply, nil
	case prec == "bulk" || prec == "junk" || prec == "auto_reply" || prec == "auto-reply":
		return AutoReply, nil
	case strings.TrimSpace(h.get("X-Auto-Response-Suppress")) != "" && (gAutoStart.match(subj, lsubj) || gAutoAny.match(subj, lsubj)):
		return AutoReply, nil
	case gAutoStart.match(subj, lsubj) && !startsWithHumanPrefixOnly(subj):
		return AutoReply, nil
	case gAutoAny.match(subj, lsubj):
		return AutoReply, nil
	case nullReturn:
		// Only automated senders use the null reverse-path (RFC 5321 4.5.5).
		return AutoReply, nil
	case h.has("X-Mailer") && strings.Contains(strings.ToLower(h.get("X-Mailer")), "vacation"):
		return AutoReply, nil
	}
	return Human, nil
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
		if strings.HasPrefix(t, ">") || strings.Contains(strings.ToLower(t), "forwarded message") || strings.Contains(t, "Original Message") {
			return false
		}
		lines++
		if lines > 8 {
			return false
		}
		if hasMarker(strings.ToLower(t), strongTopMarkers) {
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
					if s := statusRe.FindString(v); s != "" {
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
	statusRe   = regexp.MustCompile(`\b[245]\.\d{1,3}\.\d{1,3}\b`)
	smtpCodeRe = regexp.MustCompile(`\b([45])\d\d[ -]`)
	delayWords = []string{"delay", "has not yet been delivered", "will continue", "will retry", "still trying", "temporar"}
)

// bounceDetails fills BounceInfo from the DSN part, or heuristically from
// an X-Failed-Recipients header and the report text.
func bounceDetails(w *walker, h header, text string) *BounceInfo {
	bi := dsnInfo(w.dsn)
	if bi == nil {
		bi = &BounceInfo{}
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
		if s := statusRe.FindString(head); s != "" {
			bi.Status = s
		} else if c := smtpCodeRe.FindStringSubmatch(head); c != nil {
			bi.Status = c[1] + ".0.0"
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
