// Package freeport finds a loopback TCP port for a test or demo server to
// listen on. It owns nothing else.
package freeport

import (
	"fmt"
	"net"
)

// Port returns a loopback TCP port that was free a moment ago. Another
// process may take it before the caller binds it; servers that can listen
// on ":0" themselves should do that instead.
func Port() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("freeport: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
