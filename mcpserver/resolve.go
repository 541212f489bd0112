package mcpserver

import (
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// ResolveSymbol finds the reference entries a piece of text names: an SDK call as any SDK spells it
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
func ResolveSymbol(s *corpus.Symbols, text string, lang corpus.Language) []*corpus.Entry {
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

// allLanguages are the languages searched when none is given: the SDKs, curl, and json (token and
// error shapes).
var allLanguages = append(slices.Clone(corpus.ReferenceLanguages), corpus.Language("json"))

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

	langs := allLanguages
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
		if i := slices.Index(allLanguages, l); i >= 0 {
			return i
		}
		return len(allLanguages)
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
	if i := strings.IndexByte(q, '('); i > 0 && !isEndpointText(q) {
		q = q[:i]
	}
	return strings.TrimSpace(q)
}

var httpMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

func isEndpointText(q string) bool {
	first, _, _ := strings.Cut(q, " ")
	return slices.Contains(httpMethods, strings.ToUpper(first)) || strings.HasPrefix(q, "/") ||
		strings.HasPrefix(q, "https://") || strings.HasPrefix(q, "http://")
}

// resolveEndpoint reads "POST /user_management/users", "/user_management/users" or an API URL.
func resolveEndpoint(s *corpus.Symbols, q string) []*corpus.Entry {
	if !isEndpointText(q) {
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
