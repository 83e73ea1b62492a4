package workflow

import (
	"strings"

	"github.com/emersion/go-msgauth/authres"

	"rmad/parser"
)

// senderAuth is what the operator's receiving server (trusted_authserv_id)
// said about who sent a message.
type senderAuth struct {
	// Configured is false when trusted_authserv_id is unset: nothing is
	// known, and Pass is false.
	Configured bool
	// Pass: an aligned pass for the From domain (dmarc header.from, dkim
	// header.d, or spf smtp.mailfrom), no failure, exactly one From.
	Pass bool
	// Failed says why the message is known to be forged or broken: an
	// aligned dmarc or spf fail at our server, or several From headers. A
	// failed message gets no authority and no automatic answer.
	Failed string
	// Why explains a missing pass, for agents.
	Why string
}

// senderAuth reads the Authentication-Results headers our own receiving
// server wrote (RFC 8601). Only headers whose authserv-id is
// trusted_authserv_id count: the operator's MTA must remove such headers
// arriving from outside (RFC 8601 section 5), and every other header may be
// the sender's own invention. A failure anywhere in our headers wins over a
// pass, so a forged pass added by the sender cannot hide our fail.
func (d *Desk) senderAuth(p *parser.Message) senderAuth {
	a := senderAuth{Configured: d.cfg.People.TrustedAuthservID != ""}
	switch {
	case p.FromCount > 1:
		// DKIM signs the bottom-most From (RFC 6376 5.4), the parser reads
		// the first: the two may name different people.
		a.Failed = "the message has more than one From header"
	case p.FromMailboxes > 1:
		// The desk would act for the first mailbox while DMARC may have
		// been judged for another.
		a.Failed = "the From header names more than one mailbox"
	case p.FromAmbiguous:
		// The same doubt, for a From only a loose reading could use.
		a.Failed = "the From header is malformed and names more than one address"
	}
	if a.Failed != "" {
		a.Why = a.Failed
		return a
	}
	if !a.Configured {
		a.Why = "sender authentication is not configured (trusted_authserv_id is unset)"
		return a
	}
	v := readAuthResults(p.AuthResults, d.cfg.People.TrustedAuthservID, domainOf(p.From.Address))
	switch {
	case v.failed != "":
		a.Failed = v.failed + " at " + d.cfg.People.TrustedAuthservID
		a.Why = a.Failed
	case !v.seen:
		a.Why = "no Authentication-Results header from " + d.cfg.People.TrustedAuthservID
	case v.pass == "":
		a.Why = "no dkim, spf or dmarc pass for " + domainOf(p.From.Address) + " from " + d.cfg.People.TrustedAuthservID
	default:
		a.Pass = true
	}
	return a
}

// authVerdict is the reading of one message's trusted headers.
type authVerdict struct {
	seen   bool   // a header from the trusted host was there
	pass   string // the first aligned pass, e.g. "dmarc=pass"
	failed string // the first aligned failure, e.g. "dmarc=fail"
}

// readAuthResults reads the values of Authentication-Results (topmost
// first) for the From domain, counting only those by authserv.
func readAuthResults(values []string, authserv, fromDomain string) authVerdict {
	var v authVerdict
	fromDomain = strings.ToLower(fromDomain)
	for _, raw := range values {
		// A parse error leaves the results read before it: a header of
		// ours that is partly unreadable still tells what it could.
		id, results, _ := authres.Parse(neutralizeCFWS(raw))
		if !strings.EqualFold(strings.TrimSpace(id), authserv) {
			continue
		}
		v.seen = true
		for _, r := range results {
			method, value, domain := resultFacts(r)
			if domain == "" && method == "dmarc" {
				domain = fromDomain // dmarc is about the From domain by definition
			}
			if !aligned(fromDomain, domain) {
				continue
			}
			switch {
			case value == authres.ResultPass && (method == "dmarc" || method == "dkim" || method == "spf"):
				v.pass = firstNonEmpty(v.pass, method+"=pass")
			case method == "dmarc" && value == authres.ResultFail,
				method == "spf" && (value == authres.ResultFail || value == authres.ResultHardFail):
				v.failed = firstNonEmpty(v.failed, method+"="+string(value))
			}
		}
	}
	return v
}

// resultFacts returns a result's method, value and the domain it vouches for.
func resultFacts(r authres.Result) (string, authres.ResultValue, string) {
	switch r := r.(type) {
	case *authres.DMARCResult:
		return "dmarc", r.Value, addrDomain(r.From)
	case *authres.DKIMResult:
		if r.Domain != "" {
			return "dkim", r.Value, addrDomain(r.Domain)
		}
		return "dkim", r.Value, addrDomain(r.Identifier)
	case *authres.SPFResult:
		return "spf", r.Value, addrDomain(r.From)
	case *authres.GenericResult:
		return r.Method, r.Value, ""
	}
	return "", "", ""
}

// addrDomain is the domain of an address or a bare domain, lower-cased.
func addrDomain(s string) string {
	s = strings.ToLower(strings.Trim(strings.TrimSpace(s), "<>"))
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSuffix(s, ".")
}

// aligned is DMARC's relaxed alignment without the public suffix list: the
// authenticated domain is the From domain or a parent of it (a signature by
// example.com covers mail.example.com). A single-label "parent" never counts.
func aligned(fromDomain, authDomain string) bool {
	if fromDomain == "" || authDomain == "" {
		return false
	}
	if fromDomain == authDomain {
		return true
	}
	return strings.Contains(authDomain, ".") && strings.HasSuffix(fromDomain, "."+authDomain)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// neutralizeCFWS rewrites an Authentication-Results value so that a plain
// split on ";" and white space reads it as RFC 8601 means it: comments are
// removed, and quoted strings become one token whose ";", "=", white space,
// "(" and ")" are percent-encoded. go-msgauth v0.7.0 (the newest release)
// splits on ";" before it looks at comments or quotes (its issues #32, #74),
// so `smtp.mailfrom="x;dkim=pass header.d=desk.example x"@evil.example` or
// `(...; dkim=pass ...)` would otherwise read as results.
func neutralizeCFWS(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && (quoted || depth > 0):
			// quoted-pair: the next byte is literal.
			if i+1 < len(s) {
				i++
				if quoted {
					writeQuoted(&b, s[i])
				}
			}
		case quoted:
			if c == '"' {
				quoted = false
				continue
			}
			writeQuoted(&b, c)
		case depth > 0:
			switch c {
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					b.WriteByte(' ')
				}
			}
		case c == '(':
			depth++
		case c == '"':
			quoted = true
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func writeQuoted(b *strings.Builder, c byte) {
	switch c {
	case ';', '=', ' ', '\t', '\r', '\n', '(', ')', '"', '%':
		b.WriteString("%")
		b.WriteString(strings.ToUpper(string("0123456789abcdef"[c>>4]) + string("0123456789abcdef"[c&15])))
	default:
		b.WriteByte(c)
	}
}
