package corpus

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// builder turns parsed files into the linked model: it resolves description keys and `(name)`
// shorthands across all pages, which is why it runs after every file has been read.
type builder struct {
	c            *Corpus
	files        []*parsedFile
	descriptions map[string]string // first definition of each dotted key, in file order
	raw          map[Language][]rawRef
	byKey        map[Language]map[string][]*rawRef // see rawByKey
	referenced   map[string]bool
	unresolved   map[string]bool
}

type rawRef struct {
	entry *rawEntry
	file  *parsedFile
}

func newBuilder(c *Corpus) *builder {
	return &builder{
		c:            c,
		descriptions: map[string]string{},
		raw:          map[Language][]rawRef{},
		byKey:        map[Language]map[string][]*rawRef{},
		referenced:   map[string]bool{},
		unresolved:   map[string]bool{},
	}
}

func (b *builder) add(f *parsedFile) {
	b.files = append(b.files, f)
	for _, msg := range f.problems {
		b.c.Problems = append(b.c.Problems, Problem{File: f.file, Message: msg})
	}
	for k, v := range f.descriptions {
		if _, ok := b.descriptions[k]; !ok {
			b.descriptions[k] = v
		}
	}
	for lang, entries := range f.entries {
		for i := range entries {
			b.raw[lang] = append(b.raw[lang], rawRef{entry: &entries[i], file: f})
		}
	}
	if f.page != nil {
		b.c.Pages = append(b.c.Pages, f.page)
		b.c.pagesByPath[f.page.Path] = f.page
	}
}

func (b *builder) resolve() {
	for _, f := range b.files {
		if f.page == nil {
			continue
		}
		for _, ev := range f.events {
			b.c.Events = append(b.c.Events, &Event{Name: ev.Name, Description: absoluteLinks(ev.Description), Page: f.page, Anchor: ev.SectionAnchor})
		}
	}
	langs := make([]string, 0, len(b.raw))
	for l := range b.raw {
		langs = append(langs, string(l))
	}
	sort.Strings(langs)
	for _, l := range langs {
		lang := Language(l)
		for _, r := range b.raw[lang] {
			e := b.entry(lang, r)
			b.c.Entries = append(b.c.Entries, e)
			if e.Page != nil {
				e.Page.Entries = append(e.Page.Entries, e)
			}
		}
	}
	b.c.moduleAliases = assignModules(b.c.Entries)
	b.fixDocPaths()
	b.c.DescriptionKeys = len(b.referenced)
	for k := range b.unresolved {
		b.c.UnresolvedKeys = append(b.c.UnresolvedKeys, k)
	}
	sort.Strings(b.c.UnresolvedKeys)
	sort.Slice(b.c.Pages, func(i, j int) bool { return b.c.Pages[i].Path < b.c.Pages[j].Path })
	sort.SliceStable(b.c.Problems, func(i, j int) bool { return b.c.Problems[i].File < b.c.Problems[j].File })
}

func (b *builder) entry(lang Language, r rawRef) *Entry {
	raw := r.entry
	e := &Entry{
		Language:      lang,
		Key:           strings.TrimSpace(raw.Key),
		ID:            strings.TrimSpace(raw.ID),
		Title:         strings.TrimSpace(raw.Title),
		DocPath:       strings.TrimSpace(raw.URL),
		PatternBefore: raw.PatternBefore,
		SendsEmail:    raw.SendsEmail,
		Page:          r.file.page,
	}
	e.Description = b.describe(raw.Description, r.file)
	e.Kind, e.Receiver, e.Name = classify(lang, e.Title)
	if e.Kind == KindEndpoint {
		e.HTTPMethod = strings.ToUpper(strings.TrimSpace(raw.Type))
	}
	if e.Name == "" {
		e.Name = e.Key
	}
	e.Parameters = b.params(lang, raw.Parameters, r.file, 0)
	e.Returns = b.params(lang, raw.Returns, r.file, 0)
	e.Properties = b.params(lang, raw.Properties, r.file, 0)
	return e
}

// maxShorthandDepth stops `(a)` → entry whose parameters say `(a)` again.
const maxShorthandDepth = 4

func (b *builder) params(lang Language, raws []rawParam, f *parsedFile, depth int) []Param {
	if len(raws) == 0 {
		return nil
	}
	out := make([]Param, 0, len(raws))
	for _, rp := range raws {
		if rp.Shorthand != "" {
			if p, ok := b.shorthand(lang, rp.Shorthand, f, depth); ok {
				out = append(out, p)
			}
			continue
		}
		out = append(out, Param{
			Key:         strings.TrimSpace(rp.Key),
			Type:        strings.TrimSpace(rp.Type),
			Optional:    rp.Optional,
			Unwrap:      rp.Unwrap,
			Expanded:    rp.Expanded,
			Description: b.describe(rp.Description, f),
			Properties:  b.params(lang, rp.Properties, f, depth),
		})
	}
	return out
}

var keyRef = regexp.MustCompile(`^\(([A-Za-z0-9_.\-]+)\)$`)

// shorthand resolves "(ctx)", "(User)" and "(User.id)" against the entries of the same language:
// first shared entries (no id), then types and their properties; the same page wins over others.
func (b *builder) shorthand(lang Language, text string, f *parsedFile, depth int) (Param, bool) {
	m := keyRef.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		b.c.Problems = append(b.c.Problems, Problem{File: f.file, Message: fmt.Sprintf("%s: unreadable parameter %q", lang, text)})
		return Param{}, false
	}
	name, prop, _ := strings.Cut(m[1], ".")
	if depth >= maxShorthandDepth {
		return Param{Key: name}, true
	}
	ref := b.findRaw(lang, name, f)
	if ref == nil {
		b.c.Problems = append(b.c.Problems, Problem{File: f.file, Message: fmt.Sprintf("%s: shorthand %s names no entry", lang, text)})
		return Param{Type: m[1]}, true
	}
	if prop != "" {
		for _, p := range ref.entry.Properties {
			if strings.EqualFold(p.Key, prop) {
				ps := b.params(lang, []rawParam{p}, ref.file, depth+1)
				if len(ps) == 1 {
					return ps[0], true
				}
			}
		}
		b.c.Problems = append(b.c.Problems, Problem{File: f.file, Message: fmt.Sprintf("%s: shorthand %s names no property", lang, text)})
		return Param{Key: prop}, true
	}
	r := ref.entry
	if r.ID == "" && r.Title == "" { // a shared parameter such as ctx or after
		return Param{
			Key:         r.Key,
			Type:        r.Type,
			Optional:    r.Optional,
			Description: b.describe(r.Description, ref.file),
			Properties:  b.params(lang, r.Properties, ref.file, depth+1),
		}, true
	}
	// A type: returned or passed as a whole.
	typ := r.Key
	if _, _, n := classify(lang, r.Title); n != "" {
		typ = n
	}
	return Param{Type: typ, Description: b.describe(r.Description, ref.file)}, true
}

func (b *builder) findRaw(lang Language, name string, f *parsedFile) *rawRef {
	var best *rawRef
	score := -1
	for _, r := range b.rawByKey(lang)[strings.ToLower(name)] {
		s := 2
		if r.entry.Key == name {
			s = 4
		}
		if r.entry.ID == "" {
			s++ // shared entries are what shorthands are for
		}
		if r.file == f {
			s += 8
		}
		if s > score {
			best, score = r, s
		}
	}
	return best
}

// rawByKey indexes a language's raw entries by lower-cased key, built on first use: shorthands are
// resolved thousands of times, and scanning every entry each time made parsing quadratic.
func (b *builder) rawByKey(lang Language) map[string][]*rawRef {
	if idx, ok := b.byKey[lang]; ok {
		return idx
	}
	idx := map[string][]*rawRef{}
	for i := range b.raw[lang] {
		r := &b.raw[lang][i]
		k := strings.ToLower(r.entry.Key)
		idx[k] = append(idx[k], r)
	}
	b.byKey[lang] = idx
	return idx
}

// describe resolves a "(group.key)" description against the same page first, then every page.
// Unresolved keys yield "" (showing the raw key to users helps nobody) and are counted.
func (b *builder) describe(text string, f *parsedFile) string {
	text = strings.TrimSpace(text)
	m := keyRef.FindStringSubmatch(text)
	if m == nil {
		return absoluteLinks(text)
	}
	key := m[1]
	b.referenced[key] = true
	if v, ok := f.descriptions[key]; ok {
		return absoluteLinks(strings.TrimSpace(v))
	}
	if v, ok := b.descriptions[key]; ok {
		return absoluteLinks(strings.TrimSpace(v))
	}
	b.unresolved[key] = true
	return ""
}

// classify reads an entry's title: "userManagement.createUser()" is a method on userManagement,
// "withAuth()" a function, "interface User" / "usermanagement.User" a type, "/users" an endpoint.
func classify(lang Language, title string) (kind EntryKind, receiver, name string) {
	t := strings.TrimSpace(title)
	if t == "" {
		return KindShared, "", ""
	}
	if lang == Curl {
		if strings.HasPrefix(t, "/") {
			return KindEndpoint, "", t
		}
		return KindType, "", t
	}
	if strings.HasSuffix(t, "()") {
		t = strings.TrimSuffix(t, "()")
		i, sepLen := lastSeparator(t)
		if i < 0 {
			return KindFunction, "", t
		}
		return KindMethod, strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+sepLen:])
	}
	for _, prefix := range []string{"interface ", "class ", "type ", "struct ", "enum ", "record "} {
		if strings.HasPrefix(t, prefix) {
			return KindType, "", strings.TrimSpace(t[len(prefix):])
		}
	}
	if i := strings.LastIndexAny(t, `.\ `); i >= 0 {
		return KindType, t[:i], t[i+1:]
	}
	return KindType, "", t
}

// lastSeparator finds the member separator before a method name: ".", "->" or "::".
func lastSeparator(s string) (int, int) {
	best, size := -1, 0
	if i := strings.LastIndex(s, "."); i > best {
		best, size = i, 1
	}
	if i := strings.LastIndex(s, "->"); i > best {
		best, size = i, 2
	}
	if i := strings.LastIndex(s, "::"); i > best {
		best, size = i, 2
	}
	return best, size
}

// fixDocPaths points entries whose url names no page (about a hundred in 0.2.0, e.g.
// /reference/mfa/Enroll-factor or an old path) at a page that exists: the same path in other letter
// case, else the page that declares the entry. Absolute URLs are left alone.
func (b *builder) fixDocPaths() {
	folded := make(map[string]string, len(b.c.pagesByPath))
	for path := range b.c.pagesByPath {
		folded[strings.ToLower(path)] = path
	}
	for _, e := range b.c.Entries {
		if !strings.HasPrefix(e.DocPath, "/") || e.Page == nil {
			continue
		}
		path, anchor, _ := strings.Cut(strings.Trim(e.DocPath, "/"), "#")
		if _, ok := b.c.pagesByPath[path]; ok {
			continue
		}
		fixed := e.Page.Path
		if p, ok := folded[strings.ToLower(path)]; ok {
			fixed = p
		}
		e.DocPath = "/" + fixed
		if anchor != "" {
			e.DocPath += "#" + anchor
		}
	}
}
