// Package corpus is the domain model of the WorkOS docs: pages, sections, events, SDK reference entries
// and the symbol table over them. Everything here is plain data built once and then only read, so a
// *Corpus can be shared by any number of concurrent requests without locks.
package corpus

import "strings"

// SiteURL is the public home of the docs; page paths are appended to it.
const SiteURL = "https://workos.com/docs"

// Corpus is one parsed snapshot of the docs.
type Corpus struct {
	Version string // package version ("0.2.0") or "local"
	Digest  string // content digest from the source; identifies the snapshot (index cache key)

	Pages     []*Page // sorted by Path
	Entries   []*Entry
	Events    []*Event
	Changelog []ChangelogItem

	// Problems are non-fatal faults found while parsing (bad YAML, unknown shorthand…), sorted by page.
	Problems []Problem
	// DescriptionKeys counts distinct `(key)` references; UnresolvedKeys lists those with no definition.
	DescriptionKeys int
	UnresolvedKeys  []string

	pagesByPath   map[string]*Page
	moduleAliases map[string]string // normalized receiver spelling → module
	symbols       *Symbols
}

// Page is one MDX page.
type Page struct {
	Path        string // "reference/authkit/user/create": file path without .mdx, index pages name their folder
	File        string // path of the source file relative to the docs folder
	Title       string
	Description string
	Markdown    string // rendered body, clean Markdown
	Sections    []Section
	Examples    []CodeExample
	Entries     []*Entry // reference entries declared in this page's front matter
}

// SitePath is the path on the docs site ("/reference/authkit/user/create").
func (p *Page) SitePath() string { return "/" + p.Path }

// URL is the public address of the page.
func (p *Page) URL() string { return SiteURL + p.SitePath() }

// Section finds a section by anchor.
func (p *Page) Section(anchor string) (Section, bool) {
	for _, s := range p.Sections {
		if s.Anchor == anchor {
			return s, true
		}
	}
	return Section{}, false
}

// Section is a heading and the Markdown under it up to the next heading.
type Section struct {
	Heading    string
	Level      int
	Anchor     string
	PathAnchor bool // the site serves this section at <page URL>/<anchor> rather than #<anchor>
	Markdown   string
	Text       string // plain text for indexing
}

// SectionURL is the public address of one of the page's sections (the page's for an unknown anchor).
func (p *Page) SectionURL(anchor string) string {
	if anchor == "" {
		return p.URL()
	}
	for _, s := range p.Sections {
		if s.Anchor == anchor && s.PathAnchor {
			return p.URL() + "/" + anchor
		}
	}
	return p.URL() + "#" + anchor
}

// CodeExample is a fenced code block that the page carries inline.
type CodeExample struct {
	Language, Title, Code, SectionAnchor string
}

// Event is a webhook/event-API event type.
type Event struct {
	Name        string // "dsync.user.created"
	Description string
	Page        *Page
	Anchor      string // section of the page it is listed under
}

// URL is the public address of the event's section.
func (e *Event) URL() string { return e.Page.SectionURL(e.Anchor) }

// EntryKind says what an entry documents.
type EntryKind string

const (
	KindMethod   EntryKind = "method"   // receiver.method(): an SDK call on a module or client
	KindFunction EntryKind = "function" // a free function: withAuth(), getSignInUrl()
	KindType     EntryKind = "type"     // an object type: interface User, usermanagement.User
	KindEndpoint EntryKind = "endpoint" // curl: HTTP method + path
	KindShared   EntryKind = "shared"   // a shared parameter/return (ctx, after…) or titleless metadata
)

// Entry is one SDK reference entry in one language.
type Entry struct {
	Language      Language
	Kind          EntryKind
	Key           string // name in that SDK, not unique
	ID            string // language-neutral operation id, shared across languages
	Title         string // how the SDK spells it: "userManagement.createUser()"
	Receiver      string // from Title: "userManagement", "$userManagement", "usermanagement", "" for functions
	Name          string // from Title: the method, function or type name ("createUser", "User")
	Module        string // normalized receiver shared by the same module in every SDK ("usermanagement")
	DocPath       string // the url field: "/reference/authkit/user/create" or an absolute URL
	HTTPMethod    string // curl entries: "POST"
	PatternBefore string
	Description   string // resolved Markdown, may be empty
	Parameters    []Param
	Returns       []Param
	Properties    []Param
	SendsEmail    bool
	Page          *Page
}

// URL is the public docs address of the entry.
func (e *Entry) URL() string {
	if strings.HasPrefix(e.DocPath, "http://") || strings.HasPrefix(e.DocPath, "https://") {
		return e.DocPath
	}
	if e.DocPath == "" && e.Page != nil {
		return e.Page.URL()
	}
	return SiteURL + e.DocPath
}

// Signature renders the entry the way its SDK spells a call: "userManagement.createUser(options)".
func (e *Entry) Signature() string {
	switch e.Kind {
	case KindEndpoint:
		return strings.TrimSpace(e.HTTPMethod + " " + e.Title)
	case KindMethod, KindFunction:
		names := make([]string, 0, len(e.Parameters))
		for _, p := range e.Parameters {
			if p.Key == "" {
				continue
			}
			n := p.Key
			if p.Optional {
				n += "?"
			}
			names = append(names, n)
		}
		base := strings.TrimSuffix(e.Title, "()")
		if base == "" {
			base = e.Key
		}
		return base + "(" + strings.Join(names, ", ") + ")"
	}
	if e.Title != "" {
		return e.Title
	}
	return e.Key
}

// Param is a parameter, a returned value or an object property.
type Param struct {
	Key         string
	Type        string
	Optional    bool
	Unwrap      bool // an options object whose properties are passed as one argument
	Expanded    bool // the docs list the object's properties in place (options objects are marked so too)
	Description string
	Properties  []Param
}

// Options returns the properties callers write inside the call's options object/kwargs/struct: the
// properties of unwrapped (or expanded) parameters followed by the plain parameters.
func (e *Entry) Options() []Param {
	var out []Param
	for _, p := range e.Parameters {
		if (p.Unwrap || p.Expanded) && len(p.Properties) > 0 {
			out = append(out, p.Properties...)
			continue
		}
		out = append(out, p)
	}
	return out
}

// ChangelogItem is one entry of the platform changelog.
type ChangelogItem struct {
	Package string   `json:"package"`
	Title   string   `json:"version"`
	Date    string   `json:"date"`
	Changes []string `json:"changes"`
	URL     string   `json:"url"`
}

// Problem is a non-fatal fault in one file.
type Problem struct {
	File    string
	Message string
}

func (p Problem) String() string { return p.File + ": " + p.Message }
