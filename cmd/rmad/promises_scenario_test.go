package main

import (
	"strings"
	"testing"
)

// A QNAP RMA request waits for an agent; QNAP promises the RMA number
// within 2 business days. Through the CLI: the clock shows in `rmad jobs
// list`, the agents are warned once a business day before it is due
// (across a weekend and Martin Luther King Day), told once when it breaks,
// and the morning digest lists the request, once a day.
func TestJobsPromiseClockAndAgentsDigest(t *testing.T) {
	s := newScenario(t, "qnap")
	s.mail("rma", "2027-01-14T10:00:00-08:00", "Bob Lee <bob@nas.example>", "TS-873A dead", "",
		"Contact: Bob Lee\nPhone: (949) 555-0100\nModel: TS-873A\nSerial Number: Q21BI04567\nInvoice date: 2026-06-01\n"+
			"Shipping address: 200 Technology Dr, Irvine, CA 92618\nProblem: The NAS does not boot.\n")
	list := s.rmad("jobs", "list", "--at", "2027-01-14T12:00:00-08:00")
	for _, want := range []string{"promises ", "agents_digest ", "0 8 * * 1-5", "OPEN PROMISES: 1",
		"TKT-100001  RMA-100001  approval  2027-01-14T10:00:00-08:00  2027-01-19T23:59:59-08:00  2027-01-15T23:59:59-08:00  open"} {
		if !strings.Contains(list, want) {
			t.Fatalf("jobs list lacks %q:\n%s", want, list)
		}
	}
	s.none(s.jobs("promises", "2027-01-15T23:45:00-08:00"), "Friday evening")
	warn := s.one(s.jobs("promises", "2027-01-16T00:15:00-08:00"), "agent_promise_due", "dana@desk.example")
	contains(t, warn, "RMA-100001", "by Tuesday, 19 January 2027")
	s.none(s.jobs("promises", "2027-01-18T09:00:00-08:00"), "the warning again, on the holiday")
	if list := s.rmad("jobs", "list", "--at", "2027-01-18T09:00:00-08:00"); !strings.Contains(list, "warned 2027-01-16T00:15:00-08:00") {
		t.Fatalf("jobs list after the warning:\n%s", list)
	}

	d := s.one(s.jobs("agents_digest", "2027-01-19T08:00:00-08:00"), "agents_digest", "dana@desk.example")
	contains(t, d, "Tickets waiting on us, oldest first (1)", "TKT-100001  waiting 4 days 22 hours", "RMA-100001  an answer on the RMA request")
	s.none(s.jobs("agents_digest", "2027-01-19T13:00:00-08:00"), "a second digest the same day")

	all := s.jobs("all", "2027-01-20T00:15:00-08:00")
	contains(t, s.one(all, "agent_promise_broken", "dana@desk.example"), "the promise is broken")
	s.none(s.jobs("promises", "2027-01-20T09:00:00-08:00"), "the breach again")

	s.rmad("rma", "approve", "RMA-100001", "--type", "standard", "--at", "2027-01-20T10:00:00-08:00")
	if list := s.rmad("jobs", "list", "--at", "2027-01-20T11:00:00-08:00"); !strings.Contains(list, "OPEN PROMISES: 0") {
		t.Fatalf("jobs list after the approval:\n%s", list)
	}
}
