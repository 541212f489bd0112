package workspace

import (
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/langs"
)

// WatchPatterns are the glob patterns (LSP GlobPattern syntax) of the files whose changes the
// model needs to hear about: sources of the SDK languages, manifests, tsconfig files and
// .gitignore files. Directory deletions and renames are caught by DeletePattern.
func WatchPatterns() []string {
	var exts []string
	for _, l := range langs.Table {
		if l.ID == corpus.Curl {
			continue // shell and HTTP files import nothing
		}
		for _, e := range l.Extensions {
			exts = append(exts, strings.TrimPrefix(e, "."))
		}
	}
	return []string{
		"**/*.{" + strings.Join(exts, ",") + "}",
		"**/{package.json,tsconfig*.json,jsconfig.json,go.mod,go.work,pyproject.toml,requirements*.txt,requirements/*.txt,Pipfile,setup.cfg,setup.py,Gemfile,*.gemspec,composer.json,pom.xml,build.gradle,build.gradle.kts,settings.gradle,settings.gradle.kts,gradle/libs.versions.toml,*.csproj,packages.config,.gitignore}",
	}
}

// DeletePattern matches every path, for deletion events only: a deleted or renamed directory is
// reported under its own name, which no file pattern matches.
const DeletePattern = "**/*"
