package registry

import "strings"

// freemail are the big consumer mailbox providers. An address at one of
// them is a person, never an organisation: "bob@gmail.com owns it" says
// nothing about mallory@gmail.com. Deliberately a list of the widespread
// providers, not of every one: it guards the operator's customer_domains
// and the desk's per-domain caps, where a miss only means a domain is
// treated as a company's.
var freemail = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "outlook.com": true, "msn.com": true, "aol.com": true,
	"icloud.com": true, "me.com": true, "mac.com": true, "ymail.com": true, "rocketmail.com": true,
	"proton.me": true, "protonmail.com": true, "protonmail.ch": true, "pm.me": true, "tutanota.com": true, "tuta.io": true,
	"web.de": true, "mail.ru": true, "inbox.ru": true, "bk.ru": true, "list.ru": true, "qq.com": true, "foxmail.com": true,
	"163.com": true, "126.com": true, "yeah.net": true, "sina.com": true, "sina.cn": true, "sohu.com": true, "aliyun.com": true,
	"naver.com": true, "daum.net": true, "hanmail.net": true, "zoho.com": true, "zohomail.com": true, "fastmail.com": true,
	"fastmail.fm": true, "mail.com": true, "email.com": true, "hushmail.com": true, "t-online.de": true, "freenet.de": true,
	"orange.fr": true, "wanadoo.fr": true, "free.fr": true, "laposte.net": true, "libero.it": true, "virgilio.it": true,
	"seznam.cz": true, "wp.pl": true, "o2.pl": true, "interia.pl": true, "rediffmail.com": true, "comcast.net": true,
	"verizon.net": true, "att.net": true, "sbcglobal.net": true, "bigpond.com": true, "btinternet.com": true,
	"yahoo.com": true, "hotmail.com": true, "live.com": true, "gmx.com": true, "yandex.com": true,
}

// freemailBrands are providers with a domain per country (hotmail.co.uk,
// yahoo.co.jp, gmx.de, yandex.ru): their second-level label decides.
var freemailBrands = map[string]bool{"hotmail": true, "live": true, "yahoo": true, "gmx": true, "yandex": true, "outlook": true, "windowslive": true}

// IsFreemail reports whether domain belongs to a consumer mailbox provider.
func IsFreemail(domain string) bool {
	d := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(domain)), ".")
	if freemail[d] {
		return true
	}
	labels := strings.Split(d, ".")
	n := len(labels)
	switch {
	case n == 2:
		return freemailBrands[labels[0]] // hotmail.fr, gmx.de
	case n == 3:
		// hotmail.co.uk, yahoo.com.au: a brand before a country's
		// second-level suffix.
		return freemailBrands[labels[0]] && countrySecondLevel[labels[1]]
	}
	return false
}

var countrySecondLevel = map[string]bool{"co": true, "com": true, "ne": true, "net": true, "or": true, "org": true, "ac": true}
