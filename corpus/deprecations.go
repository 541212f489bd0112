package corpus

import (
	"regexp"
	"sort"
	"strings"
)

// Deprecation is a field or method that a page under deprecations/ tells users to migrate away from.
type Deprecation struct {
	Name  string // as the docs write it: "raw_attributes"
	Page  *Page
	Title string // the page's title, used as the diagnostic message
}

// URL is the migration guide's address.
func (d Deprecation) URL() string { return d.Page.URL() }

var codeSpan = regexp.MustCompile("`([A-Za-z_][A-Za-z0-9_]*)`")

// findDeprecations reads the names in code spans of each deprecation page's title ("Migrate from
// `raw_attributes`" or plain "Migrate from raw_attributes") and indexes them under every SDK spelling:
// raw_attributes, rawAttributes, RawAttributes.
func findDeprecations(pages []*Page) map[string]Deprecation {
	out := map[string]Deprecation{}
	for _, p := range pages {
		if !strings.HasPrefix(p.Path, "deprecations/") {
			continue
		}
		var names []string
		for _, m := range codeSpan.FindAllStringSubmatch(p.Title, -1) {
			names = append(names, m[1])
		}
		if len(names) == 0 {
			for _, w := range strings.Fields(p.Title) {
				if strings.Contains(w, "_") {
					names = append(names, strings.Trim(w, ".,:;()`'\""))
				}
			}
		}
		for _, n := range names {
			d := Deprecation{Name: n, Page: p, Title: p.Title}
			for _, spelling := range Spellings(n) {
				if _, dup := out[spelling]; !dup {
					out[spelling] = d
				}
			}
		}
	}
	return out
}

// Spellings gives the snake, camel and Pascal forms of a snake_case name, the ways the SDKs write it.
func Spellings(snake string) []string {
	parts := strings.Split(snake, "_")
	camel := parts[0]
	pascal := ""
	for i, p := range parts {
		if p == "" {
			continue
		}
		up := strings.ToUpper(p[:1]) + p[1:]
		if i > 0 {
			camel += up
		}
		pascal += up
	}
	set := map[string]bool{snake: true, camel: true, pascal: true}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Deprecated reports whether an identifier written in code is deprecated by the docs.
func (s *Symbols) Deprecated(name string) (Deprecation, bool) {
	d, ok := s.deprecations[name]
	return d, ok
}
