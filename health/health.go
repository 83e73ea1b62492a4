package health

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"sync"
	"time"
)

// Problem is one reason rmad is not healthy.
type Problem struct {
	// Check names the kind of trouble: mailbox, outbox, database, job, or
	// whatever name a check was added under.
	Check string `json:"check"`
	// Subject is what it is about: a mailbox or job name; "" when the
	// check has one subject only.
	Subject string `json:"subject,omitempty"`
	Reason  string `json:"reason"`
	// Since is when the trouble began, when known.
	Since *time.Time `json:"since,omitempty"`
}

// Report is the /healthz body.
type Report struct {
	Status    string    `json:"status"` // ok | fail
	CheckedAt time.Time `json:"checked_at"`
	Problems  []Problem `json:"problems,omitempty"`
}

// OK reports whether there is no problem.
func (r Report) OK() bool { return len(r.Problems) == 0 }

// CheckFunc reports the problems of one check as of now; none means fine.
// It must return within ctx's deadline.
type CheckFunc func(ctx context.Context, now time.Time) []Problem

type check struct {
	name string
	fn   CheckFunc
	// needsDB: skipped when the database itself is the problem, so one
	// stalled database shows as one problem, not as every check's.
	needsDB bool
}

// Checker runs checks. Safe for concurrent use.
type Checker struct {
	timeout time.Duration

	mu       sync.Mutex
	db       CheckFunc
	checks   []check
	inflight *flight // the run /healthz requests share (share.go)
}

// NewChecker returns a Checker whose whole run is bounded by timeout.
func NewChecker(timeout time.Duration) *Checker {
	return &Checker{timeout: timeout}
}

// SetDatabase sets the database check, run first; when it reports a
// problem, the checks added with AddDBCheck are skipped.
func (c *Checker) SetDatabase(fn CheckFunc) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.db = fn
}

// AddCheck adds a check that does not need the database.
func (c *Checker) AddCheck(name string, fn CheckFunc) {
	c.add(check{name: name, fn: fn})
}

// AddDBCheck adds a check that reads the database.
func (c *Checker) AddDBCheck(name string, fn CheckFunc) {
	c.add(check{name: name, fn: fn, needsDB: true})
}

func (c *Checker) add(ch check) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.checks = append(c.checks, ch)
}

// Run runs every check as of now and returns the verdict. Checks run one
// after another under one deadline: a health check that waits for a stalled
// database is itself stalled.
func (c *Checker) Run(ctx context.Context, now time.Time) Report {
	c.mu.Lock()
	db, checks := c.db, append([]check(nil), c.checks...)
	c.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var problems []Problem
	dbDown := false
	if db != nil {
		ps := db(ctx, now)
		problems = append(problems, ps...)
		dbDown = len(ps) > 0
	}
	for _, ch := range checks {
		if ch.needsDB && dbDown {
			continue
		}
		problems = append(problems, ch.fn(ctx, now)...)
	}
	sort.SliceStable(problems, func(i, j int) bool {
		if problems[i].Check != problems[j].Check {
			return problems[i].Check < problems[j].Check
		}
		return problems[i].Subject < problems[j].Subject
	})
	r := Report{Status: "ok", CheckedAt: now, Problems: problems}
	if !r.OK() {
		r.Status = "fail"
	}
	return r
}

// Handler serves the verdict as JSON: 200 when healthy, 503 otherwise.
func (c *Checker) Handler(clock func() time.Time) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rep := c.shared(r.Context(), clock())
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if !rep.OK() {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
	})
}

// ago formats how long ago t was for a reason, rounded to what a person reads.
func ago(now, t time.Time) time.Duration {
	d := now.Sub(t)
	switch {
	case d >= time.Minute:
		return d.Round(time.Second)
	case d >= time.Second:
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}
