// Package config reads and validates rmad's TOML configuration
// (contracts/config.md) in one place: defaults, RMAD_* environment overrides,
// and every check, so an error names the key and the reason and the rest of
// the program can trust what it gets.
package config
