package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// setStamp sets the -X values for one test, as `make build` does.
func setStamp(t *testing.T, v, c, d string) {
	old := [3]string{version, commit, date}
	version, commit, date = v, c, d
	t.Cleanup(func() { version, commit, date = old[0], old[1], old[2] })
}

func TestVersionPrintsTheStamp(t *testing.T) {
	setStamp(t, "v1.4.0-3-g148ddb0-dirty", "148ddb0a1c2e3f405162738495a6b7c8d9e0f1a2", "2026-12-01T10:16:49Z")
	code, out, errOut := runCLI(t, nil, "version")
	if code != 0 || errOut != "" {
		t.Fatalf("version: %d %q", code, errOut)
	}
	for _, want := range []string{"rmad v1.4.0-3-g148ddb0-dirty\n", "commit 148ddb0a1c2e3f405162738495a6b7c8d9e0f1a2\n", "date   2026-12-01T10:16:49Z\n", "go     go1."} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, nil, "version", "--json")
	var v map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
		t.Fatalf("version --json: %d %q", code, out)
	}
	want := map[string]any{"version": "v1.4.0-3-g148ddb0-dirty", "commit": "148ddb0a1c2e3f405162738495a6b7c8d9e0f1a2", "date": "2026-12-01T10:16:49Z", "modified": true}
	for k, w := range want {
		if v[k] != w {
			t.Errorf("version --json %s = %v, want %v", k, v[k], w)
		}
	}
	if g, _ := v["go"].(string); !strings.HasPrefix(g, "go1.") {
		t.Errorf("version --json go = %v", v["go"])
	}
	if code, _, _ := runCLI(t, nil, "version", "extra"); code != 2 {
		t.Errorf("version with an argument: exit %d, want 2", code)
	}
}

// Without a stamp (a plain `go build`), the toolchain's VCS record fills in
// what it can, and the rest says so rather than being blank.
func TestVersionWithoutStamp(t *testing.T) {
	setStamp(t, "", "", "")
	v := buildInfo()
	if !strings.HasPrefix(v.Version, "devel") || v.Commit == "" || v.Date == "" {
		t.Fatalf("unstamped build: %+v", v)
	}
	code, out, _ := runCLI(t, nil, "version", "--json")
	var got buildVersion
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil || got != v {
		t.Fatalf("version --json = %d %q, want %+v", code, out, v)
	}
}
