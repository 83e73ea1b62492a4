// Package templates holds the text of every mail rmad sends, embedded, with
// per-file overrides from a directory. A template is a text/template file
// whose first line is "Subject: ..." followed by a blank line and the body.
// Rendering happens once, when a mail is queued; the outbox keeps the result.
package templates
