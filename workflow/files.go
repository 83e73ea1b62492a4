package workflow

import (
	"fmt"
	"strings"

	"rmad/parser"
	"rmad/store"
)

// customerFiles picks the files of the mail being answered that an agent
// notice carries: in order, while their total stays within the configured
// limit. The rest are listed with their sizes and how to fetch them, so a
// 20 MB photo set never bounces the notice off the agents' server.
func (w *work) customerFiles(d *mailData) []store.FileRef {
	if w.mail == nil || w.mail.msgID == 0 {
		return nil
	}
	var refs []store.FileRef
	budget := w.d.cfg.NoticeAttachmentLimit
	for _, f := range parser.Files(w.mail.m.raw) {
		line := fmt.Sprintf("%s (%s, %s)", orUnnamed(fileName(f)), orType(f.ContentType), humanSize(f.Size))
		if f.Size > budget {
			d.FilesHeld = append(d.FilesHeld, line)
			continue
		}
		budget -= f.Size
		refs = append(refs, fileRef(w.mail.msgID, f))
		d.Files = append(d.Files, line)
	}
	if len(d.FilesHeld) > 0 {
		d.StoredMessage = w.mail.msgID
	}
	return refs
}

// agentFiles are the files of an agent's reply that reach the customer: what
// the agent attached, not the pictures an HTML body shows in place (a
// signature's logo, the quoted history's images).
func (w *work) agentFiles(d *mailData) []store.FileRef {
	if w.mail == nil || w.mail.msgID == 0 {
		return nil
	}
	var refs []store.FileRef
	for _, f := range parser.Files(w.mail.m.raw) {
		if f.Inline {
			continue
		}
		refs = append(refs, fileRef(w.mail.msgID, f))
		d.Files = append(d.Files, fmt.Sprintf("%s (%s)", orUnnamed(fileName(f)), humanSize(f.Size)))
	}
	return refs
}

func fileRef(msg int64, f parser.File) store.FileRef {
	name := fileName(f)
	if name == "" {
		name = fmt.Sprintf("attachment-%d", f.Index)
	}
	return store.FileRef{Message: msg, Index: f.Index, Filename: name, ContentType: orType(f.ContentType), Size: f.Size}
}

func orType(ct string) string {
	if ct == "" {
		return "application/octet-stream"
	}
	return ct
}

// fileName is the sender's name for a file on one line and of bounded
// length; the mail writer encodes what remains.
func fileName(f parser.File) string {
	return shorten(strings.Join(strings.Fields(f.Filename), " "), 120)
}
