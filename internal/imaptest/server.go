package imaptest

import (
	"context"

	"rmad/internal/imapmem"
)

// Server is what both throwaway servers offer, so a test can run against each.
type Server interface {
	Addr() string
	AddUser(name, pass string) error
	Append(ctx context.Context, user, pass, folder string, raw []byte) (uint32, error)
	Messages(ctx context.Context, user, pass, folder string) ([]MessageInfo, error)
}

// The in-memory server lives in imapmem, which links no testing code (the
// demo runs it); these names keep the tests' spelling.
type (
	MessageInfo = imapmem.MessageInfo
	MemServer   = imapmem.MemServer
	MemOptions  = imapmem.MemOptions
)

// StartMem starts an in-memory IMAP server on a free loopback port.
func StartMem(opts MemOptions) (*MemServer, error) { return imapmem.StartMem(opts) }
