package workflow

import (
	"strings"

	"rmad/parser"
)

// authenticated reports whether an agent's message may be trusted: when
// trusted_authserv_id is set, the topmost Authentication-Results header (the
// one our own receiving server added, RFC 8601 section 5) must come from that
// host and say dkim, spf or dmarc = pass for the From domain. Headers further
// down can be forged by the sender and are ignored.
func (d *Desk) authenticated(p *parser.Message) (bool, string) {
	id := d.cfg.People.TrustedAuthservID
	if id == "" {
		return true, ""
	}
	if len(p.AuthResults) == 0 {
		return false, "no Authentication-Results header"
	}
	top := p.AuthResults[0]
	serv, rest, _ := strings.Cut(top, ";")
	serv = strings.TrimSpace(serv)
	if f := strings.Fields(serv); len(f) > 0 {
		serv = f[0]
	}
	if !strings.EqualFold(serv, id) {
		return false, "the topmost Authentication-Results header is from " + serv + ", not " + id
	}
	domain := strings.ToLower(domainOf(p.From.Address))
	for _, clause := range strings.Split(rest, ";") {
		c := strings.ToLower(strings.TrimSpace(clause))
		for _, method := range []string{"dkim=pass", "spf=pass", "dmarc=pass"} {
			if !strings.HasPrefix(c, method) {
				continue
			}
			for _, prop := range strings.Fields(c)[1:] {
				k, v, ok := strings.Cut(prop, "=")
				if !ok {
					continue
				}
				v = strings.Trim(v, "\"")
				if at := strings.LastIndexByte(v, '@'); at >= 0 {
					v = v[at+1:]
				}
				switch k {
				case "header.d", "header.i", "header.from", "smtp.mailfrom":
					if v == domain {
						return true, ""
					}
				}
			}
		}
	}
	return false, "no dkim, spf or dmarc pass for " + domain + " from " + id
}
