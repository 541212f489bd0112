// Package search is ranked full-text search over the docs corpus: pages, sections, SDK reference
// entries and events, indexed with bleve (scorch) under an explicit mapping. An index is built in
// memory (Build) or cached on disk per corpus snapshot (Open), and is safe for concurrent searches.
//
// Documents (docs.go): one per page, per headed section, per SDK entry and per event. Prose goes to
// English-analysed fields (title, headings, summary, context, body); code names go to the
// identifiers field, whose analyzer (analysis.go) splits camelCase, snake_case, dots, "->" and "::"
// and keeps the compound, and to the exact field, which holds whole names normalised across SDK
// spellings. kind and language are keyword fields used as filters.
//
// Queries (query.go): a disjunction of per-field matches with boosts, phrase matches,
// adjacent words joined ("log out" → logout), acronyms spelt out as the docs spell
// them ("SSO" → "single sign-on") and exact-name terms for words written like code; hits are then
// grouped so that a page, its sections and its entries show once. Questions (expand.go) are read
// with their phrasal verbs in the docs' words, near-synonyms, "-less" words and status codes of the
// docs' error tables, a coverage clause, and events first when they ask for an event; a second
// stage (rerank.go) weighs how much of a question the name of each hit's page covers; an editor's
// language ranks its SDK's entries first (Options.PreferLanguage).
// testdata/judged.tsv holds the queries the boosts were tuned on (TestJudgedQueries);
// testdata/questions.tsv the judged questions: a tuning part and two held-aside parts (TestJudgedQuestions).
package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/search/internal/bleveapi"
)

// Index is a search index over one corpus snapshot. Its methods may be called concurrently; Close
// releases its files.
type Index struct {
	idx      *bleveapi.Index
	dir      string // "" for an in-memory index
	rebuilt  bool
	docs     uint64
	acronyms map[string]string // "sso" → "single sign-on", from the corpus
	less     map[string]string // "password" → "passwordless", from the corpus
	names    lazyNames         // what each page and event is called, for the second stage (rerank.go)
	stats    *fieldStats       // BM25 field lengths (bm25.go)
}

// Meta is stored beside an index on disk. An index whose mapping version, corpus version or digest
// differs from the current ones is stale.
type Meta struct {
	MappingVersion int    `json:"mappingVersion"`
	CorpusVersion  string `json:"corpusVersion"`
	Digest         string `json:"digest"`
	// Docs is the number of documents, checked when opening.
	Docs uint64 `json:"docs"`
	// Acronyms are what the corpus's acronyms stand for, used to expand queries.
	Acronyms map[string]string `json:"acronyms,omitempty"`
	// Less are the corpus's "-less" words by stem, used to read "without a password" as "passwordless".
	Less map[string]string `json:"less,omitempty"`
	// Fields are the BM25 field lengths (bm25.go).
	Fields *fieldStats `json:"fields,omitempty"`
}

// sameSnapshot reports whether m describes an index of the snapshot and mapping that want names.
func (m Meta) sameSnapshot(want Meta) bool {
	return m.MappingVersion == want.MappingVersion && m.CorpusVersion == want.CorpusVersion && m.Digest == want.Digest
}

const (
	metaFile = "meta.json"
	bleveDir = "bleve"
)

// Build indexes c in memory.
func Build(ctx context.Context, c *corpus.Corpus) (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("search: mapping: %w", err)
	}
	// Scorch with no path keeps its segments in memory.
	idx, err := bleveapi.New("", m)
	if err != nil {
		return nil, fmt.Errorf("search: new index: %w", err)
	}
	// In memory there is no writing to overlap with: one batch, one segment.
	docs := documents(c)
	n, err := indexAll(ctx, docs, idx, max(1, len(docs)))
	if err != nil {
		_ = idx.Close()
		return nil, err
	}
	stats, err := measureFields(ctx, idx)
	if err != nil {
		_ = idx.Close()
		return nil, fmt.Errorf("search: field lengths: %w", err)
	}
	return &Index{idx: idx, docs: n, acronyms: acronyms(c), less: lessWords(c), names: lazyNames{corpus: c}, stats: stats}, nil
}

// diskBatchDocs is how many documents go into one scorch batch of an on-disk build. A batch is
// analysed and built as a segment in memory before it is written, so the batch size bounds a build's
// memory: the docs 0.2.0 (3,927 documents) in one batch peaked at ~205 MB RSS, in batches of 250 at
// ~85 MB (parsed corpus included). The segments are then merged into one on disk (a search visits every segment).
var diskBatchDocs = 250 // a variable so a test can make a small corpus span batches

// indexAll indexes docs in batches of batch documents; scorch analyses a batch's documents on all
// cores.
func indexAll(ctx context.Context, docs []indexDoc, idx *bleveapi.Index, batch int) (uint64, error) {
	for start := 0; start < len(docs); start += batch {
		b := idx.NewBatch()
		for _, d := range docs[start:min(len(docs), start+batch)] {
			if err := b.Index(d.id, d.d); err != nil {
				return 0, fmt.Errorf("search: index %s: %w", d.id, err)
			}
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if err := idx.Batch(b); err != nil {
			return 0, fmt.Errorf("search: index batch: %w", err)
		}
	}
	return uint64(len(docs)), nil
}

// mergeToOneSegment merges an on-disk scorch index's segments into one.
func mergeToOneSegment(ctx context.Context, idx *bleveapi.Index) error {
	sc := idx.Scorch()
	// One force merge merges at most SegmentsPerMergeTask segments per task, and segments still
	// being persisted join later: repeat until one is left.
	for range 10 {
		if n, _ := sc.StatsMap()["num_root_filesegments"].(uint64); n <= 1 && memorySegments(sc) == 0 {
			return nil
		}
		if err := sc.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions); err != nil {
			return err
		}
	}
	return fmt.Errorf("search: %v segments left after merging", sc.StatsMap()["num_root_filesegments"])
}

func memorySegments(sc *scorch.Scorch) uint64 {
	n, _ := sc.StatsMap()["num_root_memorysegments"].(uint64)
	return n
}

// Open returns the index of c cached in dir (for example <cache>/index/<corpus digest>), building it
// first when dir holds no index, a stale one (different mapping version, corpus version or digest)
// or an unreadable one. A rebuild is written to a temporary folder beside dir and renamed into place,
// so a reader never sees half an index. The cached index is opened read-only, so several processes
// may share it.
func Open(ctx context.Context, c *corpus.Corpus, dir string) (*Index, error) {
	want := Meta{MappingVersion: MappingVersion, CorpusVersion: c.Version, Digest: c.Digest}
	if ix, err := openCached(dir, want); err == nil {
		ix.names.corpus = c
		return ix, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := buildOnDisk(ctx, c, dir, want); err != nil {
		return nil, err
	}
	ix, err := openCached(dir, want)
	if err != nil {
		return nil, fmt.Errorf("search: open rebuilt index %s: %w", dir, err)
	}
	ix.rebuilt = true
	ix.names.corpus = c
	return ix, nil
}

var errStale = errors.New("stale index")

// openCached opens the index in dir if its meta matches want and it answers a probe query.
func openCached(dir string, want Meta) (ix *Index, err error) {
	have, err := readMeta(dir)
	if err != nil {
		return nil, err
	}
	if !have.sameSnapshot(want) {
		return nil, errStale
	}
	docs := have.Docs
	// Damaged files can make bleve panic rather than fail; treat a panic while opening or probing the
	// index like any other error, so a corrupt cache is rebuilt instead of crashing the caller.
	var idx *bleveapi.Index
	defer func() {
		if r := recover(); r != nil {
			if idx != nil {
				_ = idx.Close()
			}
			ix, err = nil, fmt.Errorf("open index: %v", r)
		}
	}()
	idx, err = bleveapi.Open(filepath.Join(dir, bleveDir), map[string]interface{}{
		"read_only":    true,
		"bolt_timeout": "2s",
	})
	if err != nil {
		return nil, err
	}
	if n, err := idx.DocCount(); err != nil || n != docs {
		_ = idx.Close()
		return nil, fmt.Errorf("probe index: %d documents, want %d (%v)", n, docs, err)
	}
	if _, err := idx.Search(probeRequest()); err != nil {
		_ = idx.Close()
		return nil, fmt.Errorf("probe index: %w", err)
	}
	return &Index{idx: idx, dir: dir, docs: docs, acronyms: have.Acronyms, less: have.Less, stats: have.Fields}, nil
}

// probeRequest reads stored fields of a few documents, which touches the dictionary, postings and
// stored sections of the segment.
func probeRequest() *bleveapi.SearchRequest {
	req := bleveapi.NewSearchRequestOptions(bleveapi.NewMatchAllQuery(), 3, 0, false)
	req.Fields = storedFields
	return req
}

func buildOnDisk(ctx context.Context, c *corpus.Corpus, dir string, meta Meta) (err error) {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("search: create %s: %w", parent, err)
	}
	removeAbandonedBuilds(parent, filepath.Base(dir), time.Now().Add(-abandonedBuildAge))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".build-")
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	m, err := newMapping()
	if err != nil {
		return fmt.Errorf("search: mapping: %w", err)
	}
	// A scorch index written in (safe, so persisted when Batch returns) batches, then merged into one
	// segment; each batch is analysed on all cores. bleve's offline Builder gives the same files but analyses on one core,
	// which measured slower here.
	work := filepath.Join(tmp, "work")
	idx, err := bleveapi.New(work, m)
	if err != nil {
		return fmt.Errorf("search: new index: %w", err)
	}
	docs := documents(c)
	if _, err := indexAll(ctx, docs, idx, diskBatchDocs); err != nil {
		_ = idx.Close()
		return err
	}
	if err := mergeToOneSegment(ctx, idx); err != nil {
		_ = idx.Close()
		return fmt.Errorf("search: merge segments: %w", err)
	}
	if meta.Fields, err = measureFields(ctx, idx); err != nil {
		_ = idx.Close()
		return fmt.Errorf("search: field lengths: %w", err)
	}
	// The build folder still holds the merged-away segments (scorch removes them in the background);
	// the cache gets a copy of the merged snapshot alone.
	if err := idx.CopyTo(bleveapi.FileSystemDirectory(filepath.Join(tmp, bleveDir))); err != nil {
		_ = idx.Close()
		return fmt.Errorf("search: write index: %w", err)
	}
	if err := idx.Close(); err != nil {
		return fmt.Errorf("search: write index: %w", err)
	}
	if err := os.RemoveAll(work); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	meta.Docs = uint64(len(docs))
	meta.Acronyms = acronyms(c)
	meta.Less = lessWords(c)
	data, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, metaFile), append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("search: write meta: %w", err)
	}
	return replaceDir(tmp, dir, meta)
}

// abandonedBuildAge is how old a build folder must be to count as left behind by a process that
// exited mid-build (a build takes seconds; another process may be building the same index now).
const abandonedBuildAge = 10 * time.Minute

// removeAbandonedBuilds removes the build folders of the index base in parent last changed before
// cutoff.
func removeAbandonedBuilds(parent, base string, cutoff time.Time) {
	old, _ := filepath.Glob(filepath.Join(parent, "."+base+".build-*"))
	for _, d := range old {
		if fi, err := os.Stat(d); err == nil && fi.ModTime().Before(cutoff) {
			_ = os.RemoveAll(d)
		}
	}
}

// replaceDir moves the finished build tmp to dir, replacing whatever dir held. When another process
// has meanwhile put the same index in place, that one is kept and tmp discarded, so a process that
// already opened it keeps its files.
func replaceDir(tmp, dir string, meta Meta) error {
	if err := os.Rename(tmp, dir); err == nil {
		return nil
	}
	if ix, err := openCached(dir, meta); err == nil {
		_ = ix.Close()
		return os.RemoveAll(tmp)
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("search: move old index aside: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("search: move index into place: %w", err)
	}
	if err := os.RemoveAll(old); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("search: remove old index: %w", err)
	}
	return nil
}

func readMeta(dir string) (Meta, error) {
	var m Meta
	data, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("read %s: %w", metaFile, err)
	}
	return m, nil
}

// Rebuilt reports whether Open had to build the index rather than reuse the cached one.
func (ix *Index) Rebuilt() bool { return ix.rebuilt }

// Dir is the folder of an on-disk index, "" for an in-memory one.
func (ix *Index) Dir() string { return ix.dir }

// DocCount is the number of indexed documents.
func (ix *Index) DocCount() uint64 { return ix.docs }

// Close releases the index and its files.
func (ix *Index) Close() error {
	if ix == nil || ix.idx == nil {
		return nil
	}
	return ix.idx.Close()
}
