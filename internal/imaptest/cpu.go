package imaptest

// The CPU a running Dovecot has used, for benchmarks that tell what a
// message costs the server.

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTick is the kernel's USER_HZ, the unit of /proc/PID/stat's times:
// 100 on every Linux architecture Go supports.
const clockTick = 10 * time.Millisecond

// CPU is the CPU time (user and system) used so far by the server: its
// master and every process of its process group (start gives it its own),
// living ones directly and exited ones through the master's children's
// times. Linux only.
func (d *Dovecot) CPU() (time.Duration, error) {
	d.mu.Lock()
	proc := d.proc
	d.mu.Unlock()
	if proc == nil || proc.Process == nil {
		return 0, errors.New("imaptest: dovecot is not running")
	}
	pgid := proc.Process.Pid
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return 0, fmt.Errorf("imaptest: %w", err)
	}
	var ticks int64
	for _, e := range ents {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue // exited meanwhile
		}
		// After "pid (comm) ": state ppid pgrp ... utime(14) stime(15) cutime(16) cstime(17).
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 15 || f[2] != strconv.Itoa(pgid) {
			continue
		}
		for _, v := range f[11:15] {
			n, _ := strconv.ParseInt(v, 10, 64)
			ticks += n
		}
	}
	return time.Duration(ticks) * clockTick, nil
}
