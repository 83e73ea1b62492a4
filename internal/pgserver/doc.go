// Package pgserver runs a throwaway PostgreSQL cluster from the local
// initdb/pg_ctl: for the tests (through pgtest), the demo and the load
// benchmark. It links no testing code, so the rmad binary can carry it.
package pgserver
