package imaptest

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// What a message costs Dovecot in CPU, by mailbox format: appending it
// (what the load bench's feeder, or a mail server's delivery, does) and the
// check a watcher makes for one new message when mail trickles in (NOOP,
// UID SEARCH, FETCH of the body, STORE \Seen, NOOP). The load bench's
// Dovecot uses Maildir, as the tests do; sdbox and mdbox are Dovecot's own
// formats. Reported as dovecot-ms/msg: CPU of the server's whole process
// tree over the run, divided by the messages.
//
//	go test -run '^$' -bench DovecotStorage -benchtime 1500x ./internal/imaptest
//
// (A fixed count: ns/op of a server shared by the feeder and the watcher
// says little; CPU per message is the figure.)
func BenchmarkDovecotStorage(b *testing.B) {
	for _, f := range []struct{ name, conf string }{
		{"maildir", ""},
		{"sdbox", "mail_location = sdbox:~/sdbox"},
		{"mdbox", "mail_location = mdbox:~/mdbox"},
	} {
		b.Run(f.name+"/append", func(b *testing.B) {
			d := storageDovecot(b, f.conf)
			appendN(b, d, b.N, true)
		})
		b.Run(f.name+"/check", func(b *testing.B) {
			d := storageDovecot(b, f.conf)
			appendN(b, d, b.N, false)
			checkN(b, d, b.N)
		})
	}
}

func storageDovecot(b *testing.B, conf string) *Dovecot {
	b.StopTimer()
	d := NewDovecotWith(b, DovecotOptions{ExtraConfig: conf})
	if err := d.AddUser("u", "pw"); err != nil {
		b.Fatal(err)
	}
	return d
}

// a34KB is a message of the load bench's mean size (34 KB).
func a34KB(i int) []byte {
	raw := fmt.Appendf(nil, "From: c%d@customer.example\r\nTo: support@desk.example\r\nSubject: unit %d\r\nMessage-ID: <%d@customer.example>\r\n\r\n", i, i, i)
	return append(raw, bytes.Repeat([]byte("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/\r\n"), 520)...)
}

func dialBench(b *testing.B, d *Dovecot) *imapclient.Client {
	c, err := imapclient.DialInsecure(d.Addr(), nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := c.Login("u", "pw").Wait(); err != nil {
		b.Fatal(err)
	}
	return c
}

func reportCPU(b *testing.B, d *Dovecot, before time.Duration, n int) {
	after, err := d.CPU()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(after-before)/float64(time.Millisecond)/float64(n), "dovecot-ms/msg")
}

// appendN appends n messages over 4 sessions, as the load bench does, timed
// and reported when measure is set.
func appendN(b *testing.B, d *Dovecot, n int, measure bool) {
	cs := make([]*imapclient.Client, 4)
	for i := range cs {
		cs[i] = dialBench(b, d)
		defer cs[i].Close()
	}
	before, err := d.CPU()
	if err != nil {
		b.Fatal(err)
	}
	if measure {
		b.StartTimer()
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(cs))
	for w, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += len(cs) {
				raw := a34KB(i)
				cmd := c.Append("INBOX", int64(len(raw)), nil)
				_, err := cmd.Write(raw)
				if err == nil {
					err = cmd.Close()
				}
				if err == nil {
					_, err = cmd.Wait()
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		b.Fatal(err)
	}
	if measure {
		b.StopTimer()
		reportCPU(b, d, before, n)
	}
}

// checkN takes the n messages one check at a time, as a watcher does when
// each check finds one message.
func checkN(b *testing.B, d *Dovecot, n int) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	c := dialBench(b, d)
	defer c.Close()
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		b.Fatal(err)
	}
	before, err := d.CPU()
	if err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
	for u := imap.UID(1); u <= imap.UID(n) && ctx.Err() == nil; u++ {
		if err := c.Noop().Wait(); err != nil {
			b.Fatal(err)
		}
		var above imap.UIDSet
		above.AddRange(u, 0)
		if _, err := c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{above}}, nil).Wait(); err != nil {
			b.Fatal(err)
		}
		one := imap.UIDSetNum(u)
		bufs, err := c.Fetch(one, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}}}).Collect()
		if err != nil || len(bufs) != 1 {
			b.Fatalf("fetch uid %d: %d messages, %v", u, len(bufs), err)
		}
		if err := c.Store(one, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
			b.Fatal(err)
		}
		if err := c.Noop().Wait(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportCPU(b, d, before, n)
}
