package docquery

import (
	"context"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/search"
)

// NormalizePath turns what people pass for a page (a path, a site path, a docs URL, a file name, a
// path with #anchor or ?query) into a page path and an anchor: "https://workos.com/docs/sso#callback"
// is ("sso", "callback"), "/docs/reference/index.mdx" is ("reference", ""). The docs root is "".
func NormalizePath(ref string) (p, anchor string) {
	p = strings.TrimSpace(ref)
	for _, site := range []string{corpus.SiteURL, "http://workos.com/docs", "https://www.workos.com/docs", "http://www.workos.com/docs"} {
		p = strings.TrimPrefix(p, site)
	}
	p, anchor, _ = strings.Cut(p, "#")
	p, _, _ = strings.Cut(p, "?")
	p = strings.Trim(p, "/ ")
	p = strings.TrimPrefix(p, "docs/")
	for _, ext := range []string{".mdx", ".md"} {
		p = strings.TrimSuffix(p, ext)
	}
	if p == "index" {
		p = ""
	}
	p = strings.TrimSuffix(p, "/index")
	return p, strings.TrimSpace(anchor)
}

// PageMatch is what a page reference resolved to.
type PageMatch struct {
	// Path and Anchor are the reference, normalised (see NormalizePath).
	Path, Anchor string
	// Page is the page, or nil when neither Path nor an alias of it is a page.
	Page *corpus.Page
	// Alias says Page was found under another path than Path: a renamed area
	// (reference/user-management/… for reference/authkit/…) or an area/overview path (sso/overview).
	Alias bool
}

// ResolvePage finds the page (and section anchor) ref names, by its path or an alias of it.
func ResolvePage(c *corpus.Corpus, ref string) PageMatch {
	m := PageMatch{}
	m.Path, m.Anchor = NormalizePath(ref)
	if c == nil {
		return m
	}
	if p, _, ok := c.Page(m.Path); ok {
		m.Page = p
		return m
	}
	if p, ok := aliasPage(c, m.Path); ok {
		m.Page, m.Alias = p, true
	}
	return m
}

// areaAliases map names that people (and the original MCP server's own hints) use to where the docs
// keep that content now.
var areaAliases = map[string]string{
	"user-management": "authkit",
	"authkit":         "user-management", // the name before 0.2.0
	"usermanagement":  "authkit",
	"webhooks":        "events/data-syncing/webhooks",
	"dsync":           "directory-sync",
	"directory":       "directory-sync",
	"audit-log":       "audit-logs",
	"auditlogs":       "audit-logs",
	"api":             "reference",
	"api-reference":   "reference",
}

// overviewSuffixes are last segments that name an area's index page ("sso/overview" is "sso").
var overviewSuffixes = []string{"overview", "introduction", "intro", "index", "getting-started", "home"}

// aliasPage resolves paths that do not exist under their own name: other letter case, renamed areas
// and area/overview-style paths.
func aliasPage(c *corpus.Corpus, p string) (*corpus.Page, bool) {
	lower := strings.ToLower(p)
	candidates := []string{lower}
	segs := strings.Split(lower, "/")
	for i, seg := range segs {
		if to := areaAliases[seg]; to != "" && i < 2 { // an area, or an area of the reference
			alt := slices.Clone(segs)
			alt[i] = to
			candidates = append(candidates, strings.Join(alt, "/"))
		}
	}
	for _, q := range candidates {
		if page, _, ok := c.Page(q); ok {
			return page, true
		}
		if dir, last := path.Split(q); dir != "" && slices.Contains(overviewSuffixes, last) {
			if page, _, ok := c.Page(strings.TrimSuffix(dir, "/")); ok {
				return page, true
			}
		}
	}
	return nil, false
}

// PagesUnder lists the pages at or below folder ("" for all), in corpus order.
func PagesUnder(c *corpus.Corpus, folder string) []*corpus.Page {
	folder = strings.Trim(folder, "/")
	if folder == "" {
		return c.Pages
	}
	var out []*corpus.Page
	for _, p := range c.Pages {
		if p.Path == folder || strings.HasPrefix(p.Path, folder+"/") {
			out = append(out, p)
		}
	}
	return out
}

// TopFolders are the first segments of every page path, sorted: the areas of the docs.
func TopFolders(c *corpus.Corpus) []string {
	var out []string
	for _, p := range c.Pages {
		first, _, _ := strings.Cut(p.Path, "/")
		if first != "" && !slices.Contains(out, first) {
			out = append(out, first)
		}
	}
	sort.Strings(out)
	return out
}

// maxGuessedPath is how much of a path ClosestPages reads.
const maxGuessedPath = 256

// cutAtRune is s cut to at most n bytes, at the start of a rune.
func cutAtRune(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// ClosestPages guesses what a path that names no page meant, best first: pages whose path contains
// it or its last segment, paths sharing most of its segments or a few edits away, then (with an
// index) pages the search finds for its words. ix may be nil.
func ClosestPages(ctx context.Context, c *corpus.Corpus, ix Searcher, p string, limit int) []*corpus.Page {
	// The edit distances below cost len(p) × len(page path) per page: a 100 KB path took 6 s. No
	// page path is near maxGuessedPath bytes, so what lies past it cannot bring a page closer.
	p = strings.ToLower(strings.Trim(cutAtRune(p, maxGuessedPath), "/"))
	if p == "" || limit <= 0 {
		return nil
	}
	last := path.Base(p)
	segs := strings.Split(p, "/")
	type cand struct {
		page  *corpus.Page
		score int
	}
	var cands []cand
	for _, q := range c.Pages {
		qp := strings.ToLower(q.Path)
		score := 0
		switch {
		case strings.Contains(qp, p):
			score = 100 - min(len(qp)-len(p), 50)
		case len(last) >= 3 && strings.Contains(qp, last):
			score = 70 - min(len(qp)-len(last), 50)/2
		}
		// Paths sharing most segments: reference/authkit/user/create ~ reference/user-management/user/create.
		if qsegs := strings.Split(qp, "/"); len(segs) > 1 {
			shared := 0
			for _, s := range segs {
				if slices.Contains(qsegs, s) {
					shared++
				}
			}
			if 2*shared >= len(segs) {
				diff := len(qsegs) - len(segs)
				if diff < 0 {
					diff = -diff
				}
				score = max(score, 50+40*shared/len(segs)-3*diff)
			}
		}
		if d := corpus.EditDistance(p, qp); d <= max(2, len(p)/4) {
			score = max(score, 95-d*5)
		}
		if d := corpus.EditDistance(last, path.Base(qp)); len(last) >= 4 && d <= len(last)/3 {
			score = max(score, 60-d*5)
		}
		if score > 0 {
			cands = append(cands, cand{q, score})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	var out []*corpus.Page
	seen := map[*corpus.Page]bool{}
	for _, cd := range cands {
		if len(out) == limit {
			return out
		}
		seen[cd.page] = true
		out = append(out, cd.page)
	}
	if !usable(ix) {
		return out
	}
	words := strings.NewReplacer("/", " ", "-", " ", "_", " ").Replace(p)
	results, err := ix.Search(ctx, words, search.Options{Limit: limit * 2, Kinds: []search.Kind{search.KindPage, search.KindSection}, NoSnippets: true})
	if err != nil {
		return out
	}
	for _, r := range results {
		if len(out) == limit {
			break
		}
		if q, _, ok := c.Page(r.Page); ok && !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

// DocsURL is the public docs address for what text names: a URL (as is), an event, a page path
// (aliases included), an SDK call as any SDK writes it, or else the best search hit. ok is false
// when nothing matches.
func DocsURL(ctx context.Context, c *corpus.Corpus, ix Searcher, text string) (url string, ok bool, err error) {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "https://") || strings.HasPrefix(text, "http://") {
		return text, true, nil
	}
	if text == "" || c == nil {
		return "", false, nil
	}
	sym := ResolveSymbol(c.Symbols(), text, "")
	if sym.Event != nil {
		return sym.Event.URL(), true, nil
	}
	if m := ResolvePage(c, text); m.Page != nil {
		return m.Page.SectionURL(m.Anchor), true, nil
	}
	if len(sym.Entries) > 0 {
		return sym.Entries[0].URL(), true, nil
	}
	res, err := Search(ctx, c, ix, text, search.Options{Limit: 1, NoSnippets: true})
	if err != nil || len(res) == 0 {
		return "", false, err
	}
	return res[0].URL, true, nil
}

// Exact is what a search query names exactly, whatever the ranking of the results.
type Exact struct {
	Page    *corpus.Page  // the query is a page's path or name ("directory sync", "sso/overview")
	Event   *corpus.Event // the query is an event name
	Entries []*corpus.Entry
}

// ExactMatch reads a search query as a page name (up to three words), an event name, or an SDK call,
// type or endpoint (one word, or an endpoint).
func ExactMatch(c *corpus.Corpus, query string) Exact {
	var ex Exact
	if words := strings.Fields(query); len(words) > 0 && len(words) <= 3 {
		key := strings.ToLower(strings.Join(words, "-"))
		ex.Page = ResolvePage(c, key).Page
	}
	sym := c.Symbols()
	if ev, ok := sym.Event(query); ok {
		ex.Event = ev
		return ex
	}
	if strings.ContainsAny(query, " \t") && !IsEndpoint(query) {
		return ex
	}
	ex.Entries = Entries(sym, query, "")
	return ex
}
