package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// leafVars walks v like overrideStruct and returns, for every key the file
// can hold, its variable set to the value v already has.
func leafVars(t *testing.T, v reflect.Value, prefix string) []string {
	t.Helper()
	var out []string
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		tag := f.Tag.Get("toml")
		if tag == "" || tag == "-" {
			continue
		}
		name, fv := prefix+envName(tag), v.Field(i)
		switch {
		case f.Type == durationType:
			out = append(out, name+"="+fv.Interface().(Duration).String())
		case f.Type.Kind() == reflect.Struct:
			out = append(out, leafVars(t, fv, name+"_")...)
		case f.Type.Kind() == reflect.Map && f.Type.Elem().Kind() == reflect.String:
			for _, k := range fv.MapKeys() {
				out = append(out, name+"_"+envName(k.String())+"="+fv.MapIndex(k).String())
			}
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			for j := 0; j < fv.Len(); j++ {
				el := fv.Index(j)
				out = append(out, leafVars(t, el, "RMAD_"+envName(tag)+"_"+envName(el.FieldByName("Name").String())+"_")...)
			}
		case f.Type.Kind() == reflect.Slice:
			out = append(out, name+"="+strings.Join(fv.Interface().([]string), ","))
		case f.Type.Kind() == reflect.String:
			out = append(out, name+"="+fv.String())
		case f.Type.Kind() == reflect.Int, f.Type.Kind() == reflect.Int64:
			out = append(out, name+"="+strconv.FormatInt(fv.Int(), 10))
		case f.Type.Kind() == reflect.Bool:
			out = append(out, name+"="+strconv.FormatBool(fv.Bool()))
		case f.Type.Kind() == reflect.Map:
			// A table keyed by name (map of structs) registers its own
			// variables in applyEnv; its keys are checked by its own test.
		default:
			t.Errorf("%s: a %s the environment cannot set", name, f.Type)
		}
	}
	return out
}

// TestEveryKeyFromTheEnvironment derives a variable for every key of the
// example configuration (so a key added to the struct and the example is
// covered without touching this test) and checks each is accepted: the
// file with all of them set to its own values parses to the same Config.
func TestEveryKeyFromTheEnvironment(t *testing.T) {
	want, err := Parse([]byte(Example), nil)
	if err != nil {
		t.Fatal(err)
	}
	want.Jobs = map[string]string{"digest": "0 7 * * *"}
	env := leafVars(t, reflect.ValueOf(want).Elem(), "RMAD_")
	if len(env) < 30 {
		t.Fatalf("only %d variables derived: %v", len(env), env)
	}
	got, err := Parse([]byte(Example), env)
	if err != nil {
		t.Fatalf("the variables of the example's own keys: %v", err)
	}
	got.fromEnv = nil
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("config from the environment differs:\n got %+v\nwant %+v", got, want)
	}
}

func TestJobsAndBoolsFromTheEnvironment(t *testing.T) {
	c, err := Parse([]byte(minimal+"[jobs]\nquotes = \"off\"\n"), []string{
		"RMAD_JOBS_DIGEST=0 7 * * *", "RMAD_JOBS_AGENTS_DIGEST=off", "RMAD_JOBS_QUOTES=*/5 * * * *",
		"RMAD_PEOPLE_NOTIFY_OWNED=true", "RMAD_SMTP_TIMEOUT=90s", "RMAD_REQUIRE_SERVERS=1"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Jobs["digest"] != "0 7 * * *" || c.Jobs["agents_digest"] != "off" || c.Jobs["quotes"] != "*/5 * * * *" || len(c.Jobs) != 3 {
		t.Fatalf("jobs = %v", c.Jobs)
	}
	if !c.People.NotifyOwned || c.SMTP.Timeout.Duration != 90*time.Second {
		t.Fatalf("notify_owned = %v, smtp.timeout = %v", c.People.NotifyOwned, c.SMTP.Timeout)
	}
	// A job name the file does not know is reported by its variable, with
	// the nearest job, by whoever knows the job names.
	c, err = Parse([]byte(minimal), []string{"RMAD_JOBS_DIGST=0 7 * * *"})
	if err != nil {
		t.Fatal(err)
	}
	err = c.UnknownMapKey("jobs", "digst", "unknown job", []string{"agents_digest", "digest", "reminders"})
	if err == nil || err.Error() != "config: RMAD_JOBS_DIGST: unknown variable (did you mean RMAD_JOBS_DIGEST?)" {
		t.Fatalf("err = %v", err)
	}
	c, err = Parse([]byte(minimal+"[jobs]\ndigst = \"off\"\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.UnknownMapKey("jobs", "digst", "unknown job", []string{"digest"}); err == nil || err.Error() != "config: jobs.digst: unknown job" {
		t.Fatalf("err = %v", err)
	}
}

func TestUnknownVariablesAreErrors(t *testing.T) {
	for _, tc := range []struct{ env, want string }{
		{"RMAD_DATABSE_URL=postgres://x@h/db", "config: RMAD_DATABSE_URL: unknown variable (did you mean RMAD_DATABASE_URL?)"},
		{"RMAD_MAILBOX_SUPORT_URL=imap://a:b@h/", "config: RMAD_MAILBOX_SUPORT_URL: unknown variable (did you mean RMAD_MAILBOX_SUPPORT_URL?)"},
		{"RMAD_PEOPLE_NOTIFYOWNED=true", "config: RMAD_PEOPLE_NOTIFYOWNED: unknown variable (did you mean RMAD_PEOPLE_NOTIFY_OWNED?)"},
		{"RMAD_COLOUR=blue", "config: RMAD_COLOUR: unknown variable (not a configuration key; see the README's list of RMAD_* variables)"},
		{"RMAD_PEOPLE_NOTIFY_OWNED=maybe", `config: people.notify_owned: RMAD_PEOPLE_NOTIFY_OWNED: not true or false: "maybe"`},
		{"RMAD_WORKERS=many", `config: workers: RMAD_WORKERS: not an integer: "many"`},
		{"RMAD_MAILBOX=x", "config: mailbox: RMAD_MAILBOX: a []config.Mailbox cannot be set from the environment"},
	} {
		_, err := Parse([]byte(minimal), []string{"RMAD_SMTP_URL=smtp://h", tc.env})
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: err = %v, want %q", tc.env, err, tc.want)
		}
	}
	// The variables of tests and benchmarks are not configuration.
	for _, v := range NotConfiguration() {
		if _, err := Parse([]byte(minimal), []string{v + "=1"}); err != nil {
			t.Errorf("%s: %v", v, err)
		}
	}
}

func TestMailboxNamesMustNotShareVariables(t *testing.T) {
	text := minimal + fmt.Sprintf("[[mailbox]]\nname = %q\nrole = \"rma\"\naddress = \"rma@example.com\"\nurl = \"imap://a:b@h/\"\n", "Support")
	_, err := Parse([]byte(text), nil)
	if err == nil || err.Error() != `config: mailbox[1].name: duplicate mailbox name "Support" (names are compared as in RMAD_MAILBOX_SUPPORT_URL)` {
		t.Fatalf("err = %v", err)
	}
}

func TestPollIntervalWarning(t *testing.T) {
	c, err := Parse([]byte(minimal), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.PollEvery() != 10*time.Second || len(c.Warnings()) != 0 {
		t.Fatalf("default: poll every %s, warnings %q", c.PollEvery(), c.Warnings())
	}
	c, err = Parse([]byte("poll_interval = \"5s\"\nmailbox_lease = \"60s\"\n"+minimal), nil)
	if err != nil || c.PollEvery() != 5*time.Second || len(c.Warnings()) != 0 {
		t.Fatalf("below the bound: %v, %s, %q", err, c.PollEvery(), c.Warnings())
	}
	c, err = Parse([]byte("poll_interval = \"2m\"\n"+minimal), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.PollEvery() != 10*time.Second || len(c.Warnings()) != 1 || !strings.HasPrefix(c.Warnings()[0], "poll_interval: 2m0s is above mailbox_lease/3 (10s)") {
		t.Fatalf("above the bound: poll every %s, warnings %q", c.PollEvery(), c.Warnings())
	}
}
