// Command rmad is the e-mail-driven support and RMA desk: flags,
// configuration, wiring and subcommands (contracts/cli.md). It holds no
// business logic: that is workflow's.
package main
