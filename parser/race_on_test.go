//go:build race

package parser

// timeScale relaxes wall-clock limits under the race detector (~10x slower).
const timeScale = 10
