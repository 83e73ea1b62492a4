package main

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

// appender is one IMAP session that APPENDs to a user's INBOX.
type appender struct {
	c    *imapclient.Client
	conn net.Conn
	stop func() bool
}

// dialAppender logs in as user; the session is closed when ctx ends (go-imap
// v2 takes no context).
func dialAppender(ctx context.Context, addr, user, pass string) (*appender, error) {
	d := net.Dialer{Timeout: 10 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("imap dial %s: %w", addr, err)
	}
	c := imapclient.New(conn, nil)
	a := &appender{c: c, conn: conn, stop: context.AfterFunc(ctx, func() { c.Close() })}
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	if err := c.WaitGreeting(); err != nil {
		a.close()
		return nil, fmt.Errorf("imap greeting: %w", err)
	}
	if err := c.Login(user, pass).Wait(); err != nil {
		a.close()
		return nil, fmt.Errorf("imap login %s: %w", user, err)
	}
	conn.SetDeadline(time.Time{})
	return a, nil
}

// append stores raw in INBOX; one APPEND of up to a few MB must finish
// within a minute.
func (a *appender) append(raw []byte) error {
	a.conn.SetDeadline(time.Now().Add(time.Minute))
	defer a.conn.SetDeadline(time.Time{})
	cmd := a.c.Append("INBOX", int64(len(raw)), nil)
	if _, err := cmd.Write(raw); err != nil {
		cmd.Close()
		return fmt.Errorf("imap append: %w", err)
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("imap append: %w", err)
	}
	if _, err := cmd.Wait(); err != nil {
		return fmt.Errorf("imap append: %w", err)
	}
	return nil
}

func (a *appender) close() {
	a.stop()
	a.conn.SetDeadline(time.Now().Add(2 * time.Second))
	_ = a.c.Logout().Wait()
	a.c.Close()
}

// appendAll appends every item up front, conns sessions per mailbox in
// parallel. A thread's messages go through one session in order, so a
// follow-up always gets a higher UID than the message it answers.
func appendAll(ctx context.Context, addr string, users map[string]string, pass string, items []*item, conns int) (time.Duration, error) {
	type job struct {
		mailbox string
		lane    int
	}
	lanes := map[job][][]byte{}
	for _, it := range items {
		for _, mb := range it.mailboxes() {
			j := job{mb, it.thread % conns}
			lanes[j] = append(lanes[j], it.raw)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, len(lanes))
	for j, raws := range lanes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := dialAppender(ctx, addr, users[j.mailbox], pass)
			if err != nil {
				errs <- err
				cancel()
				return
			}
			defer a.close()
			for _, raw := range raws {
				if err := a.append(raw); err != nil {
					errs <- fmt.Errorf("%s: %w", j.mailbox, err)
					cancel()
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return 0, err
	}
	if ctx.Err() != nil {
		return 0, ctx.Err()
	}
	return time.Since(start), nil
}

// appendPool hands APPENDs to a fixed set of sessions per mailbox, for the
// latency phase's paced appends.
type appendPool struct {
	free map[string]chan *appender
	all  []*appender
}

func newAppendPool(ctx context.Context, addr string, users map[string]string, pass string, perMailbox int) (*appendPool, error) {
	p := &appendPool{free: map[string]chan *appender{}}
	for mb, user := range users {
		p.free[mb] = make(chan *appender, perMailbox)
		for i := 0; i < perMailbox; i++ {
			a, err := dialAppender(ctx, addr, user, pass)
			if err != nil {
				p.close()
				return nil, err
			}
			p.all = append(p.all, a)
			p.free[mb] <- a
		}
	}
	return p, nil
}

// get waits for a free session of mailbox mb.
func (p *appendPool) get(ctx context.Context, mb string) (*appender, error) {
	select {
	case a := <-p.free[mb]:
		return a, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (p *appendPool) put(mb string, a *appender) { p.free[mb] <- a }

func (p *appendPool) close() {
	for _, a := range p.all {
		a.close()
	}
}
