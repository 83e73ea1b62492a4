package parser

import (
	"regexp"
	"strings"
)

// runsSystem is a unit said to run a named system and version ("They run
// TrueNAS 13.0-U6.1"): its firmware, as written. After "running" a major
// version alone is the version too ("is running TrueNAS 13"); so is one
// the unit runs "now" or was upgraded to ("used to run TrueNAS 12 until
// last week, now TrueNAS 13", "we upgraded it to TrueNAS 13").
var runsSystem = regexp.MustCompile(`\b(?:[Rr]uns?|[Rr]unning|is on|are on|'re on|now|(?:upgraded|updated)(?: it| them)? to)\s+((?:QTS|QuTS hero|QuTS|TrueNAS(?:[ -]SCALE|[ -]CORE)?|FreeNAS|QES)[\s-]+h?[0-9]+(?:\.[0-9]+){0,4}(?:-[0-9A-Za-z.]+)?)\b`)

// systemNames are the systems runsSystem names, as it spells them.
var systemNames = []string{"QTS", "QuTS", "TrueNAS", "FreeNAS", "QES"}

// runsNow is the system and version a line says the unit runs, not one
// its clause leaves behind ("used to run TrueNAS 12, it is running
// TrueNAS 13 now": 13) nor another unit's.
func runsNow(l string) string {
	if !containsAny(l, systemNames) {
		return "" // the regexp has no literal start to skip ahead by
	}
	prev := 0
	for _, mm := range runsSystem.FindAllStringSubmatchIndex(l, 4) {
		before := l[:mm[0]]
		// a cue before an earlier version is that version's: "used to
		// run TrueNAS 12 fine and is still running TrueNAS 12"
		if !otherUnitSentence(before[sentenceBegins(before):]) && !leftBehind(before[prev:]) {
			return strings.TrimRight(l[mm[2]:mm[3]], ".")
		}
		prev = mm[1]
	}
	return ""
}

// systemVersion is a vendor's system named with its version, wherever it
// is written ("both on QTS 5.1.7.2770", "(S/N Q22..., QTS 5.1.6.2722)",
// "Firmware war QuTS hero h5.2.0.2782").
// A QNAP build number or a TrueNAS release's name written after the
// version is part of it, as a label's value keeps it ("QTS 5.1.4.2596
// build 20231128", "TrueNAS SCALE 23.10.2 (Cobia)").
var systemVersion = regexp.MustCompile(`\b(?:QTS|QuTS hero|QuTS|TrueNAS(?:[ -]SCALE|[ -]CORE)?|FreeNAS|QES)[\s-]+h?[0-9]+(?:\.[0-9]+){1,4}(?:-[0-9A-Za-z.]+)?` + versionTail)

const versionTail = `(?:\s+[Bb]uild\s+[0-9]{8}\b|\s+\((?:[Bb]uild\s+[0-9]{8}|Angelfish|Bluefin|Cobia|Dragonfish|Electric ?Eel|Fangtooth|Goldeye)\))?`

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

// ownFirmwareAt is the first firmwareProse match of a line that is not
// another device's version.
func ownFirmwareAt(l, low string) []int {
	for _, ix := range firmwareProse.FindAllStringSubmatchIndex(l, 4) {
		if !otherDeviceFirmware(low[:ix[0]]) {
			return ix
		}
	}
	return nil
}

// otherDeviceFirmware: the sentence before a firmware word is about
// another device ("The switch next to it is fine; its firmware shows
// 5.2.1.9999", "Our switch firmware shows 3.2.0.1100"): its version is not
// the unit's.
func otherDeviceFirmware(before string) bool {
	return containsAny(before[sentenceBegins(before):], otherDeviceWords)
}

var otherDeviceWords = []string{"switch", "router", "firewall", "modem", "printer", "the ups", "our ups", "access point", "camera", "phone system"}

// versionInPassing is a version said in passing: "it's on 5.2.0.2802",
// "after we went to 5.2.1 on the firmware", "since we flashed BIOS 3B13",
// "we moved to SCALE 24.04.2" (the version the unit runs now, without
// the edition's name). A bare number needs three parts after "on" and a
// firmware word on its line after "went/moved/upgraded to".
func versionInPassing(pl, plow []string) string {
	for i, l := range plow {
		if !hasDottedNumber(l) && !strings.Contains(pl[i], "BIOS") || !containsAny(l, []string{" on ", " to ", "bios", " runs ", "running ", " update", " upgrade", "install", "flashed", "applied"}) {
			if strings.Contains(pl[i], "BMC ") {
				if v := componentItem(pl[i]); v != "" {
					return v // "BMC 4.30.01" on its line
				}
			}
			continue
		}
		if v := versionInLine(pl[i], l); v != "" {
			return v
		}
	}
	return ""
}

// versionInLine is versionInPassing on one line (p as written, low lower
// case with the same offsets).
func versionInLine(p, low string) string {
	// "our backup NAS ... is on 5.2.1", "the switch firmware", "on our
	// other server": a version of another device, said in the sentence
	other := func(m []int) bool { return containsAny(sentenceAround(low, m[0], m[1]), versionOfOther) }
	if m := rolledBackTo.FindStringSubmatchIndex(p); m != nil && !other(m) {
		return p[m[2]:m[3]] // "... so we rolled back to 5.1.9.2750": what it runs now
	}
	if m := onVersion.FindStringSubmatchIndex(p); m != nil && !other(m) {
		return p[m[2]:m[3]]
	}
	fwWord := containsAny(low, firmwareWords) || strings.Contains(low, "bios") || strings.Contains(low, "scale")
	if m := movedToVersion.FindStringSubmatchIndex(p); m != nil && !other(m) && !proposed(p[:m[0]]) && (fwWord || strings.Count(p[m[2]:m[3]], ".") >= 3 && !isIPv4(p[m[2]:m[3]])) {
		// "After updating our A2c ... to 2.5.4.0611": a four-part
		// number is a firmware build without the word (not "moved to
		// 10.20.30.40", an address)
		return p[m[2]:m[3]]
	}
	if m := updateOrInstall.FindStringSubmatchIndex(p); m != nil && !other(m) && !proposed(p[:m[0]]) {
		// "reboots since the 5.1.4.2596 update", "since we installed
		// 5.1.4.2596": three parts or more, the build the unit got
		if m[2] >= 0 {
			return p[m[2]:m[3]]
		}
		return p[m[4]:m[5]]
	}
	if v := componentItem(p); v != "" {
		return v
	}
	if m := biosVersion.FindStringSubmatchIndex(p); m != nil && !other(m) {
		if v := p[m[2]:m[3]]; hasDigit(v) && strings.IndexFunc(v, func(r rune) bool { return r >= 'A' && r <= 'Z' }) >= 0 {
			return v
		}
	}
	return ""
}

// componentItem is a component's version written as an item of its own,
// the whole line or one of a list of unit facts ("BMC 4.30.01" under
// "SN:" and "PN:" lines; "S/N QTFC..., P/N 1S5..., BIOS 3B13.Q402"): the
// item as written, like a labelled value. In a sentence ("since we
// flashed BIOS 3B13") the version alone is read, by biosVersion.
func componentItem(p string) string {
	if !strings.Contains(p, "BIOS ") && !strings.Contains(p, "BMC ") {
		return ""
	}
	var items []string
	for _, item := range strings.FieldsFunc(p, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
		name, ver, ok := strings.Cut(strings.TrimSpace(item), " ")
		if !ok || componentName(name) == "" {
			continue
		}
		ver = strings.TrimRight(strings.TrimSpace(ver), ".")
		if ver != "" && strings.IndexByte(ver, ' ') < 0 && isDigit(strings.TrimPrefix(ver, "v")[0]) && (hasDottedNumber(ver) || strings.IndexFunc(ver, func(r rune) bool { return r >= 'A' && r <= 'Z' }) >= 0) {
			items = append(items, name+" "+ver)
		}
	}
	return strings.Join(items, ", ")
}

// isIPv4: four numbers of up to 255 without leading zeros, the first of
// two digits or more ("10.20.30.40", "192.168.1.20"; "2.6.1.0405",
// "5.2.3.3006" and "2.3.0.9" are builds: firmware starts low).
func isIPv4(v string) bool {
	parts := strings.Split(v, ".")
	if len(parts) != 4 || len(parts[0]) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 3 || len(p) > 1 && p[0] == '0' || atoi(p) > 255 {
			return false
		}
	}
	return true
}

// sentenceAround is the sentence of s that holds s[a:b].
func sentenceAround(s string, a, b int) string {
	start := sentenceBegins(s[:a])
	end := len(s)
	for _, sep := range []string{". ", "! ", "? ", "。"} {
		if i := strings.Index(s[b:], sep); i >= 0 && b+i < end {
			end = b + i
		}
	}
	return s[start:end]
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

var updateOrInstall = regexp.MustCompile(`(?i)\bthe\s+v?([0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,5}){1,3})\s+(?:firmware\s+)?(?:update|upgrade)\b|` +
	`\b(?:installed|applied|flashed)\s+(?:firmware\s+|version\s+)?v?([0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,5}){1,3})\b`)

var rolledBackTo = regexp.MustCompile(`(?i)\b(?:rolled|went|gone|downgraded)\s+back\s+to\s+v?([0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,5}){0,2}(?:-U[0-9.]+)?)\b`)

var (
	onVersion      = regexp.MustCompile(`(?i)\b(?:(?:it's|it is|is|are|we're|we are|still|now|currently)\s+on|it runs|runs|running)\s+v?([0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{3,5}(?:-[0-9A-Za-z.]+)?)\b`)
	movedToVersion = regexp.MustCompile(`(?i)\b(?:went|moved|upgraded|updated|upgrading|updating|flashed|migrated)\s+(?:\S+\s+){0,6}?to\s+\(?(?:(?:QTS|QuTS hero|SCALE|CORE|TrueNAS SCALE|TrueNAS CORE|firmware|version)\s+)?v?([0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,5}){0,2}(?:-U[0-9.]+)?)\b`)
	biosVersion    = regexp.MustCompile(`\bBIOS\s+(?:version\s+|ver\.?\s+)?([0-9][0-9A-Z]{2,7}(?:\.[0-9A-Z]{1,6})?)\b`)
)

// cjkFirmware is the version a Japanese, Chinese or Korean sentence gives
// the firmware ("ファームウェアは1.5.3.4380です", "固件版本为1.5.3.4380",
// "펌웨어는 2.1.3"); Go's \b does not bound these words, so they have
// their own pattern. An Altai build suffix is part of the version
// ("ファームウェア：2.2.0.b14", as "Firmware: 2.2.0.b14" reads in English).
func cjkFirmware(pl []string) string {
	for _, l := range pl {
		if !containsAny(l, cjkFirmwareWords) {
			continue
		}
		if ix := cjkFirmwareProse.FindStringSubmatchIndex(l); ix != nil {
			if v := laterVersion(l[ix[1]:]); v != "" {
				return v // "펌웨어는 2.3.9에서 2.4.1로": the version it went to
			}
			return l[ix[2]:ix[3]]
		}
	}
	return ""
}

var cjkFirmwareWords = []string{"ファームウェア", "ファーム", "固件", "韌體", "韧体", "펌웨어"}

var cjkFirmwareProse = regexp.MustCompile(`(?:ファームウェア|ファーム|固件|韌體|韧体|펌웨어)(?:\s*(?:バージョン|版本|버전))?\s*(?:は|が|を|为|為|是|：|:|는|은|를|을)?\s*(?:現在|目前|当前|當前)?\s*[vV]?([0-9]+(?:\.[0-9]+){1,4}(?:\.b[0-9]+)?)`)

// laterVersion is the version a firmware's version is followed by as the
// one it went to ("firmware 2.3.5 to 2.4.1", "version 2.2.5 vers la
// 2.3.0", "2.3.9에서 2.4.1로", "2.3.9から2.4.1に", "2.3.5 -> 2.4.1"): the
// unit runs the later one. rest starts right after the first version.
func laterVersion(rest string) string {
	if len(rest) > 80 {
		rest = rest[:80]
	}
	if m := laterVersionRe.FindStringSubmatch(rest); m != nil {
		return m[1] + m[2] + m[3]
	}
	return ""
}

var laterVersionRe = regexp.MustCompile(`^(?:\s+(?:to|auf|nach|vers(?:\s+la|\s+le)?|à|al|alla|naar|para|na|do|till)\s+(?:(?:the|la|le|el|a|version|versión|versione|versie|versão|wersji|firmware)\s+)*v?([0-9]+(?:\.[0-9]+){1,4}(?:-[0-9A-Za-z.]+)?)\b|` +
	`\s*(?:→|->|=>)\s*v?([0-9]+(?:\.[0-9]+){1,4})|(?:에서|から)\s*v?([0-9]+(?:\.[0-9]+){1,4})\s*(?:로|으로|に|へ))`)
