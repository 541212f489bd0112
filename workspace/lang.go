package workspace

import (
	"path/filepath"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// languageOfPath names the SDK language of a source file from its name, or "" for anything else.
// replaced by corpus.LanguageOfPath on merge
func languageOfPath(path string) corpus.Language {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts":
		return corpus.JS
	case ".go":
		return corpus.Go
	case ".py":
		return corpus.Python
	case ".rb":
		return corpus.Ruby
	case ".php":
		return corpus.PHP
	case ".java":
		return corpus.Java
	case ".cs":
		return corpus.DotNet
	}
	return ""
}
