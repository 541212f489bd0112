package workspace

import (
	"github.com/workos-lsp/workos-lsp/corpus"
)

// languageOfPath names the SDK language of a source file from its name, or "" for anything else.
// Shell and .http files (curl) are not source files of a project: they import nothing and are
// analysed only when open.
func languageOfPath(path string) corpus.Language {
	l, ok := corpus.LanguageOfPath(path)
	if !ok || l == corpus.Curl {
		return ""
	}
	return l
}
