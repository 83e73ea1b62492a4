package workflow

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"regexp"
	"strings"
)

var refBracket = regexp.MustCompile(`(?i)\[\s*(TKT|RMA)-\d+\s*\]`)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// newMessageID makes a Message-ID that names the ticket and carries an HMAC,
// so a reply threads even when the client dropped References, and nobody can
// forge one: rmad.<ref>.<nonce>.<mac>@<domain>.
func (d *Desk) newMessageID(ref, domain string) string {
	nonce := make([]byte, 5)
	_, _ = rand.Read(nonce)
	n := strings.ToLower(b32.EncodeToString(nonce))
	return "rmad." + strings.ToLower(ref) + "." + n + "." + d.mac(ref, n) + "@" + domain
}

func (d *Desk) mac(ref, nonce string) string {
	h := hmac.New(sha256.New, d.cfg.Secret)
	h.Write([]byte(strings.ToUpper(ref) + "." + nonce))
	return strings.ToLower(b32.EncodeToString(h.Sum(nil)[:8]))
}

// ownMessageID returns the ticket ref of one of our Message-IDs, or "" when
// mid is not one (or its HMAC does not check out).
func (d *Desk) ownMessageID(mid string) string {
	local, _, ok := strings.Cut(mid, "@")
	if !ok {
		return ""
	}
	parts := strings.Split(local, ".")
	if len(parts) != 4 || parts[0] != "rmad" {
		return ""
	}
	ref := strings.ToUpper(parts[1])
	if !hmac.Equal([]byte(d.mac(ref, parts[2])), []byte(strings.ToLower(parts[3]))) {
		return ""
	}
	return ref
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i+1:]
	}
	return "localhost"
}
