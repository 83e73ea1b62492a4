package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// rmadProc is one `rmad serve` child process.
type rmadProc struct {
	cmd     *exec.Cmd
	pid     int
	listen  string
	logPath string
	exited  chan struct{}

	mu      sync.Mutex
	peakRSS int64 // kB, sampled every 100 ms
	stopped bool
}

// childEnv is the environment without RMAD_* variables, which would
// override the generated configuration.
func childEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "RMAD_") {
			out = append(out, kv)
		}
	}
	return out
}

// runRmad runs a short rmad subcommand (migrate) to completion.
func runRmad(ctx context.Context, bin string, args ...string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = childEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("rmad %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// startRmad starts `rmad serve --pprof` and waits until /healthz answers.
// The child gets SIGKILL if this process dies (Pdeathsig), and runs in its
// own process group so a terminal's Ctrl-C reaches only the runner, which
// then stops it cleanly.
func startRmad(ctx context.Context, bin, cfgPath, listen, logPath string) (*rmadProc, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "--config", cfgPath, "--pprof")
	cmd.Stdout, cmd.Stderr = f, f
	cmd.Env = childEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("start rmad: %w", err)
	}
	p := &rmadProc{cmd: cmd, pid: cmd.Process.Pid, listen: listen, logPath: logPath, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		f.Close()
		close(p.exited)
	}()
	go p.sample()
	deadline := time.Now().Add(30 * time.Second)
	client := http.Client{Timeout: time.Second}
	for {
		select {
		case <-p.exited:
			return nil, fmt.Errorf("rmad exited at start: %s", p.logTail())
		case <-ctx.Done():
			p.stop()
			return nil, ctx.Err()
		default:
		}
		resp, err := client.Get("http://" + listen + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p, nil
			}
		}
		if time.Now().After(deadline) {
			p.stop()
			return nil, fmt.Errorf("rmad not healthy after 30s: %s", p.logTail())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (p *rmadProc) sample() {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		if kb, err := statusKB(p.pid, "VmRSS"); err == nil {
			p.mu.Lock()
			p.peakRSS = max(p.peakRSS, kb)
			p.mu.Unlock()
		}
		select {
		case <-p.exited:
			return
		case <-t.C:
		}
	}
}

// peakRSSKB is the larger of the sampled maximum and the kernel's high-water
// mark (VmHWM), which also sees peaks between samples.
func (p *rmadProc) peakRSSKB() int64 {
	hwm, _ := statusKB(p.pid, "VmHWM")
	p.mu.Lock()
	defer p.mu.Unlock()
	return max(hwm, p.peakRSS)
}

// cpuTicks is rmad's user+system time so far.
func (p *rmadProc) cpuTicks() (int64, error) {
	st, err := readStat(p.pid)
	if err != nil {
		return 0, err
	}
	return st.tree(), nil
}

func (p *rmadProc) alive() bool {
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}

// get fetches a path from rmad's listen address.
func (p *rmadProc) get(ctx context.Context, path string, timeout time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", "http://"+p.listen+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// stop sends SIGTERM (rmad stops cleanly), then SIGKILL to the process
// group after 15 s. Safe to call twice.
func (p *rmadProc) stop() error {
	p.mu.Lock()
	if p.stopped {
		p.mu.Unlock()
		<-p.exited
		return nil
	}
	p.stopped = true
	p.mu.Unlock()
	_ = syscall.Kill(p.pid, syscall.SIGTERM)
	var err error
	select {
	case <-p.exited:
	case <-time.After(15 * time.Second):
		err = errors.New("rmad did not stop within 15s of SIGTERM; killed")
		_ = syscall.Kill(-p.pid, syscall.SIGKILL)
		<-p.exited
	}
	_ = syscall.Kill(-p.pid, syscall.SIGKILL) // anything left in its group
	return err
}

func (p *rmadProc) logTail() string {
	b, _ := os.ReadFile(p.logPath)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}
