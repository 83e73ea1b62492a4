package templates

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

//go:embed mail/*.tmpl
var embedded embed.FS

// Set is a loaded set of templates.
type Set struct {
	t *template.Template
}

// Rendered is a mail's subject and body.
type Rendered struct {
	Subject string
	Body    string
}

var funcs = template.FuncMap{
	"indent": func(prefix, s string) string {
		lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(prefix+l, " ")
		}
		return strings.Join(lines, "\n")
	},
	"join":  strings.Join,
	"lower": strings.ToLower,
}

// Load reads the embedded templates, then any *.tmpl in dir (when dir is not
// "") replacing the embedded one of the same name.
func Load(dir string) (*Set, error) {
	root := template.New("").Funcs(funcs).Option("missingkey=error")
	if err := addFS(root, embedded, "mail"); err != nil {
		return nil, err
	}
	if dir != "" {
		if err := addFS(root, os.DirFS(dir), "."); err != nil {
			return nil, err
		}
	}
	return &Set{t: root}, nil
}

func addFS(root *template.Template, fsys fs.FS, dir string) error {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	for _, e := range ents {
		if e.IsDir() || filepath.Ext(e.Name()) != ".tmpl" {
			continue
		}
		b, err := fs.ReadFile(fsys, filepath.ToSlash(filepath.Join(dir, e.Name())))
		if err != nil {
			return fmt.Errorf("templates: %w", err)
		}
		name := strings.TrimSuffix(e.Name(), ".tmpl")
		if _, err := root.New(name).Parse(string(b)); err != nil {
			return fmt.Errorf("templates: %s: %w", e.Name(), err)
		}
	}
	return nil
}

// Render executes template name with data.
func (s *Set) Render(name string, data any) (Rendered, error) {
	var buf bytes.Buffer
	if err := s.t.ExecuteTemplate(&buf, name, data); err != nil {
		return Rendered{}, fmt.Errorf("templates: %s: %w", name, err)
	}
	head, body, ok := strings.Cut(buf.String(), "\n\n")
	if !ok || !strings.HasPrefix(head, "Subject:") || strings.Contains(head, "\n") {
		return Rendered{}, fmt.Errorf("templates: %s: must start with one \"Subject:\" line and a blank line", name)
	}
	return Rendered{
		Subject: strings.TrimSpace(strings.TrimPrefix(head, "Subject:")),
		Body:    strings.TrimLeft(collapseBlank(body), "\n"),
	}, nil
}

// collapseBlank squeezes runs of blank lines that conditional template
// sections leave behind.
func collapseBlank(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			blank++
			if blank > 1 {
				continue
			}
			l = ""
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n") + "\n"
}

// Names lists the templates.
func (s *Set) Names() []string {
	var n []string
	for _, t := range s.t.Templates() {
		if t.Name() != "" {
			n = append(n, t.Name())
		}
	}
	return n
}
