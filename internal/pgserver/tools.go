package pgserver

import "path/filepath"

// Tool is the path of a client program (pg_dump, pg_restore, psql) of the
// same PostgreSQL install as the server, so a dump is read by its own version.
func (s *Server) Tool(name string) string { return filepath.Join(s.bin, name) }
