package sdkcall

import (
	"sync"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Index is one symbol table with what the lookups derive from it per language (options types, the
// typo filter), built lazily the first time a file of that language asks. Hold one per docs snapshot
// and pass it to every question; it has no global registry, so dropping the snapshot frees both.
// Safe for concurrent use.
type Index struct {
	symbols *corpus.Symbols
	langs   map[corpus.Language]*langIndex // one cell per reference language, fixed at NewIndex
}

type langIndex struct {
	once sync.Once
	ix   *symIndex
}

// NewIndex wraps a symbol table. Nothing is derived until a language is first asked about (or
// warmed).
func NewIndex(symbols *corpus.Symbols) *Index {
	ix := &Index{symbols: symbols, langs: make(map[corpus.Language]*langIndex, len(corpus.ReferenceLanguages))}
	for _, l := range corpus.ReferenceLanguages {
		ix.langs[l] = &langIndex{}
	}
	return ix
}

// Symbols is the symbol table the index answers from.
func (ix *Index) Symbols() *corpus.Symbols {
	if ix == nil {
		return nil
	}
	return ix.symbols
}

// Warm builds what the lookups in langs need (a few milliseconds per language on the real docs), so
// that the first question after the docs load does not pay for it.
func (ix *Index) Warm(langs ...corpus.Language) {
	for _, l := range langs {
		ix.of(l)
	}
}

var emptyIndex = &symIndex{}

// of is the derived index of one language, built on first use.
func (ix *Index) of(lang corpus.Language) *symIndex {
	c := ix.langs[lang]
	if c == nil || ix.symbols == nil {
		return emptyIndex
	}
	c.once.Do(func() { c.ix = buildIndex(ix.symbols, lang) })
	return c.ix
}
