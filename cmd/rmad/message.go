package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"rmad/config"
	"rmad/parser"
	"rmad/store"
)

const messageUsage = "message attachments ID [--out DIR] [--json]   (ID: the stored message's number, or its Message-ID)"

// cmdMessage reads stored inbound mail back: the files an agent notice
// listed but did not carry.
func cmdMessage(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || args[0] != "attachments" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(env.stdout, "Usage: rmad "+messageUsage+"\n\nLists the files of a stored message, or writes them into DIR (never overwriting a file there).")
			return nil
		}
		return usagef("usage: rmad %s", messageUsage)
	}
	fs := newFlags(env, "message attachments", messageUsage)
	cfgFile := configFlag(fs)
	out := fs.String("out", "", "write the files into this directory")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("message attachments needs one ID")
	}
	return withStore(ctx, env, *cfgFile, func(_ *config.Config, pool store.Beginner) error {
		m, err := store.MessageRaw(ctx, pool, pos[0])
		if err != nil {
			return lookupErr("message "+pos[0], err)
		}
		files := parser.Files(m.Raw)
		if *out != "" {
			return writeFiles(env, *out, files)
		}
		return listFiles(env, m, files, *asJSON)
	})
}

func listFiles(env *cliEnv, m store.StoredMessage, files []parser.File, asJSON bool) error {
	if asJSON {
		list := []map[string]any{}
		for _, f := range files {
			list = append(list, map[string]any{"index": f.Index, "filename": f.Filename, "content_type": f.ContentType,
				"size": f.Size, "inline": f.Inline})
		}
		return writeJSON(env.stdout, map[string]any{"id": m.ID, "ticket": m.TicketRef, "message_id": m.MessageID,
			"from": m.From, "truncated": m.Truncated, "purged_at": m.PurgedAt, "attachments": list})
	}
	fmt.Fprintf(env.stdout, "message %d from %s, ticket %s\n", m.ID, m.From, orDash(m.TicketRef))
	if m.Truncated {
		fmt.Fprintln(env.stdout, "It was larger than max_message_size and was stored without its attachments.")
	}
	if m.PurgedAt != nil {
		fmt.Fprintf(env.stdout, "Its raw mail and attachments were deleted on %s (retention).\n", m.PurgedAt.Format("2006-01-02"))
	}
	if len(files) == 0 {
		fmt.Fprintln(env.stdout, "No attachments.")
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tSIZE\tTYPE\tNAME")
	for _, f := range files {
		name := f.Filename
		if f.Inline {
			name += " (inline)"
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\n", f.Index, f.Size, f.ContentType, name)
	}
	return tw.Flush()
}

// writeFiles writes each file under a name of its own in dir: the sender's
// name made safe (no directories, no control characters), prefixed with its
// number when two would collide. An existing file is never overwritten.
func writeFiles(env *cliEnv, dir string, files []parser.File) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("message attachments: %w", err)
	}
	used := map[string]bool{}
	for _, f := range files {
		name := safeFileName(f.Filename)
		for n := 0; name == "" || used[strings.ToLower(name)]; n++ {
			// Numbered, and numbered again should a sender's names collide
			// with the numbered ones ("3-a.txt", "a.txt", "a.txt").
			prefix := fmt.Sprintf("%d-", f.Index)
			if n > 0 {
				prefix = fmt.Sprintf("%d-%d-", f.Index, n)
			}
			name = prefix + fitBytes(orText(safeFileName(f.Filename), "attachment"), maxNameBytes-len(prefix))
		}
		used[strings.ToLower(name)] = true
		path := filepath.Join(dir, name)
		if err := writeNew(path, f.Open()); err != nil {
			return fmt.Errorf("message attachments: file %d: %w", f.Index, err)
		}
		fmt.Fprintln(env.stdout, path)
	}
	return nil
}

func writeNew(path string, r io.Reader) error {
	w, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, r); err != nil {
		_ = w.Close()
		_ = os.Remove(path)
		return err
	}
	return w.Close()
}

// safeFileName keeps a sender's file name usable on any system: the last
// path element only, without control characters or a leading dot.
func safeFileName(name string) string {
	name = parser.CleanFileName(name)
	name = strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '\\' || r == ':' || unicode.IsControl(r):
			return '_'
		}
		return r
	}, name)
	name = strings.TrimLeft(strings.TrimSpace(strings.ToValidUTF8(name, "_")), ".")
	return fitBytes(name, maxNameBytes-16) // room for a number should it collide
}

// maxNameBytes is what file systems take in one name (Linux, macOS: 255
// bytes; a Japanese character is three).
const maxNameBytes = 255

// fitBytes shortens name to at most n bytes of whole characters, keeping a
// short extension.
func fitBytes(name string, n int) string {
	if len(name) <= n {
		return name
	}
	ext := filepath.Ext(name)
	if len(ext) > 20 {
		ext = ""
	}
	stem := name[:len(name)-len(ext)]
	cut := n - len(ext)
	for cut > 0 && !utf8.RuneStart(stem[cut]) {
		cut--
	}
	return stem[:max(cut, 0)] + ext
}

func orText(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
