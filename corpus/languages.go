package corpus

import "github.com/workos-lsp/workos-lsp/corpus/langs"

// Language is a reference language as the docs name it in front matter. The table of the languages'
// names lives in corpus/langs so that corpus/mdx reads it too.
type Language = langs.Language

const (
	Curl   = langs.Curl
	JS     = langs.JS
	Go     = langs.Go
	Python = langs.Python
	Ruby   = langs.Ruby
	PHP    = langs.PHP
	Java   = langs.Java
	DotNet = langs.DotNet
)

// LanguageInfo is one language's names: display name, code fence, aliases, LSP ids, extensions.
type LanguageInfo = langs.Info

// Languages is the language table; every lookup of a language by a name is built from it.
var Languages = langs.Table

// SDKLanguages are the languages with an SDK whose calls appear in user code.
var SDKLanguages = []Language{JS, Go, Python, Ruby, PHP, Java, DotNet}

// ReferenceLanguages are SDKLanguages plus curl (the HTTP API).
var ReferenceLanguages = append([]Language{Curl}, SDKLanguages...)

// ParseLanguage accepts any name of a language (its id, display name, aliases such as node, golang
// or c#, LSP language ids, code-fence spellings such as bash or tsx), in any case.
func ParseLanguage(s string) (Language, bool) { return langs.Parse(s) }

// LanguageOfLSPID maps an LSP language id (typescriptreact, shellscript) to its language.
func LanguageOfLSPID(id string) (Language, bool) { return langs.OfLSPID(id) }

// LanguageOfPath is the language of a source file by its extension (".tsx" → JS, ".http" → curl).
func LanguageOfPath(path string) (Language, bool) { return langs.OfPath(path) }

// FenceFamily folds a code-fence tag and its spellings into one name per language (ts, tsx, js and
// node are "js"; bash, sh and http are "curl"; cs is "dotnet"), so that examples can be filtered by
// language; other tags come back normalized ("yml" is "yaml", "env" is "text").
func FenceFamily(tag string) string {
	t := langs.NormFence(tag)
	if l, ok := langs.Parse(t); ok {
		return string(l)
	}
	switch t {
	case "env", "dotenv":
		return "text"
	}
	return t
}
