// Package docquery answers the questions every front end asks of the docs — which reference entries
// or event a piece of text names, in any SDK's spelling; which page a path, URL or alias names and
// what is closest when none does; how the docs rank for a query — so that the language server, the
// MCP server and the command line give the same answers and only format them.
//
// Everything here is a pure function over corpus values (and, for ranking, a Searcher such as
// *search.Index); nothing knows LSP or MCP.
package docquery
