// Package corpustest gives tests a small corpus that we wrote ourselves in the real docs format. It
// covers every construct the parser knows, plus broken pages; it holds no WorkOS docs text.
package corpustest

import (
	"embed"
	"io/fs"
	"sync"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
)

//go:embed all:fixture
var fixture embed.FS

// Source is the fixture as a parse source.
func Source() corpus.Source {
	docs, _ := fs.Sub(fixture, "fixture/docs")
	changelogs, _ := fs.Sub(fixture, "fixture/changelogs")
	return corpus.Source{Version: "fixture", Digest: "fixture", Docs: docs, Changelogs: changelogs}
}

var (
	once   sync.Once
	parsed *corpus.Corpus
	err    error
)

// Corpus parses the fixture once per test binary and shares it; it is read-only.
func Corpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	once.Do(func() { parsed, err = corpus.Parse(Source()) })
	if err != nil {
		t.Fatalf("parse fixture corpus: %v", err)
	}
	return parsed
}
