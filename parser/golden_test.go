package parser

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The golden JSON test proves a change meant to be only faster leaves
// every output byte as it was: it parses each message under testdata and
// the shared corpora with default options and with DayFirst, and compares
// the SHA-256 of Message.MarshalJSON (or of the error) with the hashes
// recorded from the code before the change (testdata/golden_json.txt).
//
// RMAD_GOLDEN_DIR=dir adds every file under dir (e.g. a few thousand mails
// written by the load bench's generator) and RMAD_GOLDEN_FILE=path names
// another hash file; RMAD_GOLDEN_WRITE=1 records the hashes instead of
// comparing them.
func TestGoldenJSON(t *testing.T) {
	hashFile := filepath.Join("testdata", "golden_json.txt")
	roots := testRoots(t, false)
	if dir := os.Getenv("RMAD_GOLDEN_DIR"); dir != "" {
		roots = []string{dir}
		hashFile = os.Getenv("RMAD_GOLDEN_FILE")
		if hashFile == "" {
			t.Fatal("RMAD_GOLDEN_DIR needs RMAD_GOLDEN_FILE")
		}
	}
	got := goldenHashes(t, roots)
	if os.Getenv("RMAD_GOLDEN_WRITE") == "1" {
		writeGolden(t, hashFile, got)
		return
	}
	want := readGolden(t, hashFile)
	if len(want) != len(got) {
		t.Errorf("%d messages, golden file has %d", len(got), len(want))
	}
	bad := 0
	for name, h := range got {
		if w, ok := want[name]; !ok {
			t.Errorf("%s: not in the golden file", name)
		} else if w != h {
			bad++
			t.Errorf("%s: output differs from the golden hash", name)
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d outputs differ", bad, len(got))
	}
}

// goldenHashes maps each message file (by its path under its root) to
// the hash of its outputs.
func goldenHashes(t *testing.T, roots []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	eachMessage(t, roots, func(name string, raw []byte) { out[name] = goldenHash(raw) })
	return out
}

// testRoots are the folders of test messages: parser/testdata, the shared
// corpora and, with extra, $RMAD_GOLDEN_DIR when it is set.
func testRoots(t *testing.T, extra bool) []string {
	roots := []string{"testdata", corpusDir(t)}
	if dir := os.Getenv("RMAD_GOLDEN_DIR"); extra && dir != "" {
		roots = append(roots, dir)
	}
	return roots
}

// eachMessage calls fn with every message file under roots (see
// goldenInput), named by its root's index and its path under the root.
func eachMessage(t *testing.T, roots []string, fn func(name string, raw []byte)) {
	t.Helper()
	for i, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !goldenInput(path) {
				return err
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			fn(fmt.Sprintf("%d/%s", i, filepath.ToSlash(rel)), raw)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// goldenInput: every file is a message but the expected outputs (.json),
// notes (.md) and the lists under testdata (.txt).
func goldenInput(path string) bool {
	switch filepath.Ext(path) {
	case ".json", ".md":
		return false
	case ".txt":
		return !strings.HasPrefix(filepath.ToSlash(path), "testdata/")
	}
	return true
}

func goldenHash(raw []byte) string {
	h := sha256.New()
	for _, o := range []Options{{}, {DayFirst: true}} {
		m, err := ParseWith(raw, o)
		if err != nil {
			fmt.Fprintf(h, "error: %v\n", err)
			continue
		}
		js, err := m.MarshalJSON()
		if err != nil {
			fmt.Fprintf(h, "marshal error: %v\n", err)
		}
		h.Write(js)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func writeGolden(t *testing.T, path string, hashes map[string]string) {
	t.Helper()
	names := make([]string, 0, len(hashes))
	for n := range hashes {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s %s\n", hashes[n], n)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readGolden(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		h, name, ok := strings.Cut(sc.Text(), " ")
		if ok {
			out[name] = h
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
