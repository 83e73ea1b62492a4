// Package imapmem runs go-imap's in-memory IMAP server on a loopback port and
// holds the small IMAP client the tests and the demo use to append and list
// mail. It links no testing code, so the rmad binary's demo can carry it.
package imapmem
