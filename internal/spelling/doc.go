// Package spelling owns "did you mean ...?": the known name nearest to a
// misspelt one, for errors about configuration keys, environment variables
// and CSV columns.
package spelling
