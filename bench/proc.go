package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// procStat is what /proc/PID/stat tells about CPU use, in clock ticks.
type procStat struct {
	pid, ppid                    int
	utime, stime, cutime, cstime int64
}

// parseStat reads the text of /proc/PID/stat (proc(5)). The command name
// (field 2) is in parentheses and may hold spaces and parentheses itself, so
// the fields are counted from the last ')'.
func parseStat(s string) (procStat, error) {
	open := strings.IndexByte(s, '(')
	end := strings.LastIndexByte(s, ')')
	if open < 0 || end < open {
		return procStat{}, fmt.Errorf("stat: no command name in %q", s)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(s[:open]))
	if err != nil {
		return procStat{}, fmt.Errorf("stat: pid: %w", err)
	}
	f := strings.Fields(s[end+1:])
	// f[0] is field 3 (state): field n is f[n-3].
	if len(f) < 15-3+1 {
		return procStat{}, fmt.Errorf("stat: %d fields after the name, want at least 13", len(f))
	}
	num := func(n int) (int64, error) { return strconv.ParseInt(f[n-3], 10, 64) }
	st := procStat{pid: pid}
	ppid, err := num(4)
	if err != nil {
		return st, fmt.Errorf("stat: ppid: %w", err)
	}
	st.ppid = int(ppid)
	for _, x := range []struct {
		n   int
		dst *int64
	}{{14, &st.utime}, {15, &st.stime}, {16, &st.cutime}, {17, &st.cstime}} {
		if x.n-3 >= len(f) {
			return st, fmt.Errorf("stat: field %d missing", x.n)
		}
		v, err := num(x.n)
		if err != nil {
			return st, fmt.Errorf("stat: field %d: %w", x.n, err)
		}
		*x.dst = v
	}
	return st, nil
}

func readStat(pid int) (procStat, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procStat{}, err
	}
	return parseStat(string(b))
}

// own is the CPU time of the process itself; tree adds its reaped children.
func (s procStat) own() int64  { return s.utime + s.stime }
func (s procStat) tree() int64 { return s.utime + s.stime + s.cutime + s.cstime }

// treeTicks is the CPU time of root and all its descendants, in clock ticks:
// for every live process of the tree its own time plus that of the children
// it has reaped (cutime/cstime), so processes that ended in the meantime
// (PostgreSQL backends, Dovecot's imap processes) still count.
func treeTicks(root int) (int64, error) {
	stats, err := allStats()
	if err != nil {
		return 0, err
	}
	return sumTree(stats, root)
}

func sumTree(stats map[int]procStat, root int) (int64, error) {
	if _, ok := stats[root]; !ok {
		return 0, fmt.Errorf("process %d not running", root)
	}
	children := map[int][]int{}
	for pid, s := range stats {
		children[s.ppid] = append(children[s.ppid], pid)
	}
	var total int64
	todo := []int{root}
	seen := map[int]bool{}
	for len(todo) > 0 {
		pid := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[pid] {
			continue
		}
		seen[pid] = true
		total += stats[pid].tree()
		todo = append(todo, children[pid]...)
	}
	return total, nil
}

func allStats() (map[int]procStat, error) {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	out := make(map[int]procStat, len(ents))
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		s, err := readStat(pid)
		if err != nil {
			continue // ended meanwhile
		}
		out[pid] = s
	}
	return out, nil
}

// statusKB reads a "Key:   123 kB" line of /proc/PID/status.
func statusKB(pid int, key string) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	return parseStatusKB(b, key)
}

func parseStatusKB(b []byte, key string) (int64, error) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || k != key {
			continue
		}
		v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB"))
		return strconv.ParseInt(v, 10, 64)
	}
	return 0, fmt.Errorf("status: no %s", key)
}

// findProcess returns the pid of the oldest process whose command line
// contains every one of parts (e.g. Dovecot's master, by its config path).
func findProcess(parts ...string) (int, error) {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return 0, err
	}
	best := 0
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		cl := string(bytes.ReplaceAll(b, []byte{0}, []byte{' '}))
		ok := true
		for _, p := range parts {
			if !strings.Contains(cl, p) {
				ok = false
				break
			}
		}
		if ok && (best == 0 || pid < best) {
			best = pid
		}
	}
	if best == 0 {
		return 0, errors.New("no process with command line " + strings.Join(parts, " "))
	}
	return best, nil
}

// postmasterPID reads the first line of a data directory's postmaster.pid.
func postmasterPID(dataDir string) (int, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strconv.Atoi(strings.TrimSpace(line))
}

// clockTicks is sysconf(_SC_CLK_TCK), from getconf; 100 on Linux everywhere.
func clockTicks() int64 {
	out, err := exec.Command("getconf", "CLK_TCK").Output()
	if err != nil {
		return 100
	}
	v, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil || v <= 0 {
		return 100
	}
	return v
}
