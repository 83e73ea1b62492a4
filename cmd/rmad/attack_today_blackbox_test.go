package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"rmad/internal/imaptest"
)

// Black-box attacks of 2026-12-01 on two changes of the day:
//
//  1. the caps on automatic answers (per sender 5/h, +tag and Gmail dots
//     one sender; per registrable domain 30/h; desk 600/h; copies (Cc)
//     counted against them) are claimed exact within one serve process,
//     whatever arrives concurrently on both mailboxes and in batches;
//  2. the watcher lingers after mail (NOOP every 10 ms for 2 s, SEARCH only
//     when the NOOP reports new mail), then IDLEs: no mail may sit unfetched.
//
// Runs on 2026-12-01 (2-core shared machine, Dovecot, in-process serve):
//   - caps: 4-5 runs of each TestTodayCap* test (1 of the Reply-To and
//     trailing-dot ones): exactly 5 per folded sender
//     (gmail.com dots/+tag/case, corp +tag/case, quoted local part), 30 per
//     organisation (subdomains, case, trailing dot, IDN U- and A-label, Cc
//     copies), 20 against a desk cap of 20, no Cc list over 10, genuine
//     customers answered once, nothing to a third party named in Reply-To,
//     Sender or a foreign Cc. One hole: googlemail.com was not folded into
//     gmail.com (TestTodayCapGooglemailAliasSameMailbox, 10 against 5 in
//     6 of 6 runs); fixed the same day, the tests now count them as one.
//   - liveness (lease 300s, so the renewal check comes only every 100s;
//     poll_interval 1h): about 2,500 appends over 34 test runs, none missed,
//     none recorded twice, worst latency 2.3 s (most 0.5-0.8 s: Dovecot's
//     IDLE delay). The earlier report (a mail after a drained flood not
//     fetched in 60 s) did not reproduce in 9 runs (18 subtests) of
//     TestTodayLivenessOneAfterDrainedFlood (lease 3s and 300s): 0.24-0.61 s.

// tdWorld is newWorld with config lines added at the top level and the
// lease replaced (lease "" keeps newWorld's 3s).
func tdWorld(t *testing.T, lease string, top ...string) *world {
	t.Helper()
	w := newWorld(t, imaptest.NewDovecot(t))
	if lease != "" {
		w.cfgText = strings.Replace(w.cfgText, "mailbox_lease = \"3s\"\n", "mailbox_lease = \""+lease+"\"\n", 1)
	}
	if len(top) > 0 {
		w.cfgText = strings.Replace(w.cfgText, "listen = \"\"\n", "listen = \"\"\n"+strings.Join(top, "\n")+"\n", 1)
	}
	if err := os.WriteFile(w.cfgFile, []byte(w.cfgText), 0o600); err != nil {
		t.Fatal(err)
	}
	return w
}

// tdAppend appends without t.Fatal, so goroutines may use it.
func tdAppend(w *world, mailbox, raw string) error {
	raw = strings.ReplaceAll(strings.TrimLeft(raw, "\n"), "\n", "\r\n")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := w.imap.Append(ctx, mailbox, imapPass, "INBOX", []byte(raw))
	return err
}

func tdSpam(from, to, subj, mid, extra string) string {
	return fmt.Sprintf("From: %s\nTo: %s\nSubject: %s\nMessage-ID: <%s>\n%sContent-Type: text/plain; charset=utf-8\n\nHello, please help, our box is broken.\n", from, to, subj, mid, extra)
}

// tdRecipients returns, for each outbox row, the addresses of its To and Cc,
// lower-cased.
func tdRecipients(t *testing.T, w *world) [][]string {
	t.Helper()
	js := bbText(t, w, `SELECT coalesce(json_agg(row_to_json(o)), '[]')::text FROM outbox o`)
	var rows []map[string]any
	if err := json.Unmarshal([]byte(js), &rows); err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, r := range rows {
		var addrs []string
		for k, v := range r {
			arr, ok := v.([]any)
			if !ok || (k != "to_addresses" && k != "cc_addresses") {
				continue
			}
			for _, a := range arr {
				if s, ok := a.(string); ok && strings.Contains(s, "@") && !strings.Contains(s, "<") {
					addrs = append(addrs, strings.ToLower(s))
				}
			}
		}
		out = append(out, addrs)
	}
	return out
}

// tdSender folds a mailbox as the README says the sender cap does: +tag
// dropped, Gmail dots dropped, case ignored, googlemail.com as gmail.com
// (one mailbox: see TestTodayCapGooglemailAliasSameMailbox).
func tdSender(a string) string {
	a = strings.TrimSuffix(strings.ToLower(a), ".")
	i := strings.LastIndex(a, "@")
	if i < 0 {
		return a
	}
	local, dom := strings.Trim(a[:i], `"`), a[i+1:]
	if j := strings.Index(local, "+"); j >= 0 {
		local = local[:j]
	}
	if dom == "gmail.com" || dom == "googlemail.com" {
		local, dom = strings.ReplaceAll(local, ".", ""), "gmail.com"
	}
	return local + "@" + dom
}

// tdOrg is the registrable domain for the test's domains (two labels; the
// IDN's A-label and U-label are one domain).
func tdOrg(a string) string {
	a = strings.TrimSuffix(strings.ToLower(a), ".")
	dom := a[strings.LastIndex(a, "@")+1:]
	dom = strings.ReplaceAll(dom, "bücher", "xn--bcher-kva")
	l := strings.Split(dom, ".")
	if len(l) > 2 {
		l = l[len(l)-2:]
	}
	return strings.Join(l, ".")
}

// tdTally counts outbox recipients by folded sender and by organisation, and
// the mails the sink received per organisation.
type tdTally struct {
	bySender map[string]int
	byOrg    map[string]int
	sinkOrg  map[string]int
	maxCopy  int
}

func tdCount(t *testing.T, w *world) tdTally {
	t.Helper()
	tl := tdTally{bySender: map[string]int{}, byOrg: map[string]int{}, sinkOrg: map[string]int{}}
	for _, row := range tdRecipients(t, w) {
		if len(row)-1 > tl.maxCopy {
			tl.maxCopy = len(row) - 1
		}
		for _, a := range row {
			tl.bySender[tdSender(a)]++
			tl.byOrg[tdOrg(a)]++
		}
	}
	for _, r := range w.smtp.Messages() {
		for _, a := range r.To {
			tl.sinkOrg[tdOrg(a)]++
		}
	}
	return tl
}

// tdSettle waits until every appended message is recorded or quarantined and
// the outbox has been quiet (no row added, nothing unsent) for 2s.
func tdSettle(t *testing.T, w *world, msgs int, within time.Duration) {
	t.Helper()
	bbWait(t, within, fmt.Sprintf("%d messages recorded or quarantined", msgs), func() bool {
		return bbCount(t, w, `SELECT (SELECT count(DISTINCT message_id) FROM messages) + (SELECT count(*) FROM quarantine)`) >= msgs
	})
	last, stable := -1, time.Now()
	bbWait(t, within, "the outbox quiet", func() bool {
		n := bbCount(t, w, `SELECT count(*) FROM outbox`)
		pending := bbCount(t, w, `SELECT count(*) FROM outbox WHERE status NOT IN ('sent', 'failed')`)
		if n != last {
			last, stable = n, time.Now()
		}
		return pending == 0 && time.Since(stable) > 2*time.Second
	})
}

// Attack C1 (spammer, one sender under many spellings, both mailboxes,
// before and during serve): jane.doe@gmail.com as JaneDoe+n@gmail.com,
// j.a.n.e.doe@GMAIL.com, jane.doe+x@googlemail.com...; boss@corp-x.example
// as BOSS+n@Corp-X.example, boss+q@corp-x.example. Each folded sender gets
// exactly 5 automatic answers. Genuine customers interleaved (alice, a
// Gmail bob) get one each; poison in the burst.
func TestTodayCapSenderVariantsBothMailboxesLive(t *testing.T) {
	w := tdWorld(t, "")
	jane := func(i int) string {
		switch i % 5 {
		case 0:
			return fmt.Sprintf("JaneDoe+%d@gmail.com", i)
		case 1:
			return "j.a.n.e.doe@GMAIL.com"
		case 2:
			return fmt.Sprintf("jane.doe+x%d@googlemail.com", i)
		case 3:
			return "Jane.Doe@Gmail.Com"
		}
		return fmt.Sprintf("jAnE.d.o.e+%d@gmail.com", i)
	}
	boss := func(i int) string {
		switch i % 3 {
		case 0:
			return fmt.Sprintf("BOSS+%d@Corp-X.example", i)
		case 1:
			return fmt.Sprintf("boss+q%d@corp-x.example", i)
		}
		return "Boss@CORP-X.EXAMPLE"
	}
	poison := func(i int, from string) string {
		return fmt.Sprintf("From: %s\nTo: rma@desk.example\nSubject: =?x-bogus?B?////?= %d\nMessage-ID: <c1-p%d@poison.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\n--\nContent-Type: text/plain; charset=x-bogus\n\nbad =ZZ \xff\xfe\x00\n--x", from, i, i)
	}
	total := 0
	send := func(i int, live bool) string {
		box := deskRMA
		if i%2 == 1 {
			box = deskSupport
		}
		var raw string
		switch {
		case i%11 == 7:
			raw = poison(i, jane(i))
		case i%2 == 0:
			raw = tdSpam("Jane <"+jane(i)+">", box, fmt.Sprintf("help %d live=%v", i, live), fmt.Sprintf("c1-j%d@gmail.com", i), "")
		default:
			raw = tdSpam("Boss <"+boss(i)+">", box, fmt.Sprintf("urgent %d live=%v", i, live), fmt.Sprintf("c1-b%d@corp-x.example", i), "")
		}
		return box + "\x00" + raw
	}
	// one batch per mailbox before serve: 30 mails, alice in the middle
	for i := 0; i < 30; i++ {
		if i == 15 {
			w.deliver(deskRMA, request("c1-alice@customer.example", "", requestBody))
			total++
		}
		p := strings.SplitN(send(i, false), "\x00", 2)
		w.deliver(p[0], p[1])
		total++
	}
	w.serveInProcess()
	// while it runs: two goroutines, one per mailbox, 30 more; bob in the middle
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 30 + g; i < 60; i += 2 {
				p := strings.SplitN(send(i, true), "\x00", 2)
				if err := tdAppend(w, p[0], p[1]); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
				if i == 45 {
					tdAppend(w, deskSupport, tdSpam("Bob <bob.smith@gmail.com>", deskSupport, "my NAS does not boot", "c1-bob@gmail.com", ""))
				}
			}
		}(g)
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	total += 30 + 1
	tdSettle(t, w, total, 120*time.Second)
	tl := tdCount(t, w)
	t.Logf("answers: jane %d (gmail.com) + %d (googlemail.com), boss %d, alice %d, bob %d (sink: %d to corp-x.example)", tl.bySender["janedoe@gmail.com"], tl.bySender["janedoe@googlemail.com"], tl.bySender["boss@corp-x.example"], tl.bySender[custAddr], tl.bySender["bobsmith@gmail.com"], tl.sinkOrg["corp-x.example"])
	raw := map[string]int{}
	for _, row := range tdRecipients(t, w) {
		for _, a := range row {
			if strings.HasPrefix(tdSender(a), "janedoe@") {
				raw[a]++
			}
		}
	}
	t.Logf("jane's answers by spelling: %v", raw)
	if n := tl.bySender["janedoe@gmail.com"]; n != 5 {
		t.Errorf("jane (gmail.com and googlemail.com, +tag/dot/case variants) got %d automatic answers, want exactly the cap 5", n)
	}
	if n := tl.bySender["boss@corp-x.example"]; n != 5 {
		t.Errorf("boss (+tag/case variants) got %d automatic answers, want exactly the cap 5", n)
	}
	if n := bbSentTo(w, custAddr); n != 1 {
		t.Errorf("control: genuine alice got %d mails, want 1", n)
	}
	if n := tl.bySender["bobsmith@gmail.com"]; n != 1 {
		t.Errorf("control: genuine gmail bob got %d answers, want 1", n)
	}
}

// Attack C1b (spammer, Gmail's other domain): googlemail.com is Gmail's
// alias domain: jane.doe@googlemail.com and janedoe@gmail.com are one
// mailbox. README: "at most auto_reply_limit answers (5) go to one mailbox
// (... as are Gmail's dotted variants)". 10 requests under gmail.com and 10
// under googlemail.com spellings, both mailboxes, half before serve.
//
// Found 2026-12-01 as a hole: googlemail.com was counted as another
// mailbox than gmail.com: 10 automatic answers (5 via gmail.com + 5 via
// googlemail.com) reached jane's one mailbox in every run (6 of 6). Fixed
// the same day (rateKey spells googlemail.com as gmail.com).
func TestTodayCapGooglemailAliasSameMailbox(t *testing.T) {
	w := tdWorld(t, "")
	mk := func(i int, box string) string {
		from := fmt.Sprintf("Jane.Doe+%d@gmail.com", i)
		if i%2 == 1 {
			from = fmt.Sprintf("jane.doe+%d@googlemail.com", i)
		}
		return tdSpam("Jane <"+from+">", box, fmt.Sprintf("help %d", i), fmt.Sprintf("c1b-%d@gmail.com", i), "")
	}
	for i := 0; i < 10; i++ {
		box := []string{deskRMA, deskSupport}[(i/2)%2]
		w.deliver(box, mk(i, box))
	}
	w.serveInProcess()
	for i := 10; i < 20; i++ {
		box := []string{deskRMA, deskSupport}[(i/2)%2]
		w.deliver(box, mk(i, box))
	}
	w.deliver(deskRMA, request("c1b-alice@customer.example", "", requestBody))
	tdSettle(t, w, 21, 120*time.Second)
	tl := tdCount(t, w)
	g := tl.bySender["janedoe@gmail.com"] // both spellings: tdSender folds them
	t.Logf("answers to jane's one Gmail mailbox, both spellings: %d", g)
	if n := bbSentTo(w, custAddr); n != 1 {
		t.Errorf("control: genuine alice got %d mails, want 1", n)
	}
	if g != 5 {
		t.Errorf("jane's one Gmail mailbox got %d automatic answers under gmail.com and googlemail.com, want the cap: 5", g)
	}
}

// Attack C2 (spammer, one organisation under subdomains and case, each mail
// copying 12-15 colleagues of the organisation, both mailboxes, before and
// during serve, poison inside): every address of *.victim.example counts
// against the organisation's 30/h, so the outbox names victim.example
// exactly 30 times; at most 10 are copied on one mail; no colleague gets
// more than 5. Genuine customers of two other organisations interleaved get
// one answer each.
func TestTodayCapDomainCcSubdomainsBothMailboxesLive(t *testing.T) {
	w := tdWorld(t, "")
	hosts := []string{"victim.example", "h1.victim.example", "H2.Victim.Example", "mail.eu.victim.example", "VICTIM.EXAMPLE"}
	mk := func(i int, box string) string {
		from := fmt.Sprintf("s%d@%s", i, hosts[i%len(hosts)])
		var cc []string
		for k := 0; k < 12+i%4; k++ {
			cc = append(cc, fmt.Sprintf("c%d@%s", (i+k)%20, hosts[(i+k)%len(hosts)]))
		}
		if i%9 == 4 { // poison
			return fmt.Sprintf("From: %s\nTo: %s\nCc: %s\nSubject: broken %d\nMessage-ID: <c2-%d@victim.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\n--\nContent-Type: text/plain\n\n\xff\xfe\x00\n--x", from, box, strings.Join(cc, ", "), i, i)
		}
		return tdSpam("S "+fmt.Sprint(i)+" <"+from+">", box, fmt.Sprintf("Server %d dead", i), fmt.Sprintf("c2-%d@victim.example", i), "Cc: "+strings.Join(cc, ", ")+"\n")
	}
	total := 0
	for i := 0; i < 20; i++ {
		box := deskRMA
		if i%2 == 1 {
			box = deskSupport
		}
		if i == 10 {
			w.deliver(deskSupport, request("c2-alice@customer.example", "", requestBody))
			total++
		}
		w.deliver(box, mk(i, box))
		total++
	}
	w.serveInProcess()
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			box := []string{deskRMA, deskSupport}[g]
			for i := 20 + g; i < 50; i += 2 {
				if err := tdAppend(w, box, mk(i, box)); err != nil {
					t.Error(err)
				}
				if i == 35 {
					tdAppend(w, box, tdSpam("Gus <gus@genuine-two.example>", box, "PSU failed", "c2-gus@genuine-two.example", ""))
				}
			}
		}(g)
	}
	wg.Wait()
	total += 30 + 1
	tdSettle(t, w, total, 120*time.Second)
	tl := tdCount(t, w)
	var heavy []string
	for a, n := range tl.bySender {
		if tdOrg(a) == "victim.example" && n > 5 {
			heavy = append(heavy, fmt.Sprintf("%s=%d", a, n))
		}
	}
	sort.Strings(heavy)
	t.Logf("victim.example named %d times in the outbox (sink %d), most copied on one mail %d, over 5: %v; alice %d, gus %d",
		tl.byOrg["victim.example"], tl.sinkOrg["victim.example"], tl.maxCopy, heavy, tl.bySender[custAddr], tl.bySender["gus@genuine-two.example"])
	if n := tl.byOrg["victim.example"]; n != 30 {
		t.Errorf("victim.example (subdomains, case, Cc copies) named %d times by automatic answers, want exactly the cap 30", n)
	}
	if n := tl.sinkOrg["victim.example"]; n > 30 {
		t.Errorf("the relay was given %d recipients at victim.example, cap 30", n)
	}
	if tl.maxCopy > 10 {
		t.Errorf("one mail copies %d people, at most 10", tl.maxCopy)
	}
	if len(heavy) > 0 {
		t.Errorf("addresses over the sender cap of 5: %v", heavy)
	}
	if n := bbSentTo(w, custAddr); n != 1 {
		t.Errorf("control: genuine alice got %d mails, want 1", n)
	}
	if n := bbSentTo(w, "gus@genuine-two.example"); n != 1 {
		t.Errorf("control: genuine gus got %d mails, want 1", n)
	}
}

// Attack C3 (spammer, one IDN organisation spelled both ways): 20 senders at
// bücher.example (UTF-8 header) and 20 at xn--bcher-kva.example, split
// across both mailboxes, half before serve. One registrable domain: at most
// 30 automatic answers in all.
func TestTodayCapDomainIDNBothSpellings(t *testing.T) {
	w := tdWorld(t, "")
	mk := func(i int, box string) string {
		dom := "xn--bcher-kva.example"
		if i%2 == 0 {
			dom = "bücher.example"
		}
		return tdSpam(fmt.Sprintf("Kunde %d <k%d@%s>", i, i, dom), box, fmt.Sprintf("Defekt %d", i), fmt.Sprintf("c3-%d@xn--bcher-kva.example", i), "")
	}
	for i := 0; i < 20; i++ {
		w.deliver([]string{deskRMA, deskSupport}[(i/2)%2], mk(i, deskRMA))
	}
	w.serveInProcess()
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			box := []string{deskRMA, deskSupport}[g]
			for i := 20 + g; i < 40; i += 2 {
				if err := tdAppend(w, box, mk(i, box)); err != nil {
					t.Error(err)
				}
			}
		}(g)
	}
	wg.Wait()
	tdSettle(t, w, 40, 120*time.Second)
	tl := tdCount(t, w)
	u, a := 0, 0
	for _, row := range tdRecipients(t, w) {
		for _, x := range row {
			if strings.HasSuffix(x, "@bücher.example") {
				u++
			}
			if strings.HasSuffix(x, "@xn--bcher-kva.example") {
				a++
			}
		}
	}
	t.Logf("answers: %d to bücher.example (U-label), %d to xn--bcher-kva.example (A-label), %d together; tickets %d", u, a, tl.byOrg["xn--bcher-kva.example"], bbCount(t, w, `SELECT count(*) FROM tickets`))
	if n := tl.byOrg["xn--bcher-kva.example"]; n > 30 {
		t.Errorf("one IDN organisation got %d automatic answers (U-label %d + A-label %d), cap 30", n, u, a)
	}
	if u+a == 0 {
		t.Errorf("control: no answer at all to the IDN senders")
	}
}

// Attack C4 (spammer with many domains): the desk-wide cap, set to 20, holds
// exactly when 60 senders of 60 domains write to both mailboxes, half before
// serve and half while it runs.
func TestTodayCapDeskWideBothMailboxesLive(t *testing.T) {
	w := tdWorld(t, "", "auto_reply_desk_limit = 20")
	mk := func(i int, box string) string {
		return tdSpam(fmt.Sprintf("U%d <u%d@d%d.example>", i, i, i), box, fmt.Sprintf("RMA please %d", i), fmt.Sprintf("c4-%d@d%d.example", i, i), "")
	}
	for i := 0; i < 30; i++ {
		box := []string{deskRMA, deskSupport}[i%2]
		w.deliver(box, mk(i, box))
	}
	w.serveInProcess()
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			box := []string{deskRMA, deskSupport}[g]
			for i := 30 + g; i < 60; i += 2 {
				if err := tdAppend(w, box, mk(i, box)); err != nil {
					t.Error(err)
				}
			}
		}(g)
	}
	wg.Wait()
	tdSettle(t, w, 60, 120*time.Second)
	n := 0
	for _, row := range tdRecipients(t, w) {
		for _, a := range row {
			if strings.HasPrefix(tdOrg(a), "d") && strings.HasSuffix(a, ".example") && !strings.HasSuffix(a, "@desk.example") {
				n++
			}
		}
	}
	t.Logf("automatic answers to the 60 senders: %d (desk cap 20); sink: %d mails", n, len(w.smtp.Messages()))
	if n != 20 {
		t.Errorf("%d automatic answers from the desk, want exactly the desk cap 20", n)
	}
}

// Attack C5 (spammer, Cc of one mailbox under many spellings): senders of
// twelve organisations (the domain cap never binds) each copy ten
// spellings of one victim mailbox of their own organisation
// (boss+1@, BOSS+2@, Boss@, boss+x@sub...). A copy counts against that
// address's cap, so each victim gets exactly 5 mails in all; at most 10
// copied on a mail; the senders themselves are answered.
func TestTodayCapCcSpellingsOfOneMailbox(t *testing.T) {
	w := tdWorld(t, "")
	const orgs = 12
	mk := func(i int, box string) string {
		o := i % orgs
		var cc []string
		for k := 0; k < 12; k++ {
			switch k % 3 {
			case 0:
				cc = append(cc, fmt.Sprintf("boss+%d-%d@org%d.example", i, k, o))
			case 1:
				cc = append(cc, fmt.Sprintf("BOSS+%d@ORG%d.EXAMPLE", k, o))
			default:
				cc = append(cc, fmt.Sprintf("Boss@Org%d.Example", o))
			}
		}
		return tdSpam(fmt.Sprintf("W%d <w%d@org%d.example>", i, i, o), box, fmt.Sprintf("Ticket %d", i), fmt.Sprintf("c5-%d@org%d.example", i, o), "Cc: "+strings.Join(cc, ", ")+"\n")
	}
	for i := 0; i < 24; i++ {
		box := []string{deskRMA, deskSupport}[i%2]
		w.deliver(box, mk(i, box))
	}
	w.serveInProcess()
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			box := []string{deskRMA, deskSupport}[g]
			for i := 24 + g; i < 48; i += 2 {
				if err := tdAppend(w, box, mk(i, box)); err != nil {
					t.Error(err)
				}
			}
		}(g)
	}
	wg.Wait()
	tdSettle(t, w, 48, 120*time.Second)
	tl := tdCount(t, w)
	var bad []string
	answered := 0
	for o := 0; o < orgs; o++ {
		b := fmt.Sprintf("boss@org%d.example", o)
		if n := tl.bySender[b]; n != 5 {
			bad = append(bad, fmt.Sprintf("%s=%d", b, n))
		}
	}
	for i := 0; i < 48; i++ {
		if tl.bySender[fmt.Sprintf("w%d@org%d.example", i, i%orgs)] > 0 {
			answered++
		}
	}
	t.Logf("victims off their cap of 5: %v; senders answered %d of 48; most copied on one mail %d", bad, answered, tl.maxCopy)
	if len(bad) > 0 {
		t.Errorf("a mailbox copied under several spellings got other than exactly its cap 5: %v", bad)
	}
	if answered != 48 {
		t.Errorf("control: %d of 48 senders answered (4 per organisation, under every cap)", answered)
	}
	if tl.maxCopy > 10 {
		t.Errorf("one mail copies %d people, at most 10", tl.maxCopy)
	}
}

// Attack C6 (one mail to both desk addresses): the same raw mail (same
// Message-ID) appended to both mailboxes at once, for 20 senders of one
// organisation plus 20 copies without a Message-ID; each recorded once and
// answered once, and the organisation's cap (30) still exact.
func TestTodayCapSameMailInBothMailboxes(t *testing.T) {
	w := tdWorld(t, "")
	mk := func(i int) string {
		if i%2 == 1 {
			return fmt.Sprintf("From: D%d <d%d@dup.example>\nTo: rma@desk.example, support@desk.example\nSubject: Dead disk %d\nDate: Tue, 01 Dec 2026 10:00:00 +0000\nContent-Type: text/plain\n\nSerial QTFCQ%010d is dead.\n", i, i, i, i)
		}
		return tdSpam(fmt.Sprintf("D%d <d%d@dup.example>", i, i), "rma@desk.example, support@desk.example", fmt.Sprintf("Dead disk %d", i), fmt.Sprintf("c6-%d@dup.example", i), "")
	}
	for i := 0; i < 20; i++ {
		w.deliver(deskRMA, mk(i))
		w.deliver(deskSupport, mk(i))
	}
	w.serveInProcess()
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			box := []string{deskRMA, deskSupport}[g]
			for i := 20; i < 40; i++ {
				if err := tdAppend(w, box, mk(i)); err != nil {
					t.Error(err)
				}
			}
		}(g)
	}
	wg.Wait()
	bbWait(t, 120*time.Second, "40 tickets", func() bool { return bbCount(t, w, `SELECT count(*) FROM tickets`) >= 40 })
	time.Sleep(5 * time.Second)
	tdSettle(t, w, 20, 60*time.Second)
	tl := tdCount(t, w)
	tickets := bbCount(t, w, `SELECT count(*) FROM tickets`)
	var twice []string
	for i := 0; i < 40; i++ {
		if n := tl.bySender[fmt.Sprintf("d%d@dup.example", i)]; n > 1 {
			twice = append(twice, fmt.Sprintf("d%d=%d", i, n))
		}
	}
	t.Logf("tickets %d (40 mails, each in both mailboxes); dup.example answered %d; answered more than once: %v", tickets, tl.byOrg["dup.example"], twice)
	if tickets != 40 {
		t.Errorf("%d tickets for 40 mails each delivered to both desk addresses", tickets)
	}
	if len(twice) > 0 {
		t.Errorf("a mail delivered to both desk addresses answered more than once: %v", twice)
	}
	if n := tl.byOrg["dup.example"]; n != 30 {
		t.Errorf("dup.example got %d automatic answers, want exactly the cap 30", n)
	}
}

// Attack C7 (spammer aiming answers at a third party): the answers must go
// where the caps count. 12 mails from 12 domains with Reply-To the victim,
// 12 from Gmail users with Reply-To victim+n@, 8 with Sender: the victim, 8
// from attacker.example copying 10 addresses of target.example (another
// organisation: never copied). The victim's organisation gets at most 5
// (one mailbox); the senders are answered.
func TestTodayCapAnswersRedirectedToThirdParty(t *testing.T) {
	w := tdWorld(t, "")
	mk := func(i int, box string) string {
		switch {
		case i < 12:
			return tdSpam(fmt.Sprintf("U%d <u%d@rt%d.example>", i, i, i), box, fmt.Sprintf("help %d", i), fmt.Sprintf("c7-%d@rt.example", i), "Reply-To: Victim <victim@target.example>\n")
		case i < 24:
			return tdSpam(fmt.Sprintf("G%d <g.user%d@gmail.com>", i, i), box, fmt.Sprintf("help %d", i), fmt.Sprintf("c7-%d@gmail.com", i), fmt.Sprintf("Reply-To: victim+%d@TARGET.example\n", i))
		case i < 32:
			return tdSpam(fmt.Sprintf("S%d <s%d@sn%d.example>", i, i, i), box, fmt.Sprintf("help %d", i), fmt.Sprintf("c7-%d@sn.example", i), "Sender: victim@target.example\nReturn-Path: <victim@target.example>\n")
		}
		var cc []string
		for k := 0; k < 10; k++ {
			cc = append(cc, fmt.Sprintf("p%d@h%d.target.example", k, k%3))
		}
		return tdSpam(fmt.Sprintf("A%d <a%d@attacker.example>", i, i), box, fmt.Sprintf("help %d", i), fmt.Sprintf("c7-%d@attacker.example", i), "Cc: "+strings.Join(cc, ", ")+"\n")
	}
	for i := 0; i < 40; i += 2 {
		w.deliver(deskRMA, mk(i, deskRMA))
	}
	w.serveInProcess()
	for i := 1; i < 40; i += 2 {
		w.deliver(deskSupport, mk(i, deskSupport))
	}
	tdSettle(t, w, 40, 120*time.Second)
	tl := tdCount(t, w)
	answered := 0
	for a, n := range tl.bySender {
		if tdOrg(a) != "target.example" && tdOrg(a) != "desk.example" {
			answered += n
		}
	}
	t.Logf("target.example named %d times (victim@ %d; sink %d); answers to the senders %d", tl.byOrg["target.example"], tl.bySender["victim@target.example"], tl.sinkOrg["target.example"], answered)
	if n := tl.byOrg["target.example"]; n > 5 {
		t.Errorf("a third party's organisation got %d automatic answers through Reply-To/Sender/Cc, want at most 5 (one mailbox's cap)", n)
	}
	if n := tl.sinkOrg["target.example"]; n > 5 {
		t.Errorf("the relay was given %d recipients at target.example", n)
	}
	if answered == 0 {
		t.Errorf("control: no sender answered at all")
	}
}

// Attack C8 (spellings the folding may miss): the organisation written with
// a trailing dot (victim2.example.) beside the plain one, and a Gmail
// mailbox with a quoted local part ("jane.doe"@gmail.com,
// "JaneDoe+q"@gmail.com) beside the plain one. 20+20 to the organisation:
// at most 30; 6+6 to the mailbox: at most 5.
func TestTodayCapTrailingDotAndQuotedLocalPart(t *testing.T) {
	w := tdWorld(t, "")
	mk := func(i int, box string) string {
		switch {
		case i < 40:
			dom := "VICTIM2.example"
			if i%2 == 0 {
				dom = "victim2.example."
			}
			return tdSpam(fmt.Sprintf("V%d <v%d@%s>", i, i, dom), box, fmt.Sprintf("help %d", i), fmt.Sprintf("c8-%d@victim2.example", i), "")
		case i%2 == 0:
			return tdSpam(fmt.Sprintf("Jane <\"jane.doe+%d\"@gmail.com>", i), box, fmt.Sprintf("help %d", i), fmt.Sprintf("c8-%d@gmail.com", i), "")
		}
		return tdSpam(fmt.Sprintf("Jane <jane.doe+%d@gmail.com>", i), box, fmt.Sprintf("help %d", i), fmt.Sprintf("c8-%d@gmail.com", i), "")
	}
	for i := 0; i < 52; i++ {
		box := []string{deskRMA, deskSupport}[i%2]
		if i == 26 {
			w.serveInProcess()
		}
		w.deliver(box, mk(i, box))
	}
	tdSettle(t, w, 52, 120*time.Second)
	tl := tdCount(t, w)
	raw := map[string]int{}
	for _, row := range tdRecipients(t, w) {
		for _, a := range row {
			if strings.Contains(a, "victim2") || strings.Contains(a, "jane") {
				raw[a[strings.LastIndex(a, "@"):]]++
			}
		}
	}
	t.Logf("victim2.example %d, jane %d; by spelling of the domain: %v", tl.byOrg["victim2.example"], tl.bySender["janedoe@gmail.com"], raw)
	if n := tl.byOrg["victim2.example"]; n > 30 || n == 0 {
		t.Errorf("victim2.example (with and without a trailing dot) got %d automatic answers, want 1..30", n)
	}
	if n := tl.bySender["janedoe@gmail.com"]; n > 5 || n == 0 {
		t.Errorf("jane (quoted and plain local part) got %d automatic answers, want 1..5", n)
	}
}

// ---------------------------------------------------------------------------
// Liveness. Leases are long (300s: the renewal check every 100s) and
// poll_interval 1h, so only IDLE and the new linger/NOOP logic can find mail.

// tdTracker records when each Message-ID was first recorded.
type tdTracker struct {
	mu       sync.Mutex
	appended map[string]time.Time
	box      map[string]string
	seen     map[string]time.Time
	stop     chan struct{}
	done     chan struct{}
}

func tdTrack(t *testing.T, w *world) *tdTracker {
	tr := &tdTracker{appended: map[string]time.Time{}, box: map[string]string{}, seen: map[string]time.Time{}, stop: make(chan struct{}), done: make(chan struct{})}
	db := connect(t, w.dbURL)
	go func() {
		defer close(tr.done)
		for {
			select {
			case <-tr.stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			rows, err := db.Query(context.Background(), `SELECT message_id FROM messages`)
			if err != nil {
				continue
			}
			now := time.Now()
			tr.mu.Lock()
			for rows.Next() {
				var id string
				if rows.Scan(&id) == nil {
					if _, ok := tr.seen[id]; !ok {
						tr.seen[id] = now
					}
				}
			}
			tr.mu.Unlock()
			rows.Close()
		}
	}()
	t.Cleanup(func() { close(tr.stop); <-tr.done; db.Close(context.Background()) })
	return tr
}

var tdSeq int

// send appends one genuine-looking request (its own sender and domain) and
// records when.
func (tr *tdTracker) send(t *testing.T, w *world, box, tag string) string {
	t.Helper()
	tdSeq++
	id := fmt.Sprintf("live-%s-%d@l%d.example", tag, tdSeq, tdSeq)
	raw := tdSpam(fmt.Sprintf("L%d <l%d@l%d.example>", tdSeq, tdSeq, tdSeq), box, fmt.Sprintf("Node %d down (%s)", tdSeq, tag), id, "")
	tr.mu.Lock()
	tr.appended[id] = time.Now()
	tr.box[id] = box
	tr.mu.Unlock()
	if err := tdAppend(w, box, raw); err != nil {
		t.Fatal(err)
	}
	return id
}

// drained waits until every appended message has been recorded (up to
// within) and returns when the last one was.
func (tr *tdTracker) drained(t *testing.T, within time.Duration) time.Time {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		tr.mu.Lock()
		all, last := true, time.Time{}
		for id := range tr.appended {
			s, ok := tr.seen[id]
			if !ok {
				all = false
				break
			}
			if s.After(last) {
				last = s
			}
		}
		tr.mu.Unlock()
		if all {
			return last
		}
		if time.Now().After(deadline) {
			return time.Time{}
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// verdict waits for stragglers up to wait and fails on any message not
// recorded within bound of its append, or recorded twice.
func (tr *tdTracker) verdict(t *testing.T, w *world, bound, wait time.Duration) {
	t.Helper()
	tr.drained(t, wait)
	tr.mu.Lock()
	type lat struct {
		id  string
		d   time.Duration
		box string
		at  time.Time
	}
	var ls []lat
	for id, a := range tr.appended {
		d := time.Duration(-1)
		if s, ok := tr.seen[id]; ok {
			d = s.Sub(a)
		}
		ls = append(ls, lat{id, d, tr.box[id], a})
	}
	tr.mu.Unlock()
	sort.Slice(ls, func(i, j int) bool { return ls[i].at.Before(ls[j].at) })
	var worst time.Duration
	slow := 0
	for _, l := range ls {
		if l.d < 0 {
			t.Errorf("HOLE: %s (appended to %s at %s) never recorded within %v", l.id, l.box, l.at.Format("15:04:05.000"), wait)
			continue
		}
		if l.d > worst {
			worst = l.d
		}
		if l.d > 1500*time.Millisecond {
			slow++
			t.Logf("slow: %s to %s took %v", l.id, l.box, l.d.Round(time.Millisecond))
		}
		if l.d > bound {
			t.Errorf("HOLE: %s (appended to %s at %s) recorded only after %v (bound %v)", l.id, l.box, l.at.Format("15:04:05.000"), l.d.Round(time.Millisecond), bound)
		}
	}
	t.Logf("%d messages, worst latency %v, %d over 1.5s", len(ls), worst.Round(time.Millisecond), slow)
	if n := bbCount(t, w, `SELECT count(*) FROM (SELECT message_id FROM messages WHERE message_id LIKE 'live-%' GROUP BY message_id HAVING count(*) > 1) d`); n != 0 {
		t.Errorf("%d messages recorded twice", n)
	}
	if n := bbCount(t, w, `SELECT count(*) FROM messages WHERE message_id LIKE 'live-%'`); n != len(ls) {
		t.Errorf("%d live messages recorded, %d appended", n, len(ls))
	}
}

// Attack L1: appends at awkward moments against a long lease: after 3-5 s
// of quiet, during a long burst's processing, right after a drain, around
// the 2 s linger end, and a chain spaced 1.9-2.1 s, to both mailboxes.
func TestTodayLivenessAwkwardMoments(t *testing.T) {
	w := tdWorld(t, "300s")
	w.serveInProcess()
	tr := tdTrack(t, w)
	boxes := []string{deskRMA, deskSupport}
	// quiet, then one; quiet, then one on the other mailbox
	time.Sleep(4 * time.Second)
	tr.send(t, w, deskRMA, "quiet4")
	time.Sleep(3500 * time.Millisecond)
	tr.send(t, w, deskSupport, "quiet3.5")
	time.Sleep(5 * time.Second)
	tr.send(t, w, deskSupport, "quiet5a")
	tr.send(t, w, deskRMA, "quiet5b")
	tr.drained(t, 30*time.Second)
	// a long burst on both mailboxes; more while it is processed
	for i := 0; i < 40; i++ {
		tr.send(t, w, boxes[i%2], "burst")
	}
	for i := 0; i < 6; i++ {
		time.Sleep(150 * time.Millisecond)
		tr.send(t, w, boxes[i%2], "during")
	}
	// right after a drain, several times
	for r := 0; r < 4; r++ {
		tr.drained(t, 60*time.Second)
		tr.send(t, w, boxes[r%2], "afterdrain")
	}
	// around the 2 s linger end, measured from the last record
	for i, d := range []time.Duration{1900, 1950, 1990, 2000, 2010, 2050, 2100, 2200, 2500, 3000} {
		last := tr.drained(t, 30*time.Second)
		time.Sleep(time.Until(last.Add(d * time.Millisecond)))
		tr.send(t, w, boxes[i%2], fmt.Sprintf("linger%d", d))
	}
	// a chain spaced 1.9-2.1 s apart regardless of processing
	for i := 0; i < 10; i++ {
		tr.send(t, w, boxes[(i/2)%2], "chain")
		time.Sleep(time.Duration(1900+(i*47)%200) * time.Millisecond)
	}
	// quiet again, then one to each
	time.Sleep(4 * time.Second)
	tr.send(t, w, deskRMA, "end-rma")
	tr.send(t, w, deskSupport, "end-support")
	tr.verdict(t, w, 20*time.Second, 110*time.Second)
}

// Attack L2 (the unconfirmed report: mail appended after serve drained a
// batch not fetched within 60 s): a burst on both mailboxes before serve,
// then after the drain one message at a delay, repeated over delays. Loop
// with -count.
func TestTodayLivenessAfterDrainLoop(t *testing.T) {
	w := tdWorld(t, "300s")
	for i := 0; i < 12; i++ {
		w.deliver([]string{deskRMA, deskSupport}[i%2], tdSpam(fmt.Sprintf("P%d <p%d@pre%d.example>", i, i, i), deskRMA, fmt.Sprintf("pre %d", i), fmt.Sprintf("pre-%d@pre.example", i), ""))
	}
	w.serveInProcess()
	tr := tdTrack(t, w)
	bbWait(t, 60*time.Second, "the first batch recorded", func() bool {
		return bbCount(t, w, `SELECT count(*) FROM messages`) >= 12
	})
	for r, d := range []time.Duration{0, 5, 50, 300, 700, 1200, 1990, 2050, 2600, 4000} {
		box := []string{deskRMA, deskSupport}[r%2]
		last := tr.drained(t, 30*time.Second)
		if last.IsZero() {
			last = time.Now()
		}
		time.Sleep(time.Until(last.Add(d * time.Millisecond)))
		tr.send(t, w, box, fmt.Sprintf("drain%d", d))
		// a small burst to re-enter lingering
		for k := 0; k < 3; k++ {
			tr.send(t, w, box, "refill")
		}
	}
	tr.verdict(t, w, 20*time.Second, 110*time.Second)
}

// Attack L3 (the earlier report as it was set up: newWorld's config, a
// 70-message flood over both mailboxes before serve, the outbox drained,
// then one more mail appended to rma@): it must be recorded within 20 s.
// Loop with -count. Also with the lease long (300s), where only IDLE and
// the linger can find it.
func TestTodayLivenessOneAfterDrainedFlood(t *testing.T) {
	for _, lease := range []string{"", "300s"} {
		t.Run("lease"+lease, func(t *testing.T) {
			w := tdWorld(t, lease)
			for i := 0; i < 70; i++ {
				box := []string{deskRMA, deskSupport}[i%2]
				w.deliver(box, tdSpam(fmt.Sprintf("Bot %d <bot%d@spam.example>", i, i), box, fmt.Sprintf("cheap pills %d", i), fmt.Sprintf("l3-%d@spam.example", i), ""))
			}
			w.serveInProcess()
			tr := tdTrack(t, w)
			tdSettle(t, w, 70, 120*time.Second)
			time.Sleep(3 * time.Second)
			tr.send(t, w, deskRMA, "after-flood")
			tr.verdict(t, w, 20*time.Second, 110*time.Second)
		})
	}
}

// Attack L4 (the linger's end, swept): one mail, then, measured from when it
// was recorded, one mail to each mailbox after 1.70-2.25 s in 44 ms steps
// (the attacker ran 11 ms steps, 50 rounds, 3 times: worst 2.26 s): one of
// them lands where the watcher leaves NOOP polling for IDLE.
func TestTodayLivenessLingerEndSweep(t *testing.T) {
	w := tdWorld(t, "300s")
	w.serveInProcess()
	tr := tdTrack(t, w)
	tr.send(t, w, deskRMA, "sweep-start")
	for k := 0; k < 13; k++ {
		last := tr.drained(t, 30*time.Second)
		if last.IsZero() {
			t.Logf("round %d: something not recorded within 30s", k)
			break
		}
		d := time.Duration(1700+44*k) * time.Millisecond
		time.Sleep(time.Until(last.Add(d)))
		tr.send(t, w, deskRMA, fmt.Sprintf("sweep%d", d.Milliseconds()))
		tr.send(t, w, deskSupport, fmt.Sprintf("sweep%d", d.Milliseconds()))
	}
	tr.verdict(t, w, 20*time.Second, 110*time.Second)
}

// Attack L5 (quiet spells): 3-4.8 s of quiet, then one mail, alternately
// to each mailbox, four times (the attacker ran ten, 3 times: worst 1.07
// s); then two at once after 5 s.
func TestTodayLivenessAfterQuiet(t *testing.T) {
	w := tdWorld(t, "300s")
	w.serveInProcess()
	tr := tdTrack(t, w)
	for k := 0; k < 4; k++ {
		time.Sleep(time.Duration(3000+k*600) * time.Millisecond)
		tr.send(t, w, []string{deskRMA, deskSupport}[k%2], fmt.Sprintf("quiet%d", 3000+k*600))
	}
	time.Sleep(5 * time.Second)
	tr.send(t, w, deskRMA, "pair")
	tr.send(t, w, deskSupport, "pair")
	tr.verdict(t, w, 20*time.Second, 110*time.Second)
}

// Attack L6 (mail while a batch is fetched, committed and flagged): bursts
// of 8 to one mailbox, and while they are processed single mails at random
// moments 0-600 ms later to the same mailbox and to the other, 12 rounds
// (the attacker ran 25, 4 times: worst 0.92 s).
// New mail whose EXISTS arrives inside a FETCH or STORE response must not
// be lost to the NOOP that follows.
func TestTodayLivenessDuringBatch(t *testing.T) {
	w := tdWorld(t, "300s")
	w.serveInProcess()
	tr := tdTrack(t, w)
	rnd := rand.New(rand.NewSource(time.Now().UnixNano()))
	for r := 0; r < 12; r++ {
		box, other := deskRMA, deskSupport
		if r%2 == 1 {
			box, other = other, box
		}
		for k := 0; k < 8; k++ {
			tr.send(t, w, box, "batch")
		}
		for k := 0; k < 3; k++ {
			time.Sleep(time.Duration(rnd.Intn(200)) * time.Millisecond)
			tr.send(t, w, []string{box, other}[k%2], fmt.Sprintf("midbatch%d", r))
		}
		if tr.drained(t, 25*time.Second).IsZero() {
			t.Logf("round %d: not drained within 25s", r)
			break
		}
	}
	tr.verdict(t, w, 20*time.Second, 110*time.Second)
}

// Attack L7 (one mailbox flooded, the other trickling): 150 mails to rma@
// at once while support@ gets one every 700 ms, then singles to rma@ right
// after its flood drains. Nothing on either waits past the bound.
func TestTodayLivenessTrickleBesideFlood(t *testing.T) {
	w := tdWorld(t, "300s")
	w.serveInProcess()
	tr := tdTrack(t, w)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 150; i++ {
			id := fmt.Sprintf("live-flood-%d@f.example", i)
			tr.mu.Lock()
			tr.appended[id], tr.box[id] = time.Now(), deskRMA
			tr.mu.Unlock()
			if err := tdAppend(w, deskRMA, tdSpam(fmt.Sprintf("F%d <f%d@f%d.example>", i, i, i), deskRMA, fmt.Sprintf("flood %d", i), id, "")); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for k := 0; k < 15; k++ {
		time.Sleep(700 * time.Millisecond)
		tr.send(t, w, deskSupport, "trickle")
	}
	<-done
	for k := 0; k < 3; k++ {
		tr.drained(t, 60*time.Second)
		tr.send(t, w, deskRMA, "afterflood")
	}
	tr.verdict(t, w, 20*time.Second, 110*time.Second)
}

// Attack L8 (poison in the stream): mails the database cannot store as
// text (NUL bytes in Subject and From, invalid UTF-8 in headers) between
// genuine ones, over both mailboxes, with quiet gaps and linger-end gaps.
// The genuine ones are recorded within the bound; the poison ends recorded
// or quarantined.
func TestTodayLivenessPoisonInStream(t *testing.T) {
	w := tdWorld(t, "300s")
	w.serveInProcess()
	tr := tdTrack(t, w)
	poison := 0
	for r := 0; r < 8; r++ {
		box := []string{deskRMA, deskSupport}[r%2]
		raw := fmt.Sprintf("From: Evil\x00 <evil%d@poison.example>\nTo: %s\nSubject: bad\x00subject \xc3\x28 %d\nMessage-ID: <poison-%d@poison.example>\nContent-Type: text/plain; charset=utf-8\n\nbody \x00 \xff\n", r, box, r, r)
		if err := tdAppend(w, box, raw); err != nil {
			t.Fatal(err)
		}
		poison++
		tr.send(t, w, box, "afterpoison")
		tr.send(t, w, []string{deskSupport, deskRMA}[r%2], "otherbox")
		last := tr.drained(t, 30*time.Second)
		if last.IsZero() {
			last = time.Now()
		}
		time.Sleep(time.Until(last.Add(time.Duration(1950+r*20) * time.Millisecond)))
	}
	tr.verdict(t, w, 20*time.Second, 110*time.Second)
	tdSettle(t, w, 8*2+poison, 60*time.Second)
	t.Logf("poison: %d recorded, %d quarantined", bbCount(t, w, `SELECT count(*) FROM messages WHERE message_id LIKE 'poison-%'`), bbCount(t, w, `SELECT count(*) FROM quarantine`))
}
