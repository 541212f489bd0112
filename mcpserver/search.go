package mcpserver

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/search"
	"github.com/workos-lsp/workos-lsp/docquery"
)

// Search answers workos_search: the ranked results for query as Markdown. An empty query is an error.
func Search(ctx context.Context, c *corpus.Corpus, ix *search.Index, query string, limit int) (string, error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return "", errText("The query is empty. Pass words to look for, for example \"SSO authentication\", \"invalid SAML response\", \"createUser\" or \"dsync.user.created\". " +
			"To browse instead, call workos_docs with an empty path.")
	}
	// The search reads a bounded query; the answer names what was searched, not the whole input.
	var b strings.Builder
	if bounded := search.BoundQuery(query); bounded != query {
		fmt.Fprintf(&b, "Note: the query was %d bytes; only its first %d distinct words were searched.\n\n", len(query), len(strings.Fields(bounded)))
		query = bounded
	}
	results, err := docquery.Search(ctx, c, ix, query, search.Options{Limit: limit})
	if err != nil {
		return "", fmt.Errorf("search failed: %w", err)
	}
	if len(results) == 0 {
		fmt.Fprintf(&b, "# No results for %q\n\nNothing in the WorkOS docs %s matches. Try:\n", query, c.Version)
		if words := strings.Fields(query); len(words) > 1 {
			b.WriteString("- fewer or other words (each word is searched on its own too: ")
			for i, w := range words {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "%q", w)
			}
			b.WriteString(")\n")
		}
		b.WriteString("- a product name (SSO, Directory Sync, AuthKit, Audit Logs, FGA, Vault) or an SDK method name\n")
		b.WriteString("- browsing: workos_docs with an empty path lists the docs\n")
		return b.String(), nil
	}
	fmt.Fprintf(&b, "# Search results for %q\n\n%s from the WorkOS docs %s, best first.\n\n", query, plural(len(results), "result"), c.Version)
	writeExactMatch(&b, c, query)
	for i, r := range results {
		writeResult(&b, c, i+1, r)
	}
	b.WriteString("Read a page or section with workos_docs and the path shown (path#anchor for one section). " +
		"For an SDK method, workos_reference gives its parameters, return values and the same call in every SDK.\n")
	return b.String(), nil
}

func writeResult(b *strings.Builder, c *corpus.Corpus, n int, r search.Result) {
	path := r.Page
	if r.Anchor != "" {
		path += "#" + r.Anchor
	}
	page, _, _ := c.Page(r.Page)
	pageTitle := ""
	if page != nil {
		pageTitle = page.Title
	}
	switch {
	case r.Kind == search.KindPage:
		fmt.Fprintf(b, "## %d. %s\n", n, r.Title)
		fmt.Fprintf(b, "Page `%s`\n", path)
	case r.Kind == search.KindSection:
		fmt.Fprintf(b, "## %d. %s\n", n, r.Title)
		if pageTitle != "" && pageTitle != r.Title {
			fmt.Fprintf(b, "Section of *%s* · `%s`\n", pageTitle, path)
		} else {
			fmt.Fprintf(b, "Section · `%s`\n", path)
		}
	case r.Kind == search.KindEvent:
		fmt.Fprintf(b, "## %d. %s\n", n, r.Title)
		fmt.Fprintf(b, "Event · `%s`\n", path)
	case r.Kind.IsEntry():
		fmt.Fprintf(b, "## %d. %s\n", n, r.Title)
		kind := string(r.Kind)
		if r.Kind == search.KindEndpoint {
			kind = "HTTP API endpoint"
		}
		if r.Language != "" && r.Language != corpus.Curl {
			kind = r.Language.DisplayName() + " SDK " + kind
		}
		if pageTitle != "" {
			fmt.Fprintf(b, "%s · *%s* · `%s`\n", kind, pageTitle, path)
		} else {
			fmt.Fprintf(b, "%s · `%s`\n", kind, path)
		}
	default:
		fmt.Fprintf(b, "## %d. %s\n", n, r.Title)
		fmt.Fprintf(b, "`%s`\n", path)
	}
	fmt.Fprintf(b, "%s\n", r.URL)
	if s := strings.TrimSpace(r.Snippet); s != "" && s != r.Title {
		fmt.Fprintf(b, "\n> %s\n", strings.Join(strings.Fields(s), " "))
	}
	b.WriteString("\n")
}

// writeExactMatch points at workos_docs or workos_reference when the query is itself a page name, an
// SDK call, type, endpoint or event, whatever the ranking of the search results.
func writeExactMatch(b *strings.Builder, c *corpus.Corpus, query string) {
	ex := docquery.ExactMatch(c, query)
	if ex.Page != nil {
		fmt.Fprintf(b, "**%s is a docs page**: *%s* · workos_docs with path `%s` reads it.\n\n", query, titleOf(ex.Page), ex.Page.Path)
	}
	if ex.Event != nil {
		fmt.Fprintf(b, "**`%s` is an event**: %s · workos_reference with symbol `%s` describes it.\n\n", ex.Event.Name, ex.Event.URL(), ex.Event.Name)
		return
	}
	if len(ex.Entries) == 0 {
		return
	}
	first := ex.Entries[0]
	var langs []string
	for _, e := range ex.Entries {
		if e.ID == first.ID && !slices.Contains(langs, e.Language.DisplayName()) {
			langs = append(langs, e.Language.DisplayName())
		}
	}
	fmt.Fprintf(b, "**`%s` is in the SDK reference**: `%s` (%s)", query, first.Signature(), strings.Join(langs, ", "))
	fmt.Fprintf(b, " · %s · workos_reference with symbol `%s` gives its parameters and return values.\n\n", first.URL(), query)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
