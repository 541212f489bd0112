package docview

import (
	"fmt"
	"slices"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// PageLanguages choose which SDKs a reference page is rendered for.
type PageLanguages struct {
	// First is the SDK to show first: the open file's language in an editor, the asked language on
	// the command line and over MCP. Empty keeps the docs' order (cURL, Node, Go, …).
	First corpus.Language
	// Only drops every other SDK (when First has entries on the page); the others are then named in
	// one line with their own spelling of the call.
	Only bool
}

// ReferencePage renders what a reference page's front matter declares, in full: for each SDK (see
// PageLanguages) and each entry of the page (or only those documented at anchor, when anchor is not
// empty), the signature in that SDK's syntax, the entry's description, its parameters with types,
// requiredness, descriptions and nested properties, and what it returns. It is "" for a page that
// declares no entries. The page's own examples are part of its Markdown body, not repeated here.
func ReferencePage(p *corpus.Page, anchor string, pl PageLanguages) string {
	entries := pageEntries(p, anchor)
	if len(entries) == 0 {
		return ""
	}
	order := languageOrder(entries, pl.First)
	shown, others := order, []corpus.Language(nil)
	if pl.Only && pl.First != "" && slices.Contains(order, pl.First) {
		shown, others = order[:1], order[1:]
	}
	var b strings.Builder
	b.WriteString("## SDK reference\n\n")
	for _, lang := range shown {
		for _, e := range entries {
			if e.Language == lang {
				pageEntry(&b, e)
			}
		}
	}
	if len(others) > 0 {
		var names []string
		for _, lang := range others {
			for _, e := range entries {
				if e.Language == lang {
					names = append(names, languageName(lang)+" `"+Spelling(e)+"`")
				}
			}
		}
		fmt.Fprintf(&b, "Also in: %s\n\n", strings.Join(names, " · "))
	}
	return finish(&b)
}

// pageEntry renders one entry under a heading naming its SDK and its spelling.
func pageEntry(b *strings.Builder, e *corpus.Entry) {
	fmt.Fprintf(b, "### %s — `%s`\n\n", languageName(e.Language), Spelling(e))
	if sig := e.Signature(); sig != Spelling(e) { // else the heading says it already (endpoints, types)
		codeBlock(b, e.Language, sig)
	}
	// Only the entry's own description: the page body above already says what the call does.
	if d := strings.TrimSpace(e.Description); d != "" {
		b.WriteString(d + "\n\n")
	}
	if e.SendsEmail {
		b.WriteString("Sends an email to the user.\n\n")
	}
	switch e.Kind {
	case corpus.KindType:
		params(b, "Properties", e.Properties, modeProperty)
	default:
		params(b, "Parameters", e.Parameters, modeParam)
		params(b, "Returns", e.Returns, modeReturn)
		params(b, "Properties", e.Properties, modeProperty)
	}
}

// pageEntries are the entries p declares (documented at anchor, when given), shared parameter
// entries only on a page that has nothing else.
func pageEntries(p *corpus.Page, anchor string) []*corpus.Entry {
	if p == nil {
		return nil
	}
	var own, shared []*corpus.Entry
	for _, e := range p.Entries {
		if anchor != "" && entryAnchor(e) != anchor {
			continue
		}
		if e.Kind == corpus.KindShared {
			shared = append(shared, e)
		} else {
			own = append(own, e)
		}
	}
	if len(own) > 0 {
		return own
	}
	return shared
}

// entryAnchor is the section of its page an entry's url points at ("" for the page itself).
func entryAnchor(e *corpus.Entry) string {
	_, a, _ := strings.Cut(e.DocPath, "#")
	if a == "" && e.Page != nil {
		// Sections the site serves at <page>/<anchor>.
		if rest, ok := strings.CutPrefix(strings.Trim(e.DocPath, "/"), e.Page.Path+"/"); ok {
			return rest
		}
	}
	return a
}

// pageLanguageOrder is the order the docs list SDKs in: cURL, the SDKs, then json shapes.
var pageLanguageOrder = append(slices.Clone(corpus.ReferenceLanguages), corpus.Language("json"))

// languageOrder lists the languages that have entries, first (when it has any) leading.
func languageOrder(entries []*corpus.Entry, first corpus.Language) []corpus.Language {
	var out []corpus.Language
	has := func(l corpus.Language) bool {
		return slices.ContainsFunc(entries, func(e *corpus.Entry) bool { return e.Language == l })
	}
	if first != "" && has(first) {
		out = append(out, first)
	}
	for _, l := range pageLanguageOrder {
		if l != first && has(l) {
			out = append(out, l)
		}
	}
	for _, e := range entries { // languages the table does not know, in page order
		if !slices.Contains(out, e.Language) {
			out = append(out, e.Language)
		}
	}
	return out
}

// Spelling is how the entry's SDK writes it: the title as the docs give it
// ("user_management.create_user()", "$sso->getProfileAndToken()", "interface User"), the method and
// path of an endpoint ("POST /sso/token"), else its key.
func Spelling(e *corpus.Entry) string {
	if e.Kind == corpus.KindEndpoint {
		return e.Signature()
	}
	if t := strings.TrimSpace(e.Title); t != "" {
		return t
	}
	return e.Key
}

// languageName is how a page names an entry's language: the SDK's name, and JSON for the token and
// error shapes the docs list under json.
func languageName(l corpus.Language) string {
	if l == "json" {
		return "JSON"
	}
	return l.DisplayName()
}
