package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// latencyCost is what a paced run cost per message and how busy it kept the
// machine: at a steady rate each mailbox check carries one or two messages,
// so the fixed costs of a check, a transaction and an SMTP round weigh on
// every message, unlike in the throughput run. Busy shows whether the rate
// was met on a machine with room to spare or on one at its limit.
type latencyCost struct {
	// CPUMSPerMsg is CPU milliseconds per message of rmad, PostgreSQL,
	// Dovecot and the bench itself (the paced APPENDs and the SMTP sink).
	CPUMSPerMsg    map[string]float64 `json:"cpu_ms_per_msg"`
	CommitsPerMsg  float64            `json:"commits_per_msg"`
	WALSyncsPerMsg float64            `json:"wal_syncs_per_msg"`
	// Busy is the share of the machine's CPU time (all cores) in use from
	// the first APPEND to the last answer, by anything.
	Busy float64 `json:"machine_busy"`
}

// costMeter takes the readings a latencyCost is the difference of.
type costMeter struct {
	e                    *env
	pgCPU, doveCPU, self int64
	busy, total          int64
	pg                   pgCounters
}

func (e *env) startCostMeter(ctx context.Context, w *world) (*costMeter, error) {
	m := &costMeter{e: e}
	var err error
	if m.pgCPU, m.doveCPU, err = e.cpuTrees(); err != nil {
		return nil, err
	}
	if m.self, err = selfTicks(); err != nil {
		return nil, err
	}
	if m.busy, m.total, err = machineTicks(); err != nil {
		return nil, err
	}
	if m.pg, err = readPG(ctx, w.db); err != nil {
		return nil, fmt.Errorf("pg stats: %w", err)
	}
	w.queries = 0
	return m, nil
}

// stop reads the end of the run: rmad's CPU, then (with rmad stopped, so
// PostgreSQL's backends have reported) the database's counters. n is the
// messages of the run.
func (m *costMeter) stop(ctx context.Context, w *world, ps []*rmadProc, n int) (*latencyCost, error) {
	busy, total, err := machineTicks()
	if err != nil {
		return nil, err
	}
	self, err := selfTicks()
	if err != nil {
		return nil, err
	}
	rmad, err := ps[0].cpuTicks()
	if err != nil {
		return nil, fmt.Errorf("rmad cpu: %w", err)
	}
	dove, err := m.e.doveCPU()
	if err != nil {
		return nil, err
	}
	var after usage
	if err := m.e.pgUsage(ctx, w, ps, &after); err != nil {
		return nil, err
	}
	per := func(ticks int64) float64 { return round(float64(ticks)/float64(m.e.clk)*1000/float64(n), 2) }
	c := &latencyCost{CPUMSPerMsg: map[string]float64{
		"rmad": per(rmad), "postgres": per(after.pgCPU - m.pgCPU),
		"dovecot": per(dove - m.doveCPU), "bench": per(self - m.self),
	}}
	c.CommitsPerMsg = round(float64(after.pg.commits-m.pg.commits-after.runnerQueries-1)/float64(n), 2)
	c.WALSyncsPerMsg = round(float64(after.pg.walSync-m.pg.walSync)/float64(n), 2)
	if d := total - m.total; d > 0 {
		c.Busy = round(float64(busy-m.busy)/float64(d), 2)
	}
	return c, nil
}

func (c *latencyCost) String() string {
	return fmt.Sprintf("CPU ms/msg rmad %.2f, postgres %.2f, dovecot %.2f, bench %.2f; commits/msg %.2f; machine %.0f%% busy",
		c.CPUMSPerMsg["rmad"], c.CPUMSPerMsg["postgres"], c.CPUMSPerMsg["dovecot"], c.CPUMSPerMsg["bench"],
		c.CommitsPerMsg, c.Busy*100)
}

func selfTicks() (int64, error) {
	s, err := readStat(os.Getpid())
	if err != nil {
		return 0, fmt.Errorf("own cpu: %w", err)
	}
	return s.own(), nil
}

// machineTicks reads the first line of /proc/stat: the clock ticks all
// cores spent busy (everything but idle and iowait) and in all.
func machineTicks() (busy, total int64, err error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, err
	}
	return parseMachineTicks(string(b))
}

func parseMachineTicks(s string) (busy, total int64, err error) {
	line, _, _ := strings.Cut(s, "\n")
	f := strings.Fields(line)
	if len(f) < 5 || f[0] != "cpu" {
		return 0, 0, fmt.Errorf("/proc/stat: unexpected first line %q", line)
	}
	// user nice system idle iowait irq softirq steal (guest time is
	// already inside user and nice).
	for i, v := range f[1:min(len(f), 9)] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("/proc/stat: field %d: %w", i+1, err)
		}
		total += n
		if i != 3 && i != 4 {
			busy += n
		}
	}
	return busy, total, nil
}
