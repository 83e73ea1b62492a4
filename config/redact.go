package config

import (
	"net/url"
	"regexp"
	"strings"
)

// Redacted is what Redact puts where a secret was.
const Redacted = "xxxxx"

var (
	// scheme is where a URL starts inside free text (RFC 3986 section 3.1).
	scheme = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.\-]*://`)
	// keyValue is one key=value pair of a libpq DSN ("host=db password='a b'",
	// section 32.1.1.1 of the PostgreSQL manual: single quotes, backslash
	// escapes) or of an environment listing (RMAD_SECRET=...). An unquoted
	// value runs to the next white space (or a quote that encloses the
	// whole DSN in a message).
	keyValue = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.\-]*)(\s*=\s*)('(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?|(?:[^\s\\'"` + "`" + `]|\\.)*)`)
)

// Redact returns s with every password it can recognise replaced by
// "xxxxx": the password of a URL's user info (postgres://u:PW@h,
// imap://u:PW@h, smtp://u:PW@h), URL query parameters and DSN or
// environment key=value pairs whose name says secret (password,
// sslpassword, pass, pwd, secret, token, ...). s may be a connection string
// or free text that contains some, such as an error a driver returned, so
// every error and log line that can hold a connection string goes through
// it. Host, port, user, database and the other parameters stay, so the
// message still says where the connection went.
//
// A string that does not parse as a URL is redacted the way net/url would
// split it, and where that is ambiguous (a '/' inside an unencoded
// password) more is masked rather than less.
func Redact(s string) string {
	if !mayHoldSecret(s) {
		return s
	}
	var b strings.Builder
	rest := s
	for {
		loc := scheme.FindStringIndex(rest)
		if loc == nil {
			b.WriteString(redactKeyValues(rest))
			return b.String()
		}
		b.WriteString(redactKeyValues(rest[:loc[0]]))
		b.WriteString(rest[loc[0]:loc[1]])
		rest = rest[loc[1]:]
		end := strings.IndexAny(rest, " \t\r\n\"'`<>")
		if end < 0 {
			end = len(rest)
		}
		b.WriteString(redactURLRest(rest[:end]))
		rest = rest[end:]
	}
}

// mayHoldSecret is a cheap test that lets most log values skip the regular
// expressions.
func mayHoldSecret(s string) bool {
	return strings.Contains(s, "://") || strings.Contains(s, "=")
}

// redactURLRest redacts what follows "scheme://" up to the end of the URL:
// the password of the user info and secret query values.
func redactURLRest(t string) string {
	// RFC 3986 section 3.2: the authority ends at the first '/', '?' or
	// '#'; net/url takes the user info up to its last '@'.
	authEnd := strings.IndexAny(t, "/?#")
	if authEnd < 0 {
		authEnd = len(t)
	}
	auth, rest := t[:authEnd], t[authEnd:]
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		if colon := strings.IndexByte(auth[:at], ':'); colon >= 0 {
			auth = auth[:colon+1] + Redacted + auth[at:]
		}
	} else if colon := strings.IndexByte(auth, ':'); colon >= 0 && !isPort(auth[colon+1:]) && !strings.HasPrefix(auth, "[") {
		// "u:pa/ss@host": an unencoded '/' ended the authority early, so
		// this ':' is no port separator; mask up to the last '@'.
		if at := strings.LastIndexByte(t, '@'); at > colon {
			return t[:colon+1] + Redacted + redactURLRest(t[at:])
		}
	}
	q := strings.IndexByte(rest, '?')
	if q < 0 {
		return auth + rest
	}
	query, frag := rest[q+1:], ""
	if h := strings.IndexByte(query, '#'); h >= 0 {
		query, frag = query[:h], query[h:]
	}
	pairs := strings.Split(query, "&")
	for i, p := range pairs {
		k, _, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		if name, err := url.QueryUnescape(k); err == nil && secretName(name) || err != nil && secretName(k) {
			pairs[i] = k + "=" + Redacted
		}
	}
	return auth + rest[:q+1] + strings.Join(pairs, "&") + frag
}

func redactKeyValues(s string) string {
	if !strings.Contains(s, "=") {
		return s
	}
	return keyValue.ReplaceAllStringFunc(s, func(m string) string {
		sub := keyValue.FindStringSubmatch(m)
		if !secretName(sub[1]) || sub[3] == "" {
			return m
		}
		return sub[1] + sub[2] + Redacted
	})
}

// secretName reports whether a parameter or variable name holds a secret:
// libpq's password and sslpassword, the usual spellings elsewhere, and any
// RMAD_* variable or key ending in such a word (RMAD_SECRET, client_secret,
// access_token).
func secretName(name string) bool {
	n := strings.ToLower(strings.NewReplacer("_", "", "-", "", ".", "").Replace(name))
	switch n {
	case "pass", "pwd", "passphrase", "apikey", "credentials":
		return true
	}
	for _, w := range []string{"password", "secret", "token", "passwd"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

func isPort(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
