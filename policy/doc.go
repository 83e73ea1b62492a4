// Package policy owns a vendor's terms as data: the TOML policy format, the
// built-in presets (qct, qnap, altai, ixsystems, embedded from presets/), and
// their validation. A rule of ../shared/POLICIES.md that a preset cannot
// express is a gap in this format.
package policy
