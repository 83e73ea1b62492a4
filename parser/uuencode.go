package parser

import (
	"strings"
)

// extractUU removes uuencoded blocks ("begin 644 name" ... "end") from a
// plain-text body and returns the text without them and the files they
// hold (name, guessed type, decoded size). A "begin" line not followed by
// a valid uuencoded line is ordinary text and stays.
func extractUU(s string) (string, []Attachment) {
	if !strings.Contains(s, "begin ") {
		return s, nil
	}
	var atts []Attachment
	var b strings.Builder
	last := 0 // start of text not yet copied
	for pos := 0; pos < len(s); {
		end := strings.IndexByte(s[pos:], '\n')
		next := len(s)
		if end >= 0 {
			end += pos
			next = end + 1
		} else {
			end = len(s)
		}
		name, ok := uuBegin(s[pos:end])
		if !ok {
			pos = next
			continue
		}
		size, blockEnd, ok := uuBody(s, next)
		if !ok {
			pos = next
			continue
		}
		if len(atts) < maxParts {
			atts = append(atts, Attachment{Filename: name, ContentType: typeByExtension(name), Size: size})
		}
		b.WriteString(s[last:pos])
		last = blockEnd
		pos = blockEnd
	}
	if atts == nil {
		return s, nil
	}
	b.WriteString(s[last:])
	return b.String(), atts
}

// uuBegin reads a "begin MODE NAME" line.
func uuBegin(l string) (string, bool) {
	l = strings.TrimRight(l, " \t\r")
	if !strings.HasPrefix(l, "begin ") {
		return "", false
	}
	rest := l[len("begin "):]
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '7' {
		i++
	}
	if i < 3 || i > 4 || i >= len(rest) || rest[i] != ' ' {
		return "", false
	}
	name := strings.TrimSpace(rest[i:])
	if name == "" {
		return "", false
	}
	return name, true
}

// uuBody reads the uuencoded lines from offset pos up to and including an
// "end" line, returning the decoded size and where the block ends. At
// least one data line must be valid.
func uuBody(s string, pos int) (size int64, blockEnd int, ok bool) {
	lines := 0
	for pos < len(s) {
		end := strings.IndexByte(s[pos:], '\n')
		next := len(s)
		if end >= 0 {
			end += pos
			next = end + 1
		} else {
			end = len(s)
		}
		l := strings.TrimRight(s[pos:end], "\r")
		if strings.TrimRight(l, " \t") == "end" {
			return size, next, lines > 0
		}
		n, valid := uuLine(l)
		if !valid {
			// No "end": the block stops at the last valid line.
			return size, pos, lines > 0
		}
		size += int64(n)
		lines++
		pos = next
	}
	return size, pos, lines > 0
}

// uuLine validates one uuencoded line and returns its decoded length.
// Trailing spaces lost in transit are tolerated.
func uuLine(l string) (int, bool) {
	if l == "" {
		return 0, true // a zero-length line whose space was stripped
	}
	c := l[0]
	if c < 0x20 || c > 0x60 {
		return 0, false
	}
	n := int(c-0x20) & 63
	want := (n + 2) / 3 * 4
	got := len(l) - 1
	if got > want+3 || got < want-4 || n > 0 && got == 0 {
		return 0, false
	}
	for i := 1; i < len(l); i++ {
		if l[i] < 0x20 || l[i] > 0x60 {
			return 0, false
		}
	}
	return n, true
}

// typeByExtension guesses a media type from a file name without the
// host's mime tables (the parser must not depend on the machine).
func typeByExtension(name string) string {
	ext := ""
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		ext = strings.ToLower(name[i+1:])
	}
	switch ext {
	case "txt", "log", "cfg", "conf", "ini":
		return "text/plain"
	case "csv":
		return "text/csv"
	case "htm", "html":
		return "text/html"
	case "pdf":
		return "application/pdf"
	case "zip":
		return "application/zip"
	case "gz", "tgz":
		return "application/gzip"
	case "jpg", "jpeg":
		return "image/jpeg"
	case "png":
		return "image/png"
	case "gif":
		return "image/gif"
	case "doc":
		return "application/msword"
	case "xls":
		return "application/vnd.ms-excel"
	case "exe", "bin", "dat":
		return "application/octet-stream"
	}
	return "application/octet-stream"
}
