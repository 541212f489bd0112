package docquery

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Example is one code block of a docs page.
type Example struct {
	Area      string `json:"area"` // product area: "sso", "authkit"…
	Page      string `json:"page"` // page path
	PageTitle string `json:"pageTitle"`
	Section   string `json:"section,omitempty"` // heading of the section holding it
	Anchor    string `json:"anchor,omitempty"`
	URL       string `json:"url"`
	Language  string `json:"language,omitempty"` // the code fence's language
	Title     string `json:"title,omitempty"`
	Code      string `json:"code"`
	// AlsoOn lists the other places (URLs) with the very same code, folded into this example.
	AlsoOn []string `json:"alsoOn,omitempty"`
}

// Area is a product area and the number of examples it has.
type Area struct {
	Name     string `json:"name"`
	Title    string `json:"title,omitempty"`
	Examples int    `json:"examples"`
}

// ExampleSet is the answer to an examples question.
type ExampleSet struct {
	Query    string    `json:"query"`
	Language string    `json:"language,omitempty"`
	Match    string    `json:"match"`          // "area", "page", "text", "none" or "list"
	Area     string    `json:"area,omitempty"` // the area or page path matched
	Examples []Example `json:"examples"`
	Areas    []Area    `json:"areas"` // every area with examples (in the language, if one is given)
	Version  string    `json:"docsVersion"`
}

// exampleAreaAliases map the original server's group names (and common names) to product areas.
var exampleAreaAliases = map[string]string{
	"user-management": "authkit",
	"usermanagement":  "authkit",
	"auth":            "authkit",
	"authentication":  "authkit",
	"webhooks":        "events",
	"webhook":         "events",
	"dsync":           "directory-sync",
	"directory":       "directory-sync",
	"audit-log":       "audit-logs",
	"auditlogs":       "audit-logs",
	"authorization":   "fga",
	"magic-auth":      "magic-link",
	"migration":       "migrate",
	"migrations":      "migrate",
}

// exampleArea is the product area of a page: its first folder, or the product folder of a reference
// page (reference/sso/profile is sso).
func exampleArea(pagePath string) string {
	first, rest, _ := strings.Cut(pagePath, "/")
	if first == "reference" && rest != "" {
		area, _, _ := strings.Cut(rest, "/")
		return area
	}
	return first
}

// allExamples lists every example of the corpus in page order, keeping those in lang when one is given.
func allExamples(c *corpus.Corpus, lang string) []Example {
	var out []Example
	for _, p := range c.Pages {
		for _, ex := range p.Examples {
			if lang != "" && corpus.FenceFamily(ex.Language) != corpus.FenceFamily(lang) {
				continue
			}
			e := Example{
				Area: exampleArea(p.Path), Page: p.Path, PageTitle: pageTitle(p), Anchor: ex.SectionAnchor,
				URL: p.URL(), Language: ex.Language, Title: ex.Title, Code: ex.Code,
			}
			if ex.SectionAnchor != "" {
				e.URL = p.SectionURL(ex.SectionAnchor)
				if s, ok := p.Section(ex.SectionAnchor); ok {
					e.Section = s.Heading
				}
			}
			out = append(out, e)
		}
	}
	return out
}

// FindExamples finds the code examples a question asks for (the MCP tool workos_examples and the
// command examples). query is a product area (or an alias such as
// user-management or webhooks), a page path or folder, or free text; empty lists the areas. lang,
// when not empty, keeps examples of one code language. A query that matches nothing is not an
// error: the set's Match is "none" and Areas says what there is.
func FindExamples(c *corpus.Corpus, query, lang string) ExampleSet {
	set := findExamples(c, query, lang)
	set.Examples = foldDuplicates(set.Examples)
	return set
}

// foldDuplicates keeps the first of examples with the same code (the docs repeat boilerplate such as
// the environment variables on many pages) and lists where the others are.
func foldDuplicates(list []Example) []Example {
	out := list[:0:0]
	first := map[string]int{}
	for _, e := range list {
		key := e.Language + "\x00" + strings.TrimSpace(e.Code)
		if i, ok := first[key]; ok {
			out[i].AlsoOn = append(out[i].AlsoOn, e.URL)
			continue
		}
		first[key] = len(out)
		out = append(out, e)
	}
	return out
}

func findExamples(c *corpus.Corpus, query, lang string) ExampleSet {
	set := ExampleSet{Query: strings.TrimSpace(query), Language: lang, Version: c.Version, Examples: []Example{}}
	all := allExamples(c, lang)
	set.Areas = areasOf(c, all)
	q := set.Query
	if q == "" {
		set.Match = "list"
		return set
	}
	key := strings.ToLower(strings.Join(strings.Fields(strings.Trim(q, "/ ")), "-"))
	key = strings.ReplaceAll(key, "_", "-")
	isArea := func(name string) bool {
		return slices.ContainsFunc(set.Areas, func(a Area) bool { return a.Name == name })
	}
	if to, ok := exampleAreaAliases[key]; ok && !isArea(key) && isArea(to) {
		key = to
	}
	for _, a := range set.Areas {
		if a.Name == key {
			set.Match, set.Area = "area", key
			for _, e := range all {
				if e.Area == key {
					set.Examples = append(set.Examples, e)
				}
			}
			return set
		}
	}
	if p, anchor := NormalizePath(q); p != "" && !strings.Contains(p, " ") {
		for _, e := range all {
			if (e.Page == p || strings.HasPrefix(e.Page, p+"/")) && (anchor == "" || e.Anchor == anchor) {
				set.Examples = append(set.Examples, e)
			}
		}
		if len(set.Examples) > 0 {
			set.Match, set.Area = "page", p
			return set
		}
	}
	set.Examples = matchExamples(all, q)
	set.Match = "text"
	if len(set.Examples) == 0 {
		set.Match = "none"
		set.Examples = []Example{}
	}
	return set
}

func areasOf(c *corpus.Corpus, all []Example) []Area {
	counts := map[string]int{}
	var names []string
	for _, e := range all {
		if counts[e.Area] == 0 {
			names = append(names, e.Area)
		}
		counts[e.Area]++
	}
	sort.Strings(names)
	out := make([]Area, 0, len(names))
	for _, n := range names {
		a := Area{Name: n, Examples: counts[n]}
		if p, _, ok := c.Page(n); ok {
			a.Title = p.Title
		}
		out = append(out, a)
	}
	return out
}

// matchExamples ranks examples by the words of q found in their title, section, page and code. Every
// word must match somewhere; when no example has them all, examples with most of them are returned.
func matchExamples(all []Example, q string) []Example {
	words := textWords(q)
	if len(words) == 0 {
		return nil
	}
	type scored struct {
		e       Example
		score   float64
		matched int
	}
	var hits []scored
	for _, e := range all {
		fields := []struct {
			text   string
			weight float64
		}{
			{e.Title, 4}, {e.Section, 3}, {e.PageTitle, 2}, {strings.ReplaceAll(e.Page, "/", " "), 2},
			{e.Language + " " + corpus.FenceFamily(e.Language), 2}, {e.Code, 1},
		}
		s := scored{e: e}
		for _, w := range words {
			best := 0.0
			for _, f := range fields {
				if containsWord(f.text, w) && f.weight > best {
					best = f.weight
				}
			}
			if best > 0 {
				s.matched++
				s.score += best
			}
		}
		if s.matched > 0 {
			hits = append(hits, s)
		}
	}
	need := len(words)
	full := 0
	for _, h := range hits {
		if h.matched == need {
			full++
		}
	}
	if full == 0 {
		need = (len(words) + 1) / 2
		if len(words) == 1 {
			return nil
		}
	}
	var kept []scored
	for _, h := range hits {
		if h.matched >= need {
			kept = append(kept, h)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].matched != kept[j].matched {
			return kept[i].matched > kept[j].matched
		}
		return kept[i].score > kept[j].score
	})
	out := make([]Example, len(kept))
	for i, h := range kept {
		out[i] = h.e
	}
	return out
}

var stopWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "to": true,
	"in": true, "for": true, "with": true, "how": true, "example": true, "examples": true, "code": true, "on": true}

// textWords splits q into lower-case words, keeping identifier characters (. _ -) inside words.
func textWords(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '.' && r != '-' && r != '$'
	}) {
		w = strings.Trim(w, ".-")
		if w != "" && !stopWords[w] && !(len(w) == 1 && !unicode.IsDigit(rune(w[0]))) {
			out = append(out, w)
		}
	}
	return out
}

// containsWord reports whether text has w at a word start (so "user" finds "userManagement" and
// "users" but not "reuse").
func containsWord(text, w string) bool {
	t := strings.ToLower(text)
	for i := 0; ; {
		j := strings.Index(t[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if j == 0 || !isWordByte(t[j-1]) || (isUpperAt(text, j) && !isUpperAt(text, j-1)) {
			return true
		}
		i = j + 1
	}
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func isUpperAt(s string, i int) bool { return i >= 0 && i < len(s) && s[i] >= 'A' && s[i] <= 'Z' }

// pageTitle is p's title, or its path when it has none.
func pageTitle(p *corpus.Page) string {
	if p.Title != "" {
		return p.Title
	}
	return p.Path
}
