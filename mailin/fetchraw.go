package mailin

// Reading FETCH BODY.PEEK[] responses without go-imap's Collect: Collect reads
// each literal with io.ReadAll, which grows (and clears) its buffer a doubling
// at a time, so a 1 MB message cost about three times its size in copies and
// zeroing. The literal announces its size, so one exact buffer does.

import (
	"fmt"
	"io"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// maxPresize bounds the buffer allocated from a literal's announced size: the
// size comes from the server, and a broken or hostile one may announce
// gigabytes it never sends. Larger literals are read as they come.
const maxPresize = 64 << 20

// fetched is one message of a FETCH: its UID, INTERNALDATE and raw bytes.
type fetched struct {
	uid      imap.UID
	internal time.Time
	raw      []byte
}

// collectRaw reads every message of cmd, in the order the server sent them,
// and closes cmd. Items other than UID, INTERNALDATE and the body section are
// skipped.
func collectRaw(cmd *imapclient.FetchCommand) ([]fetched, error) {
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
				raw, err := readLiteral(it.Literal)
				if err != nil {
					return out, fmt.Errorf("read body of uid %d: %w", f.uid, err)
				}
				f.raw = raw
			}
		}
		out = append(out, f)
	}
	return out, cmd.Close()
}

// readLiteral reads lit whole into a buffer of its announced size. A nil
// literal (NIL in the response) is an empty message.
func readLiteral(lit imap.LiteralReader) ([]byte, error) {
	if lit == nil {
		return []byte{}, nil
	}
	n := lit.Size()
	if n < 0 || n > maxPresize {
		return io.ReadAll(lit)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(lit, b); err != nil {
		return nil, err
	}
	return b, nil
}
