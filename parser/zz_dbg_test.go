package parser

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestZZDbg(t *testing.T) {
	pat := os.Getenv("ZZ")
	if pat == "" {
		t.Skip()
	}
	for _, c := range c13Cases {
		if !strings.Contains(c.name, pat) {
			continue
		}
		from := "Mike Brown <mike@acme-corp.com>"
		m, _ := Parse(latMail(from, c.body, c.html))
		b, _ := json.MarshalIndent(m.Units, "", " ")
		t.Logf("%s\nfield %s got %q want %q\n%s", c.name, c.field, latGet(m, c.field), c.want, b)
	}
}
