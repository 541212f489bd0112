package corpus

import (
	"sort"
	"strings"
)

// Symbols is the exact lookup side of the corpus: SDK entries by module and name, by id across
// languages, object types, events and HTTP endpoints. Built once per corpus, then read-only.
type Symbols struct {
	langs     map[Language]*langSymbols
	byID      map[string][]*Entry
	events    map[string]*Event
	eventList []*Event // sorted by name
	endpoints []*Entry
	aliases   map[string]string

	deprecations map[string]Deprecation // every spelling of a deprecated name
}

type langSymbols struct {
	modules   map[string][]*Entry // module → its methods, sorted by name
	names     map[string][]*Entry // method/function name or key → entries
	types     map[string][]*Entry // type name or key → type entries
	functions []*Entry
}

// Symbols returns the corpus's symbol table.
func (c *Corpus) Symbols() *Symbols { return c.symbols }

func newSymbols(c *Corpus) *Symbols {
	s := &Symbols{
		langs:   map[Language]*langSymbols{},
		byID:    map[string][]*Entry{},
		events:  map[string]*Event{},
		aliases: c.moduleAliases,

		deprecations: findDeprecations(c.Pages),
	}
	for _, e := range c.Entries {
		ls := s.langs[e.Language]
		if ls == nil {
			ls = &langSymbols{modules: map[string][]*Entry{}, names: map[string][]*Entry{}, types: map[string][]*Entry{}}
			s.langs[e.Language] = ls
		}
		if e.ID != "" {
			s.byID[e.ID] = append(s.byID[e.ID], e)
		}
		switch e.Kind {
		case KindMethod, KindFunction:
			if e.Kind == KindMethod {
				ls.modules[e.Module] = append(ls.modules[e.Module], e)
			} else {
				ls.functions = append(ls.functions, e)
			}
			ls.names[e.Name] = append(ls.names[e.Name], e)
			if e.Key != e.Name && e.Key != "" {
				ls.names[e.Key] = append(ls.names[e.Key], e)
			}
		case KindType:
			ls.types[e.Name] = append(ls.types[e.Name], e)
			if e.Key != e.Name && e.Key != "" {
				ls.types[e.Key] = append(ls.types[e.Key], e)
			}
		case KindEndpoint:
			s.endpoints = append(s.endpoints, e)
		}
	}
	for _, ls := range s.langs {
		for _, list := range ls.modules {
			sort.SliceStable(list, func(i, j int) bool { return list[i].Name < list[j].Name })
		}
	}
	for _, ev := range c.Events {
		if _, dup := s.events[ev.Name]; !dup {
			s.events[ev.Name] = ev
			s.eventList = append(s.eventList, ev)
		}
	}
	sort.Slice(s.eventList, func(i, j int) bool { return s.eventList[i].Name < s.eventList[j].Name })
	return s
}

// Module resolves a receiver as written in code (userManagement, user_management, $sso,
// UserManagementService, workos.userManagement) to a module known in any SDK.
func (s *Symbols) Module(receiver string) (string, bool) {
	m, ok := s.aliases[NormalizeModule(receiver)]
	return m, ok
}

// Modules lists the modules that have methods in lang, sorted.
func (s *Symbols) Modules(lang Language) []string {
	ls := s.langs[lang]
	if ls == nil {
		return nil
	}
	out := make([]string, 0, len(ls.modules))
	for m := range ls.modules {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// ModuleSpelling is how lang's SDK spells a module's receiver, taken from its entries' titles
// ("userManagement" in Node, "user_management" in Python).
func (s *Symbols) ModuleSpelling(lang Language, module string) string {
	counts := map[string]int{}
	best := ""
	for _, e := range s.Methods(lang, module) {
		r := e.Receiver
		if i, n := lastSeparator(r); i >= 0 {
			r = r[i+n:]
		}
		counts[r]++
		if counts[r] > counts[best] || (counts[r] == counts[best] && r < best) {
			best = r
		}
	}
	if best == "" {
		return module
	}
	return best
}

// Methods lists a module's methods in lang, sorted by name.
func (s *Symbols) Methods(lang Language, module string) []*Entry {
	if ls := s.langs[lang]; ls != nil {
		return ls.modules[module]
	}
	return nil
}

// Method finds a module's method by the name used in code. The entry key is accepted too, since
// some keys differ from the called name.
func (s *Symbols) Method(lang Language, module, name string) []*Entry {
	var out []*Entry
	for _, e := range s.Methods(lang, module) {
		if e.Name == name || e.Key == name {
			out = append(out, e)
		}
	}
	return out
}

// Named finds methods and functions in lang by name, in any module.
func (s *Symbols) Named(lang Language, name string) []*Entry {
	if ls := s.langs[lang]; ls != nil {
		return ls.names[name]
	}
	return nil
}

// Functions lists lang's free functions (withAuth(), getSignInUrl()…).
func (s *Symbols) Functions(lang Language) []*Entry {
	if ls := s.langs[lang]; ls != nil {
		return ls.functions
	}
	return nil
}

// Type finds object types in lang by name ("User", "Organization").
func (s *Symbols) Type(lang Language, name string) []*Entry {
	if ls := s.langs[lang]; ls != nil {
		return ls.types[name]
	}
	return nil
}

// ByID lists the entries of an operation in every language.
func (s *Symbols) ByID(id string) []*Entry { return s.byID[id] }

// SameOperation lists e's operation in the other languages, one entry each, in ReferenceLanguages
// order. Entries on e's own page win over same-id entries elsewhere.
func (s *Symbols) SameOperation(e *Entry) []*Entry {
	if e.ID == "" {
		return nil
	}
	pick := map[Language]*Entry{}
	for _, o := range s.byID[e.ID] {
		if o.Language == e.Language || o.Kind == KindShared {
			continue
		}
		cur, ok := pick[o.Language]
		if !ok || (cur.Page != e.Page && o.Page == e.Page) {
			pick[o.Language] = o
		}
	}
	var out []*Entry
	for _, l := range ReferenceLanguages {
		if o, ok := pick[l]; ok {
			out = append(out, o)
		}
	}
	return out
}

// Event finds an event by its exact name.
func (s *Symbols) Event(name string) (*Event, bool) {
	ev, ok := s.events[name]
	return ev, ok
}

// Events lists every event, sorted by name.
func (s *Symbols) Events() []*Event { return s.eventList }

// Endpoint finds curl entries for an HTTP path such as "/user_management/users/user_123". Path
// parameters in the docs (":id", "{id}") match any one segment; exact segments rank first. An empty
// method matches any method.
func (s *Symbols) Endpoint(method, path string) []*Entry {
	method = strings.ToUpper(method)
	path, _, _ = strings.Cut(path, "?")
	want := splitPath(path)
	type scored struct {
		e     *Entry
		exact int
	}
	var hits []scored
	for _, e := range s.endpoints {
		if method != "" && e.HTTPMethod != "" && e.HTTPMethod != method {
			continue
		}
		have := splitPath(e.Title)
		if len(have) != len(want) {
			continue
		}
		exact, ok := 0, true
		for i := range have {
			switch {
			case have[i] == want[i]:
				exact++
			case strings.HasPrefix(have[i], ":") || strings.HasPrefix(have[i], "{"):
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok {
			hits = append(hits, scored{e, exact})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].exact > hits[j].exact })
	out := make([]*Entry, len(hits))
	for i, h := range hits {
		out[i] = h.e
	}
	return out
}

func splitPath(p string) []string {
	return strings.Split(strings.Trim(p, "/"), "/")
}

// Suggest returns the names in a module closest to a misspelt one, best first, at most max.
func (s *Symbols) Suggest(lang Language, module, name string, max int) []string {
	type cand struct {
		name string
		dist int
	}
	seen := map[string]bool{}
	var cands []cand
	limit := len(name)/3 + 1
	for _, e := range s.Methods(lang, module) {
		if seen[e.Name] {
			continue
		}
		seen[e.Name] = true
		d := EditDistance(strings.ToLower(name), strings.ToLower(e.Name))
		if d <= limit {
			cands = append(cands, cand{e.Name, d})
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].dist != cands[j].dist {
			return cands[i].dist < cands[j].dist
		}
		return cands[i].name < cands[j].name
	})
	var out []string
	for i := 0; i < len(cands) && i < max; i++ {
		out = append(out, cands[i].name)
	}
	return out
}

// EditDistance is the Levenshtein distance over bytes, meant for ASCII names and paths.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Page finds a page by path ("reference/sso"), site path ("/reference/sso"), or public URL, with an
// optional "#anchor", which is returned separately.
func (c *Corpus) Page(ref string) (*Page, string, bool) {
	ref = strings.TrimSpace(ref)
	ref = strings.TrimPrefix(ref, SiteURL)
	ref, anchor, _ := strings.Cut(ref, "#")
	ref = strings.TrimSuffix(strings.Trim(ref, "/"), ".mdx")
	ref = strings.TrimSuffix(ref, "/index")
	p, ok := c.pagesByPath[ref]
	return p, anchor, ok
}
