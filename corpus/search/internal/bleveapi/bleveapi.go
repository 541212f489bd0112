// Package bleveapi is the part of bleve's root-package API that corpus/search uses (an index with
// its mapping, batches, top-N searches with stored fields, the query constructors), built directly
// on bleve's index/scorch, mapping, search, search/searcher and search/query packages.
//
// Why not the root package: it imports bleve's default index type, upsidedown, with its gtreap and
// boltdb key-value stores and google.golang.org/protobuf, plus highlighters, facets and score
// fusion, none of which a scorch-only index uses; they were 5 MB of the 26.6 MB release binary.
// Go links what a package's init registers, so the only way not to link them is not to import the
// root package. Likewise the match and compound queries (queries.go) and the mapping of documents
// to fields (docmap.go) are this package's own: bleve's link its JSON query parser and its geo
// packages into the binary (1 MB together), which this module never uses.
//
// The code follows bleve v2.6.3's indexImpl (index_impl.go) step by step for what this module
// asks of it, so that scores, order and stored fields are those bleve gives: the same scoring
// model callback (BM25 when the mapping says so), the same collector, the same early stop for
// unscored requests, the same on-disk layout (index_meta.json, store/, the mapping under the
// "_mapping" internal key), so indexes cached by builds that used the root package stay readable.
// What it leaves out (highlighting, facets, kNN, synonyms, nested documents, pagination cursors,
// score fusion, presearch) this module never asks for.
package bleveapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

const (
	metaFile   = "index_meta.json" // bleve's name for it
	storeDir   = "store"
	mappingKey = "_mapping" // bleve's util.MappingInternalKey
)

// ErrClosed is returned by an Index used after Close.
var ErrClosed = errors.New("index is closed")

// indexMeta is bleve's index_meta.json.
type indexMeta struct {
	Storage   string                 `json:"storage"`
	IndexType string                 `json:"index_type"`
	Config    map[string]interface{} `json:"config,omitempty"`
}

// analysisQueue analyses batches' documents for every index, like bleve's Config.analysisQueue
// (same size: 4 workers).
var analysisQueue = sync.OnceValue(func() *index.AnalysisQueue { return index.NewAnalysisQueue(4) })

// Index is a scorch index and the mapping its documents are analysed with. Its methods may be
// called concurrently; after Close they return ErrClosed.
type Index struct {
	mu   sync.RWMutex
	open bool
	i    index.Index
	m    mapping.IndexMapping
	path string // "" in memory

	mapperOnce sync.Once
	mapper     *docMapper
	mapperErr  error
}

// New creates a scorch index at path (a folder that must not exist yet), or in memory when path is "".
func New(path string, m mapping.IndexMapping) (*Index, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	config := map[string]interface{}{"path": ""}
	if path != "" {
		if err := writeMeta(path); err != nil {
			return nil, err
		}
		config = map[string]interface{}{
			"create_if_missing": true,
			"error_if_exists":   true,
			"path":              filepath.Join(path, storeDir),
		}
	}
	ix, err := open(path, config, m)
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(m)
	if err == nil {
		err = ix.i.SetInternal([]byte(mappingKey), data)
	}
	if err != nil {
		_ = ix.i.Close()
		return nil, err
	}
	return ix, nil
}

// Open opens the index at path with the mapping stored in it; runtimeConfig is passed to scorch
// (e.g. "read_only": true).
func Open(path string, runtimeConfig map[string]interface{}) (*Index, error) {
	data, err := os.ReadFile(filepath.Join(path, metaFile))
	if err != nil {
		return nil, fmt.Errorf("read index meta: %w", err)
	}
	var meta indexMeta
	if err := json.Unmarshal(data, &meta); err != nil {
		return nil, fmt.Errorf("read index meta: %w", err)
	}
	if meta.IndexType != scorch.Name {
		return nil, fmt.Errorf("index type %q is not %s", meta.IndexType, scorch.Name)
	}
	config := meta.Config
	if config == nil {
		config = map[string]interface{}{}
	}
	config["path"] = filepath.Join(path, storeDir)
	config["create_if_missing"] = false
	config["error_if_exists"] = false
	for k, v := range runtimeConfig {
		config[k] = v
	}
	ix, err := open(path, config, nil)
	if err != nil {
		return nil, err
	}
	if ix.m, err = ix.storedMapping(); err == nil && nested(ix.m) {
		err = errNested
	}
	if err != nil {
		_ = ix.i.Close()
		return nil, err
	}
	return ix, nil
}

func open(path string, config map[string]interface{}, m mapping.IndexMapping) (*Index, error) {
	if nested(m) {
		return nil, errNested
	}
	i, err := scorch.NewScorch(scorch.Name, config, analysisQueue())
	if err != nil {
		return nil, err
	}
	if err := i.Open(); err != nil {
		return nil, err
	}
	return &Index{open: true, i: i, m: m, path: path}, nil
}

// errNested: bleve runs searches over nested documents with other collectors, which this package
// does not carry (this module's mapping has no nested fields).
var errNested = errors.New("mappings with nested fields are not supported")

func nested(m mapping.IndexMapping) bool {
	nm, ok := m.(mapping.NestedMapping)
	return ok && nm.CountNested() > 0
}

func writeMeta(path string) error {
	if err := os.MkdirAll(path, 0o700); err != nil {
		return err
	}
	data, err := json.Marshal(indexMeta{Storage: scorch.Name, IndexType: scorch.Name})
	if err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(path, metaFile), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (ix *Index) storedMapping() (mapping.IndexMapping, error) {
	r, err := ix.i.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := r.GetInternal([]byte(mappingKey))
	if err != nil {
		return nil, err
	}
	var m *mapping.IndexMappingImpl
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("read the index's mapping: %w", err)
	}
	if m == nil {
		return nil, errors.New("the index holds no mapping")
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// Advanced is the index underneath, for reading it directly (as bleve's Index.Advanced).
func (ix *Index) Advanced() (index.Index, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if !ix.open {
		return nil, ErrClosed
	}
	return ix.i, nil
}

// Scorch is the index underneath, for merging its segments.
func (ix *Index) Scorch() *scorch.Scorch {
	s, _ := ix.i.(*scorch.Scorch)
	return s
}

// Batch is a set of documents indexed together.
type Batch struct {
	mapper    *docMapper
	mapperErr error // why the index's mapping cannot map documents
	internal  *index.Batch
}

// NewBatch starts a batch for ix.
func (ix *Index) NewBatch() *Batch {
	ix.mapperOnce.Do(func() { ix.mapper, ix.mapperErr = newDocMapper(ix.m) })
	return &Batch{mapper: ix.mapper, mapperErr: ix.mapperErr, internal: index.NewBatch()}
}

// Index adds the document id, mapped from data by the index's mapping (see docMapper), to the batch.
func (b *Batch) Index(id string, data interface{}) error {
	if id == "" {
		return errors.New("document id is empty")
	}
	if b.mapperErr != nil {
		return b.mapperErr
	}
	doc := document.NewDocument(id)
	if err := b.mapper.mapDocument(doc, data); err != nil {
		return err
	}
	b.internal.Update(doc)
	return nil
}

// Batch indexes b's documents (analysed on the analysis queue's workers).
func (ix *Index) Batch(b *Batch) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if !ix.open {
		return ErrClosed
	}
	return ix.i.Batch(b.internal)
}

// DocCount is the number of documents in the index.
func (ix *Index) DocCount() (n uint64, err error) {
	err = ix.read(func(r index.IndexReader) (err error) {
		n, err = r.DocCount()
		return err
	})
	return n, err
}

// Fields names the fields the index holds terms of.
func (ix *Index) Fields() (fields []string, err error) {
	err = ix.read(func(r index.IndexReader) (err error) {
		fields, err = r.Fields()
		return err
	})
	return fields, err
}

// read runs fn on a reader of the index's current snapshot, while the index is open.
func (ix *Index) read(fn func(index.IndexReader) error) (err error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if !ix.open {
		return ErrClosed
	}
	r, err := ix.i.Reader()
	if err != nil {
		return err
	}
	defer closeInto(r, &err)
	return fn(r)
}

// CopyTo writes a copy of the index (its current snapshot and index_meta.json) to d.
func (ix *Index) CopyTo(d index.Directory) (err error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if !ix.open {
		return ErrClosed
	}
	ci, ok := ix.i.(index.CopyIndex)
	if !ok {
		return fmt.Errorf("%T cannot copy itself", ix.i)
	}
	cr := ci.CopyReader()
	if cr == nil {
		return errors.New("no copy reader")
	}
	defer func() {
		if cerr := cr.CloseCopyReader(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	if err := cr.CopyTo(d); err != nil {
		return fmt.Errorf("copy index data: %w", err)
	}
	meta, err := os.ReadFile(filepath.Join(ix.path, metaFile))
	if err != nil {
		return err
	}
	w, err := d.GetWriter(metaFile)
	if err != nil {
		return err
	}
	if _, err := w.Write(meta); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// Close releases the index; later calls return ErrClosed.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if !ix.open {
		return nil
	}
	ix.open = false
	return ix.i.Close()
}

func closeInto(c io.Closer, err *error) {
	if cerr := c.Close(); *err == nil && cerr != nil {
		*err = cerr
	}
}

// FileSystemDirectory is a folder that CopyTo writes into.
type FileSystemDirectory string

// GetWriter creates the file filePath (and its folders) under d.
func (d FileSystemDirectory) GetWriter(filePath string) (io.WriteCloser, error) {
	dir, file := filepath.Split(filePath)
	if dir != "" {
		if err := os.MkdirAll(filepath.Join(string(d), dir), os.ModePerm); err != nil {
			return nil, err
		}
	}
	return os.OpenFile(filepath.Join(string(d), dir, file), os.O_RDWR|os.O_CREATE, 0o600)
}
