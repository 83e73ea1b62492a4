package parser

import "strings"

// listNote splits a serial or a list of serials from the note in brackets
// after it ("Q23BH02291, Q22CE03317 (both TS-664, QTS 5.1.6.2722)",
// "Q23BH02291 (TS-664, QTS 5.1.6.2722)"): the note's commas are not the
// list's, and its facts are every listed unit's.
func listNote(v string) (list, note string) {
	i := strings.Index(v, " (")
	if i <= 0 || !strings.HasSuffix(strings.TrimRight(v, " ."), ")") {
		return v, ""
	}
	return v[:i], v[i+2 : strings.LastIndexByte(v, ')')]
}

// noteFacts gives u the model and firmware a list's note names, where u
// states none.
func noteFacts(u *Unit, note string) {
	if note == "" {
		return
	}
	if u.Model == "" {
		u.Model = proseModel.FindString(note)
	}
	if u.Firmware == "" {
		if sv := systemVersion.FindString(note); sv != "" {
			u.Firmware = sv
		} else if mm := fwProse.FindStringSubmatch(note); mm != nil {
			u.Firmware = mm[1]
		}
	}
}
