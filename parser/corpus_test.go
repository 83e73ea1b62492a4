package parser

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// corpusDir is the shared real-world corpus (../shared/corpora from the repo).
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpora")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("RMAD_REQUIRE_SERVERS") == "1" {
			t.Fatalf("corpus missing: %v", err)
		}
		t.Skipf("corpus missing: %v", err)
	}
	return dir
}

func corpusFiles(t testing.TB, sub string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir(t), sub, "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no files in corpus folder %s", sub)
	}
	return files
}

// parseTimed parses one file, failing on an internal error, a marshalling
// error, nil slices or a parse slower than one second.
func parseTimed(t *testing.T, path string) *Message {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	m, err := Parse(raw)
	if d := time.Since(start); d > timeScale*time.Second {
		t.Errorf("%s: parse took %v", path, d)
	}
	if err != nil {
		if err == ErrNotMessage {
			t.Errorf("%s: rejected as not a message", path)
			return nil
		}
		t.Fatalf("%s: %v", path, err)
	}
	checkInvariants(t, m)
	return m
}

func checkInvariants(t testing.TB, m *Message) {
	t.Helper()
	if m.References == nil || m.TicketRefs == nil || m.Commands == nil || m.Units == nil ||
		m.Attachments == nil || m.To == nil || m.Cc == nil || m.ReplyTo == nil || m.AuthResults == nil || m.Defects == nil {
		t.Fatalf("nil slice in %+v", m)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	for _, k := range []string{"message_id", "in_reply_to", "references", "from", "subject", "date", "class",
		"ticket_refs", "commands", "text", "fields", "units", "attachments"} {
		if _, ok := back[k]; !ok {
			t.Fatalf("key %q missing from JSON", k)
		}
	}
	switch m.Class {
	case Human, AutoReply, Bounce:
	default:
		t.Fatalf("class %q", m.Class)
	}
	if m.Class != Human && m.AutoReplyHint != "" {
		t.Fatalf("auto_reply_hint %q on class %q", m.AutoReplyHint, m.Class)
	}
	if len(m.To) > maxAddresses || len(m.Cc) > maxAddresses || len(m.ReplyTo) > maxAddresses ||
		len(m.References) > maxReferences || len(m.AuthResults) > maxAuthResults {
		t.Fatalf("over a cap: %d To, %d Cc, %d Reply-To, %d References, %d Authentication-Results",
			len(m.To), len(m.Cc), len(m.ReplyTo), len(m.References), len(m.AuthResults))
	}
	for _, id := range append([]string{m.MessageID, m.InReplyTo}, m.References...) {
		if id != "" && !validMsgID(id) {
			t.Fatalf("invalid id %q reported", id)
		}
	}
	checkClean(t, m)
}

func TestCorpusClasses(t *testing.T) {
	want := map[string]Class{"bounces": Bounce, "autoreplies": AutoReply}
	for _, sub := range []string{"bounces", "autoreplies", "mime", "ambiguous"} {
		t.Run(sub, func(t *testing.T) {
			files := corpusFiles(t, sub)
			ok := 0
			for _, f := range files {
				m := parseTimed(t, f)
				if m == nil {
					continue
				}
				switch sub {
				case "bounces", "autoreplies":
					if m.Class != want[sub] {
						t.Errorf("%s: class %q, want %q (subject %q)", filepath.Base(f), m.Class, want[sub], m.Subject)
						continue
					}
				case "mime":
					if m.Class == Bounce {
						t.Errorf("%s: classified bounce (subject %q)", filepath.Base(f), m.Subject)
						continue
					}
				}
				ok++
			}
			t.Logf("%s: %d/%d as expected", sub, ok, len(files))
		})
	}
}

// A bounce says what failed when its report says it.
func TestCorpusBounceInfo(t *testing.T) {
	withInfo := 0
	files := corpusFiles(t, "bounces")
	for _, f := range files {
		m := parseTimed(t, f)
		if m == nil || m.BounceInfo == nil {
			continue
		}
		if m.BounceInfo.Recipient != "" && m.BounceInfo.Action != "" {
			withInfo++
		}
	}
	t.Logf("bounce details: %d/%d with recipient and action", withInfo, len(files))
	if withInfo*10 < len(files)*8 {
		t.Errorf("only %d/%d bounces have a recipient and action", withInfo, len(files))
	}
}
