package mailin

// Reading FETCH BODY.PEEK[] responses without go-imap's Collect: Collect reads
// each literal with io.ReadAll, which grows (and clears) its buffer a doubling
// at a time, so a 1 MB message cost about three times its size in copies and
// zeroing. The literal announces its size, so one exact buffer does.

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// maxPresize bounds the buffer allocated from a literal's announced size: the
// size comes from the server, and a broken or hostile one may announce far
// more than it sends. Past it the buffer grows as the bytes arrive.
const maxPresize = 4 << 20

// errNotWhole is a message the server lists but did not send whole: no
// BODY[] in its answer, BODY[] NIL, only a part of it (BODY[HEADER]), or the
// message left out. Such a message is retried and, after MaxTries,
// quarantined like one the Sink keeps failing; it is never delivered empty.
var errNotWhole = errors.New("the IMAP server did not send the message whole (FETCH BODY[])")

// fetched is one message of a FETCH: its UID, INTERNALDATE and raw bytes;
// raw is nil unless the whole message (BODY[]) came.
type fetched struct {
	uid      imap.UID
	internal time.Time
	raw      []byte
}

// collectRaw reads every message of cmd, in the order the server sent them,
// and closes cmd. Responses without a UID are dropped (they cannot be told
// apart); for a UID answered twice the last whole body wins.
//
// A literal that cannot be read whole means the connection broke: abort
// closes it and waits for the client's reader before cmd is closed. go-imap
// lets its reader go on as soon as a literal read fails, and closing cmd
// reads the rest of that literal to discard it: the two would read the
// connection's buffer at once (a data race, with its Collect too).
func collectRaw(cmd *imapclient.FetchCommand, abort func()) ([]fetched, error) {
	defer cmd.Close()
	var out []fetched
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		var f fetched
		for item := msg.Next(); item != nil; item = msg.Next() {
			switch it := item.(type) {
			case imapclient.FetchItemDataUID:
				f.uid = it.UID
			case imapclient.FetchItemDataInternalDate:
				f.internal = it.Time
			case imapclient.FetchItemDataBodySection:
				if !wholeMessage(it.Section) || it.Literal == nil {
					continue // discarded by msg.Next
				}
				raw, err := readLiteral(it.Literal)
				if err != nil {
					abort()
					return out, fmt.Errorf("read body of uid %d: %w", f.uid, err)
				}
				f.raw = raw
			}
		}
		if f.uid != 0 {
			out = append(out, f)
		}
	}
	return out, cmd.Close()
}

// wholeMessage is true of BODY[]: no part, no HEADER or TEXT, no range.
func wholeMessage(s *imap.FetchItemBodySection) bool {
	return s != nil && s.Specifier == imap.PartSpecifierNone && len(s.Part) == 0 && s.Partial == nil
}

// readLiteral reads lit whole. A literal shorter than announced is an error.
func readLiteral(lit imap.LiteralReader) ([]byte, error) {
	n := lit.Size()
	if n < 0 {
		return io.ReadAll(lit)
	}
	b := make([]byte, 0, min(n, maxPresize))
	for int64(len(b)) < n {
		if len(b) == cap(b) {
			// Double, but never past the announced size.
			b = slices.Grow(b, int(min(n-int64(len(b)), int64(cap(b)))))
		}
		k, err := lit.Read(b[len(b):min(int64(cap(b)), n)])
		b = b[:len(b)+k]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(b)) != n {
		return nil, fmt.Errorf("literal of %d bytes announced, %d sent: %w", n, len(b), io.ErrUnexpectedEOF)
	}
	return b, nil
}
