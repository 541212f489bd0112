// Package langs is the one table of the reference languages: their names, code-fence tags, aliases,
// LSP language ids and file extensions. Every lookup by a language's name is built from it. It is a
// leaf package so that corpus/mdx (which corpus imports) reads the same table; use it through corpus
// (corpus.Languages, corpus.ParseLanguage, corpus.LanguageOfPath).
package langs

import (
	"path"
	"strings"
)

// Language is a reference language as the docs name it in front matter.
type Language string

const (
	Curl   Language = "curl"
	JS     Language = "js"
	Go     Language = "go"
	Python Language = "python"
	Ruby   Language = "ruby"
	PHP    Language = "php"
	Java   Language = "java"
	DotNet Language = "dotnet"
)

// Info is what is known about one language's names.
type Info struct {
	ID   Language
	Name string // how people name it ("Node", ".NET")
	// Fence is the code-fence tag our own Markdown writes for it.
	Fence string
	// Aliases are more names people give it (command-line flags, settings).
	Aliases []string
	// LSPIDs are the languageId values editors send for its files.
	LSPIDs []string
	// Extensions are its file-name endings, with the dot.
	Extensions []string
	// FenceTags are the code-fence tags of its examples in the docs, each with the other spellings the
	// docs use for it ("javascript" is written "js"); a language may have several (js, ts, tsx).
	FenceTags []FenceTag
}

// FenceTag is one code-fence tag and the spellings that mean it.
type FenceTag struct {
	Tag       string
	Spellings []string
}

// Table lists the reference languages, curl first, then the SDK languages in the docs' order.
var Table = []Info{
	{ID: Curl, Name: "cURL", Fence: "http", Aliases: []string{"api", "shell"},
		LSPIDs:     []string{"shellscript", "http", "sh", "bash", "zsh", "curl"},
		Extensions: []string{".sh", ".bash", ".zsh", ".http", ".rest"},
		FenceTags: []FenceTag{{"bash", []string{"sh", "shell", "zsh", "console", "terminal", "curl", "shellscript"}},
			{"http", nil}}},
	{ID: JS, Name: "Node", Fence: "ts", Aliases: []string{"javascript", "typescript", "node", "nodejs"},
		LSPIDs:     []string{"javascript", "typescript", "javascriptreact", "typescriptreact"},
		Extensions: []string{".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"},
		FenceTags: []FenceTag{{"js", []string{"javascript", "node", "nodejs", "jsx", "mjs", "cjs"}},
			{"ts", []string{"typescript"}}, {"tsx", nil}}},
	{ID: Go, Name: "Go", Fence: "go", Aliases: []string{"golang"}, LSPIDs: []string{"go"}, Extensions: []string{".go"},
		FenceTags: []FenceTag{{"go", []string{"golang"}}}},
	{ID: Python, Name: "Python", Fence: "python", Aliases: []string{"py"}, LSPIDs: []string{"python"},
		Extensions: []string{".py", ".pyi"}, FenceTags: []FenceTag{{"python", []string{"py", "python3"}}}},
	{ID: Ruby, Name: "Ruby", Fence: "ruby", Aliases: []string{"rb"}, LSPIDs: []string{"ruby"}, Extensions: []string{".rb"},
		FenceTags: []FenceTag{{"ruby", []string{"rb"}}}},
	{ID: PHP, Name: "PHP", Fence: "php", LSPIDs: []string{"php"}, Extensions: []string{".php"},
		FenceTags: []FenceTag{{"php", nil}}},
	{ID: Java, Name: "Java", Fence: "java", LSPIDs: []string{"java"}, Extensions: []string{".java"},
		FenceTags: []FenceTag{{"java", nil}}},
	{ID: DotNet, Name: ".NET", Fence: "csharp", Aliases: []string{"c#", "cs"}, LSPIDs: []string{"csharp"},
		Extensions: []string{".cs"}, FenceTags: []FenceTag{{"csharp", []string{"cs", "c#", "dotnet", ".net"}}}},
}

var (
	byID    = map[Language]*Info{}
	byName  = map[string]Language{} // every name, alias, LSP id and fence spelling, lower case
	byLSPID = map[string]Language{}
	byExt   = map[string]Language{}
	// fenceSpelling maps a fence spelling to its tag ("javascript" → "js").
	fenceSpelling = map[string]string{}
)

func init() {
	for i := range Table {
		l := &Table[i]
		byID[l.ID] = l
		names := []string{string(l.ID), strings.ToLower(l.Name), l.Fence}
		names = append(names, l.Aliases...)
		names = append(names, l.LSPIDs...)
		for _, t := range l.FenceTags {
			names = append(names, t.Tag)
			names = append(names, t.Spellings...)
			for _, s := range t.Spellings {
				fenceSpelling[s] = t.Tag
			}
		}
		for _, n := range names {
			if old, ok := byName[n]; ok && old != l.ID {
				panic("langs: " + n + " names both " + string(old) + " and " + string(l.ID))
			}
			byName[n] = l.ID
		}
		for _, id := range l.LSPIDs {
			byLSPID[id] = l.ID
		}
		for _, e := range l.Extensions {
			byExt[e] = l.ID
		}
	}
}

// Lookup is the table's row for l.
func Lookup(l Language) (Info, bool) {
	if i, ok := byID[l]; ok {
		return *i, true
	}
	return Info{}, false
}

// DisplayName is how people name the language ("Node", "C#"…).
func (l Language) DisplayName() string {
	if i, ok := byID[l]; ok {
		return i.Name
	}
	return string(l)
}

// CodeFence is the Markdown code-fence tag for the language.
func (l Language) CodeFence() string {
	if i, ok := byID[l]; ok {
		return i.Fence
	}
	return string(l)
}

// Parse accepts any name of a language, in any case: its id, display name, aliases (node, golang,
// c#…), LSP language ids (typescriptreact, shellscript) and code-fence spellings (bash, tsx).
func Parse(s string) (Language, bool) {
	l, ok := byName[strings.ToLower(strings.TrimSpace(s))]
	return l, ok
}

// OfLSPID maps an LSP language id to its language.
func OfLSPID(id string) (Language, bool) {
	l, ok := byLSPID[strings.ToLower(id)]
	return l, ok
}

// OfPath is the language of a file by its extension.
func OfPath(p string) (Language, bool) {
	l, ok := byExt[strings.ToLower(path.Ext(p))]
	return l, ok
}

// otherFences are the spellings of code-fence tags of languages without an SDK.
var otherFences = map[string]string{
	"plain": "text", "plaintext": "text", "txt": "text", "url": "text", "none": "text",
	"yml":   "yaml",
	"jsonc": "json", "json5": "json",
	"htm": "html",
	"kt":  "kotlin",
}

// NormFence is the one spelling of a code-fence tag ("JavaScript" → "js", "sh" → "bash", "yml" →
// "yaml"); an unknown tag comes back in lower case.
func NormFence(tag string) string {
	t := strings.ToLower(strings.TrimSpace(tag))
	t = strings.TrimPrefix(t, "language-")
	if f, ok := fenceSpelling[t]; ok {
		return f
	}
	if f, ok := otherFences[t]; ok {
		return f
	}
	return t
}
