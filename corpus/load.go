package corpus

import (
	"os"

	"github.com/workos-lsp/workos-lsp/corpus/fetch"
)

// FromFetch parses the corpus that fetch.Get placed on disk.
func FromFetch(res *fetch.Result) (*Corpus, error) { return Parse(SourceOf(res)) }

// SourceOf is the source of the corpus that fetch.Get placed on disk.
func SourceOf(res *fetch.Result) Source {
	src := Source{Version: res.Version, Digest: res.Digest, Docs: os.DirFS(res.DocsDir)}
	if res.ChangelogDir != "" {
		src.Changelogs = os.DirFS(res.ChangelogDir)
	}
	return src
}
