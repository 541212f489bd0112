package docquery

import (
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Symbol is what a piece of text names in the reference: an event, or reference entries.
type Symbol struct {
	// Event is the event the text names ("dsync.user.created"), or nil.
	Event *corpus.Event
	// Entries are the SDK calls, types or endpoints the text names, best first (see Entries).
	Entries []*corpus.Entry
}

// Found reports whether the text named anything.
func (s Symbol) Found() bool { return s.Event != nil || len(s.Entries) > 0 }

// ResolveSymbol reads text as an event name, or else as a reference entry (see Entries).
func ResolveSymbol(s *corpus.Symbols, text string, lang corpus.Language) Symbol {
	if s == nil {
		return Symbol{}
	}
	if ev, ok := s.Event(strings.Trim(text, "`'\" \t\n")); ok {
		return Symbol{Event: ev}
	}
	return Symbol{Entries: Entries(s, text, lang)}
}

// Entries finds the reference entries a piece of text names: an SDK call as any SDK spells it
// (usermanagement.CreateUser, user_management.create_user(), workos.userManagement.createUser,
// $userManagement->createUser, WorkOS::UserManagement.create_user, UserManagementService.CreateUser),
// a bare method or function name (createUser, withAuth), an operation id (create_user), a type
// (User, interface User, usermanagement.User) or an HTTP endpoint (POST /user_management/users, or a
// full API URL).
//
// lang keeps entries of one language; when the text names an operation only in other languages, the
// same operation in lang is returned instead. An empty lang keeps every language. The best matches
// come first: the exact spelling of an entry's title, then exact names, then names that differ only
// in case style (createUser for CreateUser), then ids; within one rank, languages follow
// corpus.ReferenceLanguages. It returns nil when nothing matches.
func Entries(s *corpus.Symbols, text string, lang corpus.Language) []*corpus.Entry {
	if s == nil {
		return nil
	}
	q := cleanSymbol(text)
	if q == "" {
		return nil
	}
	found := resolveAnyLanguage(s, q, lang)
	if lang == "" {
		return found
	}
	var out []*corpus.Entry
	for _, e := range found {
		if e.Language == lang {
			out = append(out, e)
		}
	}
	if len(out) > 0 {
		return out
	}
	// The text names the operation in another SDK's terms: answer with lang's spelling of it.
	seen := map[*corpus.Entry]bool{}
	for _, e := range found {
		for _, o := range s.SameOperation(e) {
			if o.Language == lang && !seen[o] {
				seen[o] = true
				out = append(out, o)
			}
		}
	}
	return out
}

// Rank of a match; lower is better.
const (
	rankTitle     = iota // the text is the entry's title as the SDK writes it
	rankExact            // module and name match exactly
	rankCaseStyle        // module matches, name differs only in case style
	rankID               // the text is the operation id
	rankName             // no module given (or unknown): the name matches exactly
	rankNameStyle        // no module: the name matches in another case style
	rankNone
)

// AllLanguages are the languages of reference entries, in the order answers list them: the SDKs,
// curl, and json (token and error shapes).
var AllLanguages = append(slices.Clone(corpus.ReferenceLanguages), corpus.Language("json"))

func resolveAnyLanguage(s *corpus.Symbols, q string, lang corpus.Language) []*corpus.Entry {
	best := map[*corpus.Entry]int{}
	var order []*corpus.Entry
	add := func(e *corpus.Entry, rank int) {
		if e == nil {
			return
		}
		if r, ok := best[e]; ok {
			if rank < r {
				best[e] = rank
			}
			return
		}
		best[e] = rank
		order = append(order, e)
	}
	for _, e := range resolveEndpoint(s, q) {
		add(e, rankTitle)
	}
	if len(order) > 0 {
		return sortByRank(order, best)
	}

	langs := AllLanguages
	if lang != "" {
		// Search the wanted language first but keep the others, so that ResolveSymbol can map an
		// operation spelled the way another SDK spells it.
		langs = append([]corpus.Language{lang}, langs...)
	}
	receiver, name := splitMember(q)
	want := normalizeIdent(name)
	variants := nameVariants(name)

	knownModule := false
	if receiver != "" {
		if module, ok := s.Module(receiver); ok {
			knownModule = true
			for _, l := range langs {
				for _, e := range s.Methods(l, module) {
					switch {
					case sameTitle(e, q):
						add(e, rankTitle)
					case e.Name == name || e.Key == name:
						add(e, rankExact)
					case normalizeIdent(e.Name) == want || normalizeIdent(e.Key) == want:
						add(e, rankCaseStyle)
					}
				}
			}
		}
		// Types written with their package or namespace: usermanagement.User, WorkOS\Resource\User.
		recv := corpus.NormalizeModule(receiver)
		for _, l := range langs {
			for _, v := range variants {
				for _, e := range s.Type(l, v) {
					switch {
					case sameTitle(e, q):
						add(e, rankTitle)
					case e.Receiver != "" && corpus.NormalizeModule(e.Receiver) == recv:
						add(e, rankExact)
					}
				}
			}
		}
		if len(order) > 0 || knownModule {
			// A module the docs know without the method: no guessing across modules.
			return sortByRank(order, best)
		}
	}

	for _, e := range s.ByID(q) {
		if e.Kind != corpus.KindShared {
			add(e, rankID)
		}
	}
	for _, l := range langs {
		for _, v := range variants {
			rank := rankName
			if v != name {
				rank = rankNameStyle
			}
			for _, e := range s.Named(l, v) {
				if sameTitle(e, q) {
					add(e, rankTitle)
				} else {
					add(e, rank)
				}
			}
			for _, e := range s.Type(l, v) {
				if sameTitle(e, q) {
					add(e, rankTitle)
				} else {
					add(e, rank)
				}
			}
		}
	}
	if len(order) == 0 {
		// Shared entries (ctx, pagination metadata) only when nothing else has the id.
		for _, e := range s.ByID(q) {
			add(e, rankID)
		}
	}
	return sortByRank(order, best)
}

func sortByRank(list []*corpus.Entry, rank map[*corpus.Entry]int) []*corpus.Entry {
	langIndex := func(l corpus.Language) int {
		if i := slices.Index(AllLanguages, l); i >= 0 {
			return i
		}
		return len(AllLanguages)
	}
	slices.SortStableFunc(list, func(a, b *corpus.Entry) int {
		if d := rank[a] - rank[b]; d != 0 {
			return d
		}
		return langIndex(a.Language) - langIndex(b.Language)
	})
	return list
}

// cleanSymbol strips what surrounds a symbol in prose or code: backticks, "await", "new", call
// arguments, a trailing semicolon, and type keywords.
func cleanSymbol(text string) string {
	q := strings.TrimSpace(text)
	q = strings.Trim(q, "`'\"")
	q = strings.TrimSuffix(strings.TrimSpace(q), ";")
	for _, prefix := range []string{"await ", "new ", "interface ", "class ", "type ", "struct ", "enum ", "record "} {
		q = strings.TrimSpace(q)
		if strings.HasPrefix(q, prefix) {
			q = q[len(prefix):]
		}
	}
	if i := strings.IndexByte(q, '('); i > 0 && !IsEndpoint(q) {
		q = q[:i]
	}
	return strings.TrimSpace(q)
}

var httpMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

// IsEndpoint reports whether q is written as an HTTP endpoint: a method and a path, a path, or a URL.
func IsEndpoint(q string) bool {
	first, _, _ := strings.Cut(q, " ")
	return slices.Contains(httpMethods, strings.ToUpper(first)) || strings.HasPrefix(q, "/") ||
		strings.HasPrefix(q, "https://") || strings.HasPrefix(q, "http://")
}

// resolveEndpoint reads "POST /user_management/users", "/user_management/users" or an API URL.
func resolveEndpoint(s *corpus.Symbols, q string) []*corpus.Entry {
	if !IsEndpoint(q) {
		return nil
	}
	method, path := "", q
	if first, rest, ok := strings.Cut(q, " "); ok && slices.Contains(httpMethods, strings.ToUpper(first)) {
		method, path = strings.ToUpper(first), strings.TrimSpace(rest)
	}
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		u, err := url.Parse(path)
		if err != nil || strings.HasSuffix(u.Host, "workos.com") && strings.HasPrefix(u.Path, "/docs") {
			return nil // a docs page, not an API endpoint
		}
		path = u.Path
	}
	if !strings.HasPrefix(path, "/") || path == "/" {
		return nil
	}
	out := s.Endpoint(method, path)
	if method == "" {
		// A bare path or URL is most likely read with GET.
		slices.SortStableFunc(out, func(a, b *corpus.Entry) int {
			return boolRank(a.HTTPMethod != "GET") - boolRank(b.HTTPMethod != "GET")
		})
	}
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// splitMember splits "receiver.name" at the last member separator (".", "->", "::", or the "\\" of a
// PHP namespace).
func splitMember(q string) (receiver, name string) {
	best, size := -1, 0
	for _, sep := range []string{".", "->", "::", "\\"} {
		if i := strings.LastIndex(q, sep); i > best {
			best, size = i, len(sep)
		}
	}
	if best < 0 {
		return "", q
	}
	return q[:best], q[best+size:]
}

func sameTitle(e *corpus.Entry, q string) bool {
	t := strings.TrimSuffix(strings.TrimSpace(e.Title), "()")
	if t == "" {
		return false
	}
	for _, prefix := range []string{"interface ", "class ", "type ", "struct ", "enum ", "record "} {
		t = strings.TrimPrefix(t, prefix)
	}
	if t == q {
		return true
	}
	// A longer chain ending with a title that has a receiver: WorkOS::UserManagement.create_user.
	if r, _ := splitMember(t); r == "" {
		return false
	}
	for _, sep := range []string{".", "::", "\\", "->"} {
		if strings.HasSuffix(q, sep+t) {
			return true
		}
	}
	return false
}

// normalizeIdent folds case styles together: createUser, CreateUser and create_user are one name.
func normalizeIdent(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", ""))
}

// nameVariants is name followed by its other case styles (snake, camel, Pascal).
func nameVariants(name string) []string {
	out := []string{name}
	for _, v := range corpus.Spellings(toSnake(name)) {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// toSnake turns createUser, CreateUser and create_user into create_user; acronyms stay together
// (getSSOProfile → get_sso_profile).
func toSnake(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) {
			prevLower := i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			nextLower := i > 0 && i+1 < len(rs) && unicode.IsUpper(rs[i-1]) && unicode.IsLower(rs[i+1])
			if (prevLower || nextLower) && b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Operation is one operation among the entries a symbol names: its best entry and the others (other
// languages, or other entries of the same id).
type Operation struct {
	Primary *corpus.Entry
	Others  []*corpus.Entry
}

// Operations groups entries by operation id, in the order of the best match of each; entries
// without an id are operations of their own.
func Operations(entries []*corpus.Entry) []Operation {
	var ops []Operation
	byID := map[string]int{}
	for _, e := range entries {
		if e.ID != "" {
			if i, ok := byID[e.ID]; ok {
				ops[i].Others = append(ops[i].Others, e)
				continue
			}
			byID[e.ID] = len(ops)
		}
		ops = append(ops, Operation{Primary: e})
	}
	return ops
}

// Near is what a symbol that names nothing may have meant, when it names a module the docs know.
type Near struct {
	// Module is the receiver as written ("userManagement"); empty when it names no known module.
	Module string
	// Names are close method names of that module, qualified as each SDK writes them
	// ("userManagement.createUser", "$userManagement->createUser").
	Names []string
	// Methods are the module's methods, when no name is close.
	Methods []string
}

// NearSymbols suggests what text meant when Entries finds nothing for it: methods of the module it
// names spelled a few edits away, or else the methods that module has. lang limits the suggestions to
// one SDK; empty means every SDK.
func NearSymbols(s *corpus.Symbols, text string, lang corpus.Language) Near {
	receiver, name := splitMember(cleanSymbol(text))
	if s == nil || receiver == "" {
		return Near{}
	}
	module, ok := s.Module(receiver)
	if !ok {
		return Near{}
	}
	near := Near{Module: receiver}
	langs := corpus.SDKLanguages
	if lang != "" {
		langs = []corpus.Language{lang}
	}
	for _, l := range langs {
		for _, n := range s.Suggest(l, module, name, 3) {
			q := qualifiedName(s, l, module, n)
			if !slices.Contains(near.Names, q) {
				near.Names = append(near.Names, q)
			}
		}
	}
	if len(near.Names) > 0 {
		return near
	}
	for _, e := range s.Methods(firstLanguageWith(s, lang, module), module) {
		if !slices.Contains(near.Methods, e.Name) {
			near.Methods = append(near.Methods, e.Name)
		}
	}
	return near
}

// qualifiedName is a method as its SDK writes it: the title of its entry
// ("$userManagement->createUser"), or else the module's spelling, a dot and the name.
func qualifiedName(s *corpus.Symbols, lang corpus.Language, module, name string) string {
	for _, e := range s.Method(lang, module, name) {
		if t := strings.TrimSuffix(strings.TrimSpace(e.Title), "()"); t != "" {
			return t
		}
	}
	return s.ModuleSpelling(lang, module) + "." + name
}

// firstLanguageWith is lang, or the first SDK that has the module.
func firstLanguageWith(s *corpus.Symbols, lang corpus.Language, module string) corpus.Language {
	if lang != "" {
		return lang
	}
	for _, l := range corpus.SDKLanguages {
		if len(s.Methods(l, module)) > 0 {
			return l
		}
	}
	return corpus.JS
}
