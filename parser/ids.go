package parser

import (
	"slices"
	"strings"
)

// firstValidID returns the first valid message id of a header value, ""
// when there is none; an invalid id is dropped with the defect d.
func (m *Message) firstValidID(v, d string) string {
	for _, id := range splitIDs(v, false) {
		if validMsgID(id) {
			return id
		}
		m.defect(d)
	}
	return ""
}

// references returns the valid ids of a References value, the last
// maxReferences of them.
func (m *Message) references(v string) []string {
	ids := splitIDs(v, true)
	out := ids[:0] // filtered in place: splitIDs made ids for us
	for _, id := range ids {
		if validMsgID(id) {
			out = append(out, id)
		} else {
			m.defect("invalid References id dropped")
		}
	}
	if out == nil {
		out = []string{}
	}
	if len(out) > maxReferences {
		m.defect("more than 50 References: the oldest dropped")
		out = slices.Clone(out[len(out)-maxReferences:]) // not the whole list behind it
	}
	return out
}

// validMsgID reports whether id (without angle brackets) can be written as
// an RFC 5322 section 3.6.4 msg-id: printable ASCII (0x21-0x7E) without
// '<' or '>', exactly one '@' with text on both sides, at most maxIDLen
// bytes. Looser than dot-atom (real ids are often sloppy but harmless),
// strict where it matters: no byte can end a header or an id early, and no
// id with spaces or two '@' (which go-message's MessageID() cannot read
// either) becomes a key the desk threads on. It is the rule mailout checks
// before it writes an id.
func validMsgID(id string) bool {
	if id == "" || len(id) > maxIDLen {
		return false
	}
	at := -1
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case c < '!' || c > '~' || c == '<' || c == '>':
			return false
		case c == '@':
			if at >= 0 {
				return false
			}
			at = i
		}
	}
	return at > 0 && at < len(id)-1
}

// splitIDs returns the message ids of a header value without brackets,
// valid or not: the <...> tokens; without any, the whole value as one id,
// or, when list is set (References), its whitespace/comma-separated words.
// Reading the bracketless value as one id keeps "fan noise 1@host" whole,
// so it is dropped as invalid instead of yielding the fragment "1@host".
func splitIDs(v string, list bool) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	var ids []string
	rest := v
	for {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			break
		}
		// "<>" is an empty id: kept, so it is reported as invalid.
		ids = append(ids, strings.TrimSpace(rest[i+1:i+j]))
		rest = rest[i+j+1:]
	}
	if ids != nil {
		return ids
	}
	if !list {
		return []string{strings.Trim(v, "<>\"'")}
	}
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '\t' || r == ',' }) {
		if f = strings.Trim(f, "<>\"'"); f != "" {
			ids = append(ids, f)
		}
	}
	return ids
}
