// Package mdx turns the body of one WorkOS docs page (MDX, front matter already removed) into clean
// Markdown for display in an editor, split into sections, and extracts the events and code examples
// the page documents.
//
// The functions are pure: no I/O, no global state besides read-only tables.
//
// # How it works
//
// goldmark does not understand JSX, and MDX's JSX may sit anywhere in a page (around Markdown blocks,
// inside paragraphs, spread over several lines with `{…}` attribute expressions). So the JSX layer is a
// small hand-written scanner that is aware of the only Markdown constructs that can hide `<` and `{`
// from it (fenced code blocks, code spans, autolinks, backslash escapes):
//
//  1. prepass: splits the page into prose and fenced-code segments (fences are found line by line,
//     the way CommonMark does), rewrites definition lists and removes top-level import/export lines.
//  2. lex: tokenises prose into text, code spans, JSX/HTML tags, comments and `{…}` expressions.
//  3. build: matches open and close tags into a tree, recovering from unclosed and stray tags.
//  4. render: writes Markdown for each node (Callout → blockquote, Event.* → heading and text,
//     CodeBlock without inline code → nothing, unknown components → their children, …), rewriting
//     site-relative links.
//  5. finalize: strips `{{ "url": … }}` heading metadata, trims trailing spaces, collapses blank lines.
//  6. sections: goldmark parses the clean Markdown; its top-level headings split the sections and its
//     AST gives each section's plain text.
package mdx

import (
	"fmt"
	"strings"
)

// DefaultSiteURL is the public docs site that site-relative links are resolved against.
const DefaultSiteURL = "https://workos.com/docs"

// Document is the rendered form of one page body.
type Document struct {
	Markdown string        // the whole body as clean Markdown, ending in a newline (empty for an empty page)
	Sections []Section     // in order; text before the first heading is a section with Level 0 and empty heading
	Events   []Event       // in page order
	Examples []CodeExample // fenced code blocks written in the page, in page order
}

// Section is a part of the page that starts with a top-level heading (or the text before the first one).
type Section struct {
	Heading string // plain text of the heading: no markup, no {{ "url": … }} metadata
	Level   int    // 1..6; 0 for the text before the first heading
	// Anchor is the explicit anchor from `## Title {{ "url": "api-key" }}` ("api-key"), else a GitHub-style
	// slug of Heading (lowercase, spaces → '-', punctuation removed, "-1", "-2"… appended to repeats).
	// Event headings get the event name with '.' replaced by '-' ("dsync-user-created").
	Anchor string
	// PathAnchor: the anchor came from `{{ "url": … }}`, which the docs site serves as a path segment
	// (/events/api-key), not as a #fragment.
	PathAnchor bool
	Markdown   string // this section's clean Markdown including its heading line
	Text       string // plain text for search indexing: no Markdown syntax, no URLs, no fenced code
}

// Event is one event documented with <Event.Root>/<Event.Details name="…">/<Event.Description>.
type Event struct {
	Name string // e.g. "dsync.user.created"
	// Description is the Markdown of the <Event.Description> directly under <Event.Root>, reflowed to
	// single-line paragraphs (links already absolute).
	Description string
	// Payload is the Markdown of the <Event.Description> nested in <Event.Details> (what `data`
	// holds), reflowed the same way; often empty.
	Payload string
	// SectionAnchor is the anchor of the section the event is documented in (for events/index.mdx
	// the site URL is SiteURL + "/events/" + SectionAnchor).
	SectionAnchor string
}

// CodeExample is a fenced code block written in the page. (<CodeBlock file="…"> components only name
// files that are not part of the docs package, so they yield no examples.)
type CodeExample struct {
	// Language is the normalised info-string language: js, ts, tsx, bash, text, json, python, ruby, go,
	// java, php, csharp, yaml, html, xml, css, sql, … ("" when the fence has none).
	Language      string
	Title         string // from title="…" on the fence (or the enclosing <CodeBlock title>)
	Code          string // the code without the fence lines and without a final newline
	SectionAnchor string // anchor of the section the block is in
}

// Options configures Render.
type Options struct {
	// SiteURL is prefixed to site-relative links (default DefaultSiteURL); a trailing '/' is ignored.
	SiteURL string
	// PagePath is the page's path on the site without SiteURL, e.g. "sso/login-flows" (optional). It is
	// only used to resolve the rare relative links without a leading '/' ("admin-portal"); when empty
	// they are resolved against SiteURL itself.
	PagePath string
}

// Render converts one MDX page body (front matter already removed) into a Document.
//
// Malformed MDX never fails: unclosed or stray tags, unknown components and stray braces give
// best-effort Markdown and the rest of the page is kept. The error is only non-nil if rendering hits
// an internal bug (a recovered panic), so that one odd page cannot take a server down.
func Render(body []byte, opts Options) (doc Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = Document{}, fmt.Errorf("mdx: internal error while rendering page: %v", r)
		}
	}()
	return render(body, opts), nil
}

func render(body []byte, opts Options) Document {
	site := strings.TrimRight(opts.SiteURL, "/")
	if site == "" {
		site = DefaultSiteURL
	}
	src := normalizeInput(body)
	pre := prepass(src)
	toks := lex(pre)
	root := build(toks)
	r := newRenderer(site, opts.PagePath)
	var o out
	r.renderChildren(&o, root)
	md, marks, anchors := finalize(o.String())
	return assemble(md, marks, anchors, r)
}

// normalizeInput turns CR LF and lone CR line endings into LF and replaces U+0000 with U+FFFD (as
// CommonMark requires). NUL is then free to serve as the renderer's internal marker byte.
func normalizeInput(b []byte) string {
	s := string(b)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	}
	return s
}
