package registry

import "strings"

// freemail are the big consumer mailbox providers. An address at one of
// them is a person, never an organisation: "bob@gmail.com owns it" says
// nothing about mallory@gmail.com.
//
// Where it comes from: compiled by hand for rmad from the mailbox domains
// the big providers offer at sign-up (Google, Microsoft, Yahoo, AOL, Apple,
// Proton, Tuta, GMX/WEB.DE, Mail.ru, Yandex, Tencent, NetEase, Sina,
// Naver, Daum, Zoho, Fastmail, mail.com) and of the big consumer ISPs of
// the US, Europe and Australia. Deliberately a list of the widespread
// providers, not of every one: it guards the operator's customer_domains
// and the desk's per-domain caps on automatic answers. A provider missing
// here is treated like a company: an operator could list it for a customer
// (the import would not stop them), and its users would share one
// per-domain cap. Add a provider when it turns up in the desk's mail.
var freemail = map[string]bool{
	// Google, Microsoft, Yahoo, AOL, Apple
	"gmail.com": true, "googlemail.com": true, "outlook.com": true, "msn.com": true, "passport.com": true,
	"ymail.com": true, "rocketmail.com": true, "aol.com": true, "aim.com": true,
	"icloud.com": true, "me.com": true, "mac.com": true, "privaterelay.appleid.com": true,
	// privacy-minded providers and relays
	"proton.me": true, "protonmail.com": true, "protonmail.ch": true, "pm.me": true,
	"tutanota.com": true, "tutanota.de": true, "tutamail.com": true, "tuta.io": true, "tuta.com": true, "keemail.me": true,
	"duck.com": true, "hushmail.com": true,
	// paid-or-free individual mailboxes
	"zoho.com": true, "zohomail.com": true, "zohomail.eu": true, "zohomail.in": true,
	"fastmail.com": true, "fastmail.fm": true, "mail.com": true, "email.com": true,
	// Europe
	"web.de": true, "t-online.de": true, "freenet.de": true, "orange.fr": true, "wanadoo.fr": true, "free.fr": true,
	"sfr.fr": true, "laposte.net": true, "libero.it": true, "virgilio.it": true, "tiscali.it": true, "seznam.cz": true,
	"wp.pl": true, "o2.pl": true, "interia.pl": true, "onet.pl": true, "btinternet.com": true, "sky.com": true,
	// Russia and neighbours
	"mail.ru": true, "inbox.ru": true, "bk.ru": true, "list.ru": true, "internet.ru": true, "ya.ru": true,
	"rambler.ru": true, "ukr.net": true,
	// China, Korea, India
	"qq.com": true, "foxmail.com": true, "163.com": true, "126.com": true, "yeah.net": true, "sina.com": true,
	"sina.cn": true, "sohu.com": true, "aliyun.com": true, "naver.com": true, "daum.net": true, "hanmail.net": true,
	"rediffmail.com": true,
	// North American and Australian ISPs
	"comcast.net": true, "verizon.net": true, "att.net": true, "sbcglobal.net": true, "bellsouth.net": true,
	"cox.net": true, "charter.net": true, "earthlink.net": true, "shaw.ca": true, "rogers.com": true,
	"bigpond.com": true, "optusnet.com.au": true,
	// brands with a domain per country also have these (see freemailBrands)
	"yahoo.com": true, "hotmail.com": true, "live.com": true, "gmx.com": true, "yandex.com": true,
}

// freemailBrands are providers with a domain per country (hotmail.co.uk,
// yahoo.co.jp, gmx.de, yandex.ru, aol.fr): the label before the public
// suffix decides, whatever the country.
var freemailBrands = map[string]bool{
	"hotmail": true, "live": true, "outlook": true, "windowslive": true, "yahoo": true,
	"aol": true, "gmx": true, "yandex": true,
}

// countrySecondLevel are the second-level labels countries put under their
// code for companies (co.uk, com.au, co.jp, ne.jp, com.br).
var countrySecondLevel = map[string]bool{"co": true, "com": true, "ne": true, "net": true, "or": true, "org": true}

// IsFreemail reports whether domain belongs to a consumer mailbox provider.
// Case, surrounding space and a final dot are ignored. It is a map lookup
// and, for the per-country brands, a second one on a label; it does not
// allocate for a lower-case domain.
func IsFreemail(domain string) bool {
	d := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(domain), "."))
	if freemail[d] {
		return true
	}
	brand, rest, ok := strings.Cut(d, ".")
	if !ok || !freemailBrands[brand] {
		return false
	}
	sld, tld, ok := strings.Cut(rest, ".")
	if !ok {
		return true // hotmail.fr, gmx.de, yahoo.ca
	}
	// hotmail.co.uk, yahoo.com.au: the brand before a country's
	// second-level suffix; not hotmail.example.com.
	return len(tld) == 2 && countrySecondLevel[sld] && !strings.Contains(tld, ".")
}
