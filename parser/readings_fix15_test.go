package parser

import "testing"

// Readings of round 6 (issue 13), found by root cause in the focused
// training sets and written here anew: other mails, languages or layouts
// than the ones that showed the cause.
var fix15Readings = []tableAttack{
	// a customer's own rating, in words the level readers did not know
	{name: "sev/rating-tr-dusuk", field: "severity", want: "low", raw: wMail("Merhaba,\n\nÖncelik: Düşük\n\nTS-464 (seri no Q22BI04567) fanı biraz gürültülü.\n\nAyşe")},
	{name: "sev/rating-ko-high", field: "severity", want: "high", raw: wMail("안녕하세요,\n\n우선순위: 높음\n\nAX500 (시리얼 AX5J22110093) 가 접속이 끊깁니다.\n\n김민수")},
	{name: "sev/rating-call-it-major", field: "severity", want: "high", raw: wMail("Hi,\n\nWe would call this major: the A8n at our depot (S/N A8N2011000932) loses its uplink now and then.\n\nPriya")},
	{name: "sev/rating-inline-priority-p2", field: "severity", want: "high", raw: wMail("Case 4411 / Priority: P2 / Site Leeds\n\nThe TS-873A (Q21BI04567) shows a warning in the log.\n\nJane")},
	{name: "sev/rating-inline-priority-not-p", field: "severity", want: "", raw: wMail("Hi,\n\nWhat is the priority of a P2 case at your desk? Our TS-873A (Q21BI04567) shows a warning.\n\nJane")},
}

func TestFix15Readings(t *testing.T) {
	runTableAttacks(t, fix15Readings, nil, "")
}
