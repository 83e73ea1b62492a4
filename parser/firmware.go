package parser

import (
	"regexp"
	"strings"
)

// runsSystem is a unit said to run a named system and version ("They run
// TrueNAS 13.0-U6.1"): its firmware, as written.
var runsSystem = regexp.MustCompile(`\b(?:[Rr]uns?|[Rr]unning|is on|are on)\s+((?:QTS|QuTS hero|QuTS|TrueNAS(?: SCALE| CORE)?|FreeNAS|QES)\s+h?[0-9]+(?:\.[0-9]+){1,4}(?:-[0-9A-Za-z.]+)?)`)

// systemVersion is a vendor's system named with its version, wherever it
// is written ("both on QTS 5.1.7.2770", "(S/N Q22..., QTS 5.1.6.2722)",
// "Firmware war QuTS hero h5.2.0.2782").
var systemVersion = regexp.MustCompile(`\b(?:QTS|QuTS hero|QuTS|TrueNAS(?: SCALE| CORE)?|FreeNAS|QES)\s+h?[0-9]+(?:\.[0-9]+){1,4}(?:-[0-9A-Za-z.]+)?`)

// namedSystem is the first system version of the prose the unit runs now:
// not one proposed ("should I update to QTS 5.2") nor one left behind
// ("upgraded from QTS 5.1.0 to ...", "previously on QTS 5.0").
func namedSystem(pl, plow []string) string {
	for i, l := range plow {
		if !containsAny(l, []string{"qts", "quts", "truenas", "freenas", "qes"}) {
			continue
		}
		for _, ix := range systemVersion.FindAllStringIndex(pl[i], 4) {
			before := pl[i][:ix[0]]
			if proposed(before) || leftBehind(before) || offered(pl[i][ix[1]:]) || otherUnitSentence(before[sentenceBegins(before):]) {
				continue
			}
			return strings.TrimRight(pl[i][ix[0]:ix[1]], ".")
		}
	}
	return ""
}

// foreignSoftware: the words name software that is not the unit's
// ("Windows version 10.0.19045", "Virus Database: 4522/11734").
func foreignSoftware(low string) bool {
	return foreignSoftwareWords.kinds(low) != 0
}

var foreignSoftwareWords = newPhraseIndex([]string{"windows", "macos", "mac os", "ios ", "android", "chrome", "firefox", "safari", "browser",
	"java", "outlook", "avg", "antivirus", "virus", "app version", "driver", "vmware", "esxi", "veeam", "laptop"})

// versionInPassing is a version said in passing: "it's on 5.2.0.2802",
// "after we went to 5.2.1 on the firmware", "since we flashed BIOS 3B13",
// "we moved to SCALE 24.04.2" (the version the unit runs now, without
// the edition's name). A bare number needs three parts after "on" and a
// firmware word on its line after "went/moved/upgraded to".
func versionInPassing(pl, plow []string) string {
	for i, l := range plow {
		if !hasDottedNumber(l) && !strings.Contains(pl[i], "BIOS") || !containsAny(l, []string{" on ", " to ", "bios"}) {
			continue
		}
		if containsAny(l, versionOfOther) {
			continue // "our backup NAS ... is on 5.2.1", "the switch firmware", "on our other server"
		}
		if mm := rolledBackTo.FindStringSubmatch(pl[i]); mm != nil {
			return mm[1] // "... so we rolled back to 5.1.9.2750": what it runs now
		}
		if mm := onVersion.FindStringSubmatch(pl[i]); mm != nil {
			return mm[1]
		}
		if containsAny(l, firmwareWords) || strings.Contains(l, "bios") || strings.Contains(l, "scale") {
			if mm := movedToVersion.FindStringSubmatch(pl[i]); mm != nil && !proposed(pl[i][:strings.Index(pl[i], mm[0])]) {
				return mm[1]
			}
		}
		if mm := biosVersion.FindStringSubmatch(pl[i]); mm != nil && hasDigit(mm[1]) && strings.IndexFunc(mm[1], func(r rune) bool { return r >= 'A' && r <= 'Z' }) >= 0 {
			return mm[1]
		}
	}
	return ""
}

// hasDottedNumber: s holds a digit, a dot and a digit ("5.2").
func hasDottedNumber(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '.' && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '9' {
			return true
		}
	}
	return false
}

// versionOfOther: a line about another device's version.
var versionOfOther = []string{"switch", "router", "firewall", "other nas", "other server", "backup nas", "other unit", "other office", "vcenter", "esxi", "windows", "client"}

var rolledBackTo = regexp.MustCompile(`(?i)\b(?:rolled|went|gone|downgraded)\s+back\s+to\s+v?([0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,5}){0,2}(?:-U[0-9.]+)?)\b`)

var (
	onVersion      = regexp.MustCompile(`(?i)\b(?:it's|it is|is|are|we're|we are|still|now|currently)\s+on\s+v?([0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{3,5}(?:-[0-9A-Za-z.]+)?)\b`)
	movedToVersion = regexp.MustCompile(`(?i)\b(?:went|moved|upgraded|updated|flashed|migrated)\s+(?:\w+\s+){0,3}?to\s+(?:(?:QTS|QuTS hero|SCALE|CORE|TrueNAS SCALE|TrueNAS CORE|firmware|version)\s+)?v?([0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,5}){0,2}(?:-U[0-9.]+)?)\b`)
	biosVersion    = regexp.MustCompile(`\bBIOS\s+(?:version\s+)?([0-9][0-9A-Z]{2,7}(?:\.[0-9A-Z]{1,6})?)\b`)
)
