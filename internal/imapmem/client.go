package imapmem

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"sort"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// MessageInfo is what a test asserts about a message left on the server.
type MessageInfo struct {
	UID   uint32
	Flags []imap.Flag
	Raw   []byte
}

// HasFlag reports whether the message carries flag.
func (m MessageInfo) HasFlag(flag imap.Flag) bool {
	for _, f := range m.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// DefaultTimeout bounds the helpers' IMAP sessions when ctx has no deadline:
// a helper that hangs would hang the test (or the demo) with it.
const DefaultTimeout = 30 * time.Second

// Login opens a plain-text IMAP session on addr. The connection is closed when
// ctx ends, since go-imap v2 commands take no context. The caller must call the
// returned func.
//
// implicitTLS is for a server that speaks TLS from the first byte; its
// certificate is not verified (a throwaway server's self-signed one).
func Login(ctx context.Context, addr string, implicitTLS bool, user, pass string) (*imapclient.Client, func(), error) {
	ctx, cancel := context.WithTimeout(ctx, DefaultTimeout)
	var conn net.Conn
	var err error
	if implicitTLS {
		d := tls.Dialer{Config: &tls.Config{InsecureSkipVerify: true}}
		conn, err = d.DialContext(ctx, "tcp", addr)
	} else {
		var d net.Dialer
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		cancel()
		return nil, nil, fmt.Errorf("imapmem: dial %s: %w", addr, err)
	}
	if dl, ok := ctx.Deadline(); ok {
		// The client resets read deadlines itself; this one only covers the
		// write side and the greeting. ctx's AfterFunc below is the backstop.
		conn.SetWriteDeadline(dl)
	}
	c := imapclient.New(conn, nil)
	stop := context.AfterFunc(ctx, func() { c.Close() })
	done := func() {
		stop()
		c.Close()
		cancel()
	}
	if err := c.WaitGreeting(); err != nil {
		done()
		return nil, nil, fmt.Errorf("imapmem: greeting from %s: %w", addr, err)
	}
	if err := c.Login(user, pass).Wait(); err != nil {
		done()
		return nil, nil, fmt.Errorf("imapmem: login %s as %s: %w", addr, user, err)
	}
	return c, done, nil
}

// AppendMessage appends raw to folder, creating the folder when the server
// answers TRYCREATE, and returns the new UID from APPENDUID.
func AppendMessage(ctx context.Context, addr string, implicitTLS bool, user, pass, folder string, raw []byte) (uint32, error) {
	c, done, err := Login(ctx, addr, implicitTLS, user, pass)
	if err != nil {
		return 0, err
	}
	defer done()
	data, err := appendOnce(c, folder, raw)
	var imapErr *imap.Error
	if errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeTryCreate {
		if err := c.Create(folder, nil).Wait(); err != nil {
			return 0, fmt.Errorf("imapmem: create %s: %w", folder, err)
		}
		data, err = appendOnce(c, folder, raw)
	}
	if err != nil {
		return 0, fmt.Errorf("imapmem: append to %s: %w", folder, err)
	}
	if data.UID == 0 {
		return 0, fmt.Errorf("imapmem: append to %s: server sent no APPENDUID", folder)
	}
	return uint32(data.UID), nil
}

func appendOnce(c *imapclient.Client, folder string, raw []byte) (*imap.AppendData, error) {
	cmd := c.Append(folder, int64(len(raw)), nil)
	if _, err := cmd.Write(raw); err != nil {
		cmd.Close()
		return nil, err
	}
	if err := cmd.Close(); err != nil {
		return nil, err
	}
	return cmd.Wait()
}

// ListMessages lists folder's messages in UID order with their flags and bytes,
// without setting \Seen (BODY.PEEK).
func ListMessages(ctx context.Context, addr string, implicitTLS bool, user, pass, folder string) ([]MessageInfo, error) {
	c, done, err := Login(ctx, addr, implicitTLS, user, pass)
	if err != nil {
		return nil, err
	}
	defer done()
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return nil, fmt.Errorf("imapmem: select %s: %w", folder, err)
	}
	if sel.NumMessages == 0 {
		return nil, nil
	}
	var all imap.SeqSet
	all.AddRange(1, 0) // 1:*
	bufs, err := c.Fetch(all, &imap.FetchOptions{
		UID:         true,
		Flags:       true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}},
	}).Collect()
	if err != nil {
		return nil, fmt.Errorf("imapmem: fetch %s: %w", folder, err)
	}
	sort.Slice(bufs, func(i, j int) bool { return bufs[i].UID < bufs[j].UID })
	out := make([]MessageInfo, 0, len(bufs))
	for _, b := range bufs {
		var raw []byte
		for _, s := range b.BodySection {
			raw = s.Bytes
		}
		out = append(out, MessageInfo{UID: uint32(b.UID), Flags: b.Flags, Raw: raw})
	}
	return out, nil
}
