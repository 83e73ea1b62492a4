package workflow

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"regexp"
	"strings"

	"rmad/store"
)

var refBracket = regexp.MustCompile(`(?i)\[\s*(TKT|RMA)-\d+\s*\]`)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// Audience is who a desk mail went to (store owns the type). It is signed
// into the mail's Message-ID, so a reply proves which mail its writer
// received: a customer who replies to their acknowledgment cannot pass for
// an agent who replied to a notice.
type Audience = store.Audience

const (
	AudienceCustomer = store.AudienceCustomer
	AudienceAgents   = store.AudienceAgents
	AudienceFinance  = store.AudienceFinance
	// audienceLegacy marks ids made before the audience was signed in: they
	// still thread, and prove receipt of some desk mail about the ticket,
	// but grant no agent authority.
	audienceLegacy Audience = "legacy"
)

var audienceCode = map[Audience]string{AudienceCustomer: "c", AudienceAgents: "a", AudienceFinance: "f"}

func audienceOf(code string) Audience {
	for a, c := range audienceCode {
		if c == code {
			return a
		}
	}
	return ""
}

// newMessageID makes a Message-ID that names the ticket and its audience and
// carries an HMAC over both, so a reply threads even when the client dropped
// References, and nobody can forge one or move it to another audience:
// rmad.<ref>.<audience>.<nonce>.<mac>@<domain>.
func (d *Desk) newMessageID(ref string, aud Audience, domain string) string {
	nonce := make([]byte, 5)
	_, _ = rand.Read(nonce)
	n := strings.ToLower(b32.EncodeToString(nonce))
	code := audienceCode[aud]
	if code == "" {
		code = audienceCode[AudienceAgents]
	}
	return "rmad." + strings.ToLower(ref) + "." + code + "." + n + "." + d.mac(ref+"."+code, n) + "@" + domain
}

func (d *Desk) mac(ref, nonce string) string {
	h := hmac.New(sha256.New, d.cfg.Secret)
	h.Write([]byte(strings.ToUpper(ref) + "." + nonce))
	return strings.ToLower(b32.EncodeToString(h.Sum(nil)[:8]))
}

// signedID is what one of our Message-IDs says, once its HMAC checks out.
type signedID struct {
	Ref      string
	Audience Audience
}

// parseOwnID reads one of our Message-IDs; ok is false when mid is not ours
// or its HMAC does not check out.
func (d *Desk) parseOwnID(mid string) (signedID, bool) {
	local, _, ok := strings.Cut(mid, "@")
	if !ok || !strings.HasPrefix(local, "rmad.") {
		return signedID{}, false
	}
	parts := strings.Split(local, ".")
	switch len(parts) {
	case 4: // rmad.<ref>.<nonce>.<mac>: before audiences were signed
		ref := strings.ToUpper(parts[1])
		if hmac.Equal([]byte(d.mac(ref, parts[2])), []byte(strings.ToLower(parts[3]))) {
			return signedID{Ref: ref, Audience: audienceLegacy}, true
		}
	case 5:
		ref, code := strings.ToUpper(parts[1]), strings.ToLower(parts[2])
		aud := audienceOf(code)
		if aud != "" && hmac.Equal([]byte(d.mac(ref+"."+code, parts[3])), []byte(strings.ToLower(parts[4]))) {
			return signedID{Ref: ref, Audience: aud}, true
		}
	}
	return signedID{}, false
}

// ownMessageID returns the ticket ref of one of our Message-IDs, or "" when
// mid is not one (or its HMAC does not check out).
func (d *Desk) ownMessageID(mid string) string {
	s, _ := d.parseOwnID(mid)
	return s.Ref
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i+1:]
	}
	return "localhost"
}
