//go:build !race

package parser

const timeScale = 1
