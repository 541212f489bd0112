package search

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Code identifiers need an analysis that bleve does not ship. Its camelCase token filter splits
// "createUser" but keeps punctuation runs ("_", ".", "->") as tokens of their own, does not split
// snake_case, and drops the compound, so "createuser" typed as one word would no longer match. The
// unicode tokenizer keeps "user_management" and "dsync.user.created" whole. So we register:
//
//   - identWordsTokenizer: runs of letters, digits and underscores are words; everything else
//     ('.', "->", "::", '$', parentheses, '/', spaces) separates them.
//   - identPartsFilter: splits each word at snake_case and camelCase/PascalCase boundaries and, when a
//     word has several parts, also emits the lowercased compound at the first part's position, so
//     createUser, create_user, CreateUser and "create user" all share the terms "create" and "user",
//     and the spellings typed as one word share "createuser".
//   - identNormFilter: reduces a whole identifier to one comparable term for exact matches:
//     lowercase, '$', '_' and "()" dropped, "->" and "::" made '.'; "$userManagement->createUser()",
//     "user_management.create_user" and "UserManagement::create_user" all become
//     "usermanagement.createuser".
const (
	identWordsName = "workos_ident_words"
	identPartsName = "workos_ident_parts"
	identNormName  = "workos_ident_norm"
)

func init() {
	mustRegister(registry.RegisterTokenizer(identWordsName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return identWordsTokenizer{}, nil
	}))
	mustRegister(registry.RegisterTokenFilter(identPartsName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return identPartsFilter{}, nil
	}))
	mustRegister(registry.RegisterTokenFilter(identNormName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return identNormFilter{}, nil
	}))
}

func mustRegister(err error) {
	if err != nil {
		panic(err)
	}
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

type identWordsTokenizer struct{}

func (identWordsTokenizer) Tokenize(input []byte) analysis.TokenStream {
	var out analysis.TokenStream
	start, pos := -1, 0
	for i := 0; i <= len(input); {
		r, size := utf8.RuneError, 1
		if i < len(input) {
			r, size = utf8.DecodeRune(input[i:])
		}
		if i < len(input) && isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			pos++
			out = append(out, &analysis.Token{Term: input[start:i], Start: start, End: i, Position: pos, Type: analysis.AlphaNumeric})
			start = -1
		}
		i += size
	}
	return out
}

type identPartsFilter struct{}

func (identPartsFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)*2)
	pos := 0
	for _, tok := range input {
		parts := splitIdentifier(tok.Term)
		if len(parts) == 0 {
			continue
		}
		first := pos + 1
		for _, p := range parts {
			pos++
			out = append(out, &analysis.Token{Term: bytes.ToLower(p.term), Start: tok.Start + p.start, End: tok.Start + p.end, Position: pos, Type: tok.Type})
		}
		if len(parts) > 1 {
			var joined []byte
			for _, p := range parts {
				joined = append(joined, bytes.ToLower(p.term)...)
			}
			out = append(out, &analysis.Token{Term: joined, Start: tok.Start, End: tok.End, Position: first, Type: tok.Type})
		}
	}
	return out
}

type identPart struct {
	term       []byte
	start, end int
}

// splitIdentifier cuts a word at underscores and at case changes: a lower-case letter or digit
// followed by an upper-case letter ("create|User"), and the last capital of a run of capitals that
// starts a capitalised word ("HTTP|Client"). Digits stay with the letters before them ("oauth2").
func splitIdentifier(word []byte) []identPart {
	var parts []identPart
	start := -1
	var prev rune
	emit := func(end int) {
		if start >= 0 && end > start {
			parts = append(parts, identPart{term: word[start:end], start: start, end: end})
		}
		start = -1
	}
	for i := 0; i < len(word); {
		r, size := utf8.DecodeRune(word[i:])
		if r == '_' || !isWordRune(r) {
			emit(i)
			prev = r
			i += size
			continue
		}
		if start >= 0 && unicode.IsUpper(r) {
			switch {
			case unicode.IsLower(prev) || unicode.IsDigit(prev):
				emit(i)
			case unicode.IsUpper(prev) && i+size < len(word):
				next, _ := utf8.DecodeRune(word[i+size:])
				if unicode.IsLower(next) {
					emit(i)
				}
			}
		}
		if start < 0 {
			start = i
		}
		prev = r
		i += size
	}
	emit(len(word))
	return parts
}

type identNormFilter struct{}

func (identNormFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, tok := range input {
		if n := normalizeIdentifier(string(tok.Term)); n != "" {
			tok.Term = []byte(n)
			out = append(out, tok)
		}
	}
	return out
}

// normalizeIdentifier makes the spellings of one name in every SDK comparable; see identNormFilter.
func normalizeIdentifier(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' && i+1 < len(s) && s[i+1] == '>', c == ':' && i+1 < len(s) && s[i+1] == ':':
			b = append(b, '.')
			i++
		case c == '_' || c == '$' || c == '(' || c == ')' || c == ' ' || c == '\t':
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(bytes.Trim(b, "."))
}
