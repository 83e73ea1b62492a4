package config

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"rmad/internal/spelling"
)

// notConfiguration are the RMAD_* variables the tests, the benchmark and the
// parser's scoring read; they configure no rmad process, so they are not
// checked as configuration. The README lists them.
var notConfiguration = []string{
	"RMAD_REQUIRE_SERVERS", // tests: a missing server binary fails instead of skipping
	"RMAD_TEST_CRASH",      // tests: the crash-replay child process
	"RMAD_TEST_EXEC",       // tests: a test binary re-executed as rmad
	"RMAD_CASES",           // make parse-score: which labelled cases
	"RMAD_SCORE_WRONG",     // make parse-score: list each wrong fact
	"RMAD_BENCH_RMAS",      // the jobs benchmark's size
}

// NotConfiguration returns the RMAD_* variables that are not configuration.
func NotConfiguration() []string { return slices.Clone(notConfiguration) }

// applyEnv sets every RMAD_<KEY> present in env. Mailbox keys are addressed by
// name (RMAD_MAILBOX_SUPPORT_URL), [jobs] entries by job (RMAD_JOBS_DIGEST).
// Each override deletes its variable from vars; whatever is left at the end
// names nothing and is an error, so a misspelt variable never goes unnoticed.
// A table keyed by name (a map of structs) takes its variables with
// overrideStruct before the check, like the mailboxes.
func (c *Config) applyEnv(env []string) error {
	vars := map[string]string{}
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || slices.Contains(notConfiguration, k) {
			continue
		}
		// rmad_smtp_url is not RMAD_SMTP_URL; ignored, it would leave an
		// operator believing a URL or secret overridden that is not.
		if !strings.HasPrefix(k, "RMAD_") && strings.HasPrefix(strings.ToUpper(k), "RMAD_") {
			return &Error{Key: k, Reason: "unknown variable (rmad's variables are upper case: " + strings.ToUpper(k) + ")"}
		}
		if strings.HasPrefix(k, "RMAD_") {
			vars[k] = v
		}
	}
	if len(vars) == 0 {
		return nil
	}
	given := slices.Sorted(maps.Keys(vars))
	if err := overrideStruct(reflect.ValueOf(c).Elem(), "RMAD_", "", vars); err != nil {
		return err
	}
	for i := range c.Mailbox {
		// validate refuses two names with the same variables.
		prefix := "RMAD_MAILBOX_" + envName(c.Mailbox[i].Name) + "_"
		if err := overrideStruct(reflect.ValueOf(&c.Mailbox[i]).Elem(), prefix, fmt.Sprintf("mailbox[%d].", i), vars); err != nil {
			return err
		}
	}
	if err := c.applyOAuthEnv(vars); err != nil {
		return err
	}
	if err := c.unknownVars(vars); err != nil {
		return err
	}
	c.fromEnv = given
	return nil
}

// unknownVars reports the first (in sorted order, so the same every run)
// variable no key consumed, with the nearest known name.
func (c *Config) unknownVars(vars map[string]string) error {
	if len(vars) == 0 {
		return nil
	}
	left := make([]string, 0, len(vars))
	for k := range vars {
		left = append(left, k)
	}
	slices.Sort(left)
	known := knownNames(reflect.TypeOf(*c), "RMAD_")
	for _, mb := range c.Mailbox {
		known = append(known, knownNames(reflect.TypeOf(mb), "RMAD_MAILBOX_"+envName(mb.Name)+"_")...)
	}
	for name, o := range c.OAuth {
		known = append(known, knownNames(reflect.TypeOf(o), "RMAD_OAUTH_"+envName(name)+"_")...)
	}
	return unknownVarErr(left[0], known)
}

func unknownVarErr(name string, known []string) error {
	reason := "unknown variable (not a configuration key; see the README's list of RMAD_* variables)"
	// A slip is a few edits: about a quarter of the name, and two more.
	if s := spelling.Nearest(name, known, len(name)/4+2); s != "" {
		reason = fmt.Sprintf("unknown variable (did you mean %s?)", s)
	}
	return &Error{Key: name, Reason: reason}
}

// UnknownMapKey is the error for an entry of a table keyed by name, such as
// [jobs], whose name is not one of known (checked where the names are
// defined). When the entry came from the environment the error names the
// variable, since the file does not have it.
func (c *Config) UnknownMapKey(table, name, reason string, known []string) error {
	prefix := "RMAD_" + envName(table) + "_"
	if v := prefix + envName(name); slices.Contains(c.fromEnv, v) {
		names := make([]string, len(known))
		for i, k := range known {
			names[i] = prefix + envName(k)
		}
		return unknownVarErr(v, names)
	}
	return keyErr(table+"."+name, "%s", reason)
}

func envName(s string) string {
	return strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(s))
}

var durationType = reflect.TypeOf(Duration{})

// overrideStruct sets the fields of v from vars (prefix + the field's key in
// upper case) and deletes each variable it uses from vars.
func overrideStruct(v reflect.Value, prefix, keyPrefix string, vars map[string]string) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("toml")
		if tag == "" || tag == "-" {
			continue
		}
		fv := v.Field(i)
		name := prefix + envName(tag)
		key := keyPrefix + tag
		switch {
		case f.Type.Kind() == reflect.Struct && f.Type != durationType:
			if err := overrideStruct(fv, name+"_", key+".", vars); err != nil {
				return err
			}
			continue
		case f.Type.Kind() == reflect.Map && f.Type.Elem().Kind() == reflect.String:
			overrideMap(fv, name+"_", vars)
			continue
		}
		val, ok := vars[name]
		if !ok {
			continue
		}
		if err := setField(fv, val); err != nil {
			return keyErr(key, "%s: %v", name, err)
		}
		delete(vars, name)
	}
	return nil
}

// overrideMap sets the entries of a table of strings keyed by name ([jobs])
// from every variable under prefix: RMAD_JOBS_AGENTS_DIGEST is the entry
// agents_digest. Whether a name exists is for the table's user to say
// (UnknownMapKey).
func overrideMap(m reflect.Value, prefix string, vars map[string]string) {
	for name, val := range vars {
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok || rest == "" {
			continue
		}
		entry := strings.ToLower(rest)
		// An entry the file already has keeps its spelling.
		for _, k := range m.MapKeys() {
			if envName(k.String()) == rest {
				entry = k.String()
			}
		}
		if m.IsNil() {
			m.Set(reflect.MakeMap(m.Type()))
		}
		m.SetMapIndex(reflect.ValueOf(entry), reflect.ValueOf(val))
		delete(vars, name)
	}
}

// setField parses val into a field of one of the kinds the file uses.
func setField(fv reflect.Value, val string) error {
	switch {
	case fv.Type() == durationType:
		var d Duration
		if err := d.UnmarshalText([]byte(val)); err != nil {
			return err
		}
		fv.Set(reflect.ValueOf(d))
	case fv.Kind() == reflect.String:
		fv.SetString(val)
	case fv.Kind() == reflect.Int || fv.Kind() == reflect.Int64:
		n, err := strconv.ParseInt(val, 10, 64)
		if err != nil {
			return fmt.Errorf("not an integer: %q", val)
		}
		fv.SetInt(n)
	case fv.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(val)
		if err != nil {
			return fmt.Errorf("not true or false: %q", val)
		}
		fv.SetBool(b)
	case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.String:
		var parts []string
		for _, p := range strings.Split(val, ",") {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
		fv.Set(reflect.ValueOf(parts))
	default:
		return fmt.Errorf("a %s cannot be set from the environment", fv.Type())
	}
	return nil
}

// knownNames lists the variables of the plain keys of t (for suggestions).
func knownNames(t reflect.Type, prefix string) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("toml")
		if tag == "" || tag == "-" {
			continue
		}
		name := prefix + envName(tag)
		switch f.Type.Kind() {
		case reflect.Struct:
			if f.Type != durationType {
				out = append(out, knownNames(f.Type, name+"_")...)
				continue
			}
		case reflect.Map:
			if f.Type.Elem().Kind() != reflect.String {
				continue
			}
			name += "_<NAME>"
		case reflect.Slice:
			if f.Type.Elem().Kind() == reflect.Struct {
				continue
			}
		}
		out = append(out, name)
	}
	return out
}
