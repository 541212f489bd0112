package lsp

import (
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/lsp/textpos"
	"github.com/workos-lsp/workos-lsp/sdkcall"
	"github.com/workos-lsp/workos-lsp/workspace"
)

// document is one version of an open text document. It is immutable once stored: an edit makes a new
// document, so a request that took a *document keeps reading the version it started with. The
// position mapper and the sdkcall analysis are computed lazily, once per version.
type document struct {
	uri        uri.URI
	path       string // the file's path for a file: URI, "" for others (untitled:, …)
	languageID string
	lang       corpus.Language
	known      bool // lang was recognised from the language id or the file extension
	version    int32
	// text is the document's text. A version made by didChange gets it when first handed out of
	// the store (textOnce, from pending): a burst of keystrokes with no request between them
	// then costs one pass over the text, not one copy of a 20,000-line file per keystroke. Every
	// openFiles method that returns a document returns it with its text.
	text     string
	textOnce sync.Once
	pending  *pendingText

	mapperOnce sync.Once
	mapper     *textpos.Mapper
	fileOnce   sync.Once
	file       atomic.Pointer[sdkcall.File]
	// prevFile is an earlier version's analysis and where this version differs from its text,
	// until this version's analysis is derived from it (then it is dropped: no old version is
	// held); prevMapper the same for the mapper.
	prevFile   atomic.Pointer[edit[*sdkcall.File]]
	prevMapper *edit[*textpos.Mapper]

	// Whole-file results for one docs generation (code actions ask for diagnostics on every cursor
	// move; links are asked for on every scroll).
	mu      sync.Mutex
	gen     uint64
	project *workspace.Snapshot // cross-file answers depend on the other files too
	cache   map[string]any
}

// memo computes fn once per document version, docs generation and workspace snapshot.
func (d *document) memo(v view, key string, fn func() any) any {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cache == nil || d.gen != v.ld.gen || d.project != v.project {
		d.gen, d.project, d.cache = v.ld.gen, v.project, map[string]any{}
	}
	got, ok := d.cache[key]
	if !ok {
		got = fn()
		d.cache[key] = got
	}
	return got
}

// edit is what an earlier version made (its mapper or analysis) and where this version's text
// differs from that version's: in all but its first prefix and last suffix bytes.
type edit[T any] struct {
	from           T
	prefix, suffix int
}

// pendingText is a version's text not yet made: base's text with changes applied in order.
type pendingText struct {
	base    *document // a version with its text
	changes []protocol.TextDocumentContentChangeEvent
	enc     textpos.Encoding
}

// maxPending bounds the changes a version defers: past it, the next change makes the text first.
const maxPending = 1024

// materialize makes a deferred text (and the mapper and analysis edits it derives from base).
// Safe for concurrent use: it reads only base and the changes, which no one writes.
func (d *document) materialize() {
	d.textOnce.Do(func() {
		p := d.pending
		if p == nil {
			return
		}
		text, _, prefix, suffix := applyChanges(p.base.text, p.base.Mapper(), p.changes, p.enc)
		d.text = text
		d.derive(p.base, prefix, suffix)
		d.pending = nil
	})
}

// withChanges is the next version of d: d's text with changes applied, made when first needed.
func (d *document) withChanges(version int32, changes []protocol.TextDocumentContentChangeEvent, enc textpos.Encoding) *document {
	next := &document{uri: d.uri, path: d.path, languageID: d.languageID, lang: d.lang, known: d.known, version: version}
	if p := d.pending; p != nil && p.enc == enc && len(p.changes)+len(changes) <= maxPending {
		// d was never handed out (that would have made its text): its changes become next's.
		next.pending = &pendingText{base: p.base, changes: append(p.changes, changes...), enc: enc}
		return next
	}
	d.materialize()
	next.pending = &pendingText{base: d, changes: changes, enc: enc}
	return next
}

// size is the length of d's text, or of the text its pending changes apply to.
func (d *document) size() int {
	if p := d.pending; p != nil {
		return len(p.base.text)
	}
	return len(d.text)
}

func newDocument(u uri.URI, languageID string, version int32, text string) *document {
	d := &document{uri: u, languageID: languageID, version: version, text: text}
	if u.Scheme() == "file" {
		d.path = u.FsPath()
	}
	d.lang, d.known = detectLanguage(languageID, u)
	return d
}

// derive sets up next, whose text differs from d's in all but its first prefix and last suffix
// bytes, to derive its mapper and analysis from d's when asked for: from d's own, or from those d
// would have derived its own from when d made none.
func (next *document) derive(d *document, prefix, suffix int) {
	text := next.text
	next.prevMapper = &edit[*textpos.Mapper]{from: d.Mapper(), prefix: prefix, suffix: suffix}
	// prevFile is read before file: it is dropped only once file is stored.
	if p := d.prevFile.Load(); p != nil {
		// A byte unchanged by both edits is unchanged from the first text to the last.
		next.prevFile.Store(&edit[*sdkcall.File]{from: p.from, prefix: min(p.prefix, prefix), suffix: min(p.suffix, suffix)})
	}
	if len(text) > maxAnalyzedBytes {
		next.prevFile.Store(nil) // never analysed: hold no old analysis
	} else if f := d.file.Load(); f != nil {
		next.prevFile.Store(&edit[*sdkcall.File]{from: f, prefix: prefix, suffix: suffix})
	}
}

func (d *document) Mapper() *textpos.Mapper {
	d.materialize()
	d.mapperOnce.Do(func() {
		if p := d.prevMapper; p != nil {
			d.mapper = p.from.Edited(d.text, p.prefix, p.suffix)
			d.prevMapper = nil
		} else {
			d.mapper = textpos.New(d.text)
		}
	})
	return d.mapper
}

// maxAnalyzedBytes bounds the documents that get WorkOS features. The analysis and its answers grow
// with the text (a 50 MB file gave a 199 MB documentLink answer and 1.7 GB RSS); no source file a
// person edits is this large, and a generated or minified one gains nothing from hovers.
const maxAnalyzedBytes = 16 << 20

// File is the sdkcall analysis of this version (nil for unrecognised languages and for documents over
// maxAnalyzedBytes).
func (d *document) File() *sdkcall.File {
	d.materialize()
	if !d.known || len(d.text) > maxAnalyzedBytes {
		return nil
	}
	d.fileOnce.Do(func() {
		if p := d.prevFile.Load(); p != nil {
			d.file.Store(p.from.Edited(d.text, p.prefix, p.suffix))
			d.prevFile.Store(nil)
			return
		}
		d.file.Store(sdkcall.Analyze(d.lang, d.text))
	})
	return d.file.Load()
}

// Diagnostics is f.Diagnostics, once per version, docs generation and workspace snapshot.
func (d *document) Diagnostics(f *sdkcall.File, v view) []sdkcall.Diagnostic {
	return d.memo(v, "diagnostics", func() any { return f.Diagnostics(v.ld.index) }).([]sdkcall.Diagnostic)
}

// detectLanguage maps an editor's language id (any name of the language table: typescriptreact,
// shellscript, bash), or failing that the file extension, to an SDK language.
func detectLanguage(languageID string, u uri.URI) (corpus.Language, bool) {
	if l, ok := corpus.ParseLanguage(languageID); ok {
		return l, true
	}
	return corpus.LanguageOfPath(u.Path())
}

// normURI is the key of the open files: the canonical form of a URI (the protocol decoder already canonicalises,
// this keeps the lookups correct for URIs that come from anywhere else).
func normURI(u uri.URI) uri.URI {
	if p, err := uri.Parse(string(u)); err == nil {
		return p
	}
	return u
}

// openFiles holds the documents the client has open. Writes happen only on the connection's read
// loop (notifications are handled in order there); requests read a *document snapshot.
type openFiles struct {
	mu     sync.RWMutex
	byURI  map[uri.URI]*document
	byPath map[string]*document // the documents with a file path, for the workspace's reads
	// active is the document last opened or edited: the one the user is in, as far as the protocol
	// tells (workspace/symbol carries no document).
	active uri.URI
}

// activeLanguage is the SDK language of the active document, "" when none is known.
func (o *openFiles) activeLanguage() corpus.Language {
	o.mu.RLock()
	defer o.mu.RUnlock()
	if d := o.byURI[o.active]; d != nil && d.known {
		return d.lang
	}
	return ""
}

func newOpenFiles() *openFiles {
	return &openFiles{byURI: map[uri.URI]*document{}, byPath: map[string]*document{}}
}

// text is the open document's text at path (the workspace reads open files through it).
func (o *openFiles) text(path string) (string, bool) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	if d := o.byPath[filepath.Clean(path)]; d != nil {
		d.materialize()
		return d.text, true
	}
	return "", false
}

// atPath is the open document at path, nil when none is open there.
func (o *openFiles) atPath(path string) *document {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return made(o.byPath[filepath.Clean(path)])
}

// made is d with its text (nil for nil).
func made(d *document) *document {
	if d != nil {
		d.materialize()
	}
	return d
}

func (o *openFiles) index(d *document) {
	if d.path != "" {
		o.byPath[filepath.Clean(d.path)] = d
	}
}

func (o *openFiles) get(u uri.URI) *document {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return made(o.byURI[normURI(u)])
}

func (o *openFiles) all() []*document {
	o.mu.RLock()
	defer o.mu.RUnlock()
	out := make([]*document, 0, len(o.byURI))
	for _, d := range o.byURI {
		out = append(out, made(d))
	}
	return out
}

func (o *openFiles) open(d *document) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.byURI[normURI(d.uri)] = d
	o.index(d)
	o.active = normURI(d.uri)
}

func (o *openFiles) close(u uri.URI) *document {
	o.mu.Lock()
	defer o.mu.Unlock()
	k := normURI(u)
	d := o.byURI[k]
	delete(o.byURI, k)
	if d != nil && d.path != "" && o.byPath[filepath.Clean(d.path)] == d {
		delete(o.byPath, filepath.Clean(d.path))
	}
	return d
}

// changeResult says what a didChange did.
type changeResult int

const (
	changeApplied changeResult = iota
	changeUnknownDoc
	changeStale
)

// change applies content changes in order, each against the text the previous one produced.
// The store's lock is held while applying, so a batch must cost about one pass over the text.
func (o *openFiles) change(u uri.URI, version int32, changes []protocol.TextDocumentContentChangeEvent, enc textpos.Encoding) (*document, changeResult) {
	o.mu.Lock()
	defer o.mu.Unlock()
	k := normURI(u)
	cur := o.byURI[k]
	if cur == nil {
		return nil, changeUnknownDoc
	}
	if version <= cur.version {
		return cur, changeStale
	}
	next := cur.withChanges(version, changes, enc)
	o.byURI[k] = next
	o.index(next)
	o.active = k
	return next, changeApplied
}

// applyChanges applies content changes in order, each against the text the previous one produced, and
// returns the text, how many times the text had to be joined and re-indexed on the way, and how many
// bytes the new text shares with the old at its start (prefix) and, after those, at its end (suffix).
//
// A client's multi-cursor edit arrives as one batch of changes, last in the document first, so each
// lies before everything already changed. Such a change is resolved with the mapper of the text as it
// was (the bytes before the first changed byte are untouched) and is prepended to the changed tail
// without copying the text: a batch of 1,000 edits of a 12 MB file costs one pass, not 1,000 (12 s on
// the read loop). Any other change (keystrokes deferred by the store arrive as one batch in typing
// order) joins the text once into a buffer that the following changes edit in place, each
// re-indexing only its lines.
func applyChanges(text string, m *textpos.Mapper, changes []protocol.TextDocumentContentChangeEvent, enc textpos.Encoding) (_ string, rebuilds, prefix, suffix int) {
	// The current text is base[:untouched] + the tail pieces in reverse order; m indexes base.
	base, untouched := text, len(text)
	// A byte that no change touched is where it was, counted from the start or from the end.
	prefix, suffix = len(text), len(text)
	length := len(text) // of the current text
	var tail []string
	// buf, once joined, is the current text; m indexes it (through strings that alias it, which
	// only m reads, and only until the next edit replaces m).
	var buf []byte
	join := func() {
		buf = make([]byte, 0, untouched+lenAll(tail)+len(base)/16+64) // room for the changes after it
		buf = append(buf, base[:untouched]...)
		for i := len(tail) - 1; i >= 0; i-- {
			buf = append(buf, tail[i]...)
		}
		base, untouched, tail, m = "", 0, tail[:0], nil // re-indexed when a change needs it
		rebuilds++
	}
	for _, ch := range changes {
		switch c := ch.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			p, q := 0, 0 // after partial changes of the same batch: rare, compared as all new
			if len(tail) == 0 && buf == nil {
				p, q = sdkcall.EditSpan(base[:untouched], c.Text)
			}
			prefix, suffix, length = min(prefix, p), min(suffix, q), len(c.Text)
			base, untouched, tail, m, buf = c.Text, len(c.Text), tail[:0], nil, nil
		case *protocol.TextDocumentContentChangePartial:
			for {
				if m == nil && buf != nil {
					m = textpos.New(aliasString(buf))
				} else if m == nil {
					m = textpos.New(base)
				}
				start := m.Offset(textpos.Position{Line: c.Range.Start.Line, Character: c.Range.Start.Character}, enc)
				end := m.Offset(textpos.Position{Line: c.Range.End.Line, Character: c.Range.End.Character}, enc)
				if end < start {
					start, end = end, start
				}
				if buf != nil {
					prefix, suffix = min(prefix, start), min(suffix, length-end)
					old := len(buf)
					buf = splice(buf, start, end, c.Text)
					length = len(buf)
					m = m.Edited(aliasString(buf), start, old-end)
					break
				}
				// Offsets found in base hold for the current text only strictly before the first changed
				// byte: at it, base's line may end where the current one goes on.
				if len(tail) > 0 && end >= untouched {
					join()
					continue
				}
				prefix, suffix = min(prefix, start), min(suffix, length-end)
				length += len(c.Text) - (end - start)
				tail = append(tail, base[end:untouched], c.Text)
				untouched = start
				break
			}
		}
	}
	switch {
	case buf != nil:
		// buf is not written again: the text may alias it, as strings.Builder's does.
		return aliasString(buf), rebuilds - 1, prefix, suffix // the join is the one pass every batch needs
	case len(tail) == 0:
		return base[:untouched], rebuilds, prefix, suffix
	}
	// The final join is the one pass every batch needs (a Builder's buffer is not zeroed first).
	var b strings.Builder
	b.Grow(untouched + lenAll(tail))
	b.WriteString(base[:untouched])
	for i := len(tail) - 1; i >= 0; i-- {
		b.WriteString(tail[i])
	}
	return b.String(), rebuilds, prefix, suffix
}

// splice replaces buf[start:end] with text, in place when buf has the room.
func splice(buf []byte, start, end int, text string) []byte {
	n := len(buf) - (end - start) + len(text)
	if n > cap(buf) {
		grown := make([]byte, n, n+n/16+64)
		copy(grown, buf[:start])
		copy(grown[start:], text)
		copy(grown[start+len(text):], buf[end:])
		return grown
	}
	tail := len(buf) - end
	buf = buf[:max(n, len(buf))]
	copy(buf[start+len(text):], buf[end:end+tail])
	copy(buf[start:], text)
	return buf[:n]
}

// aliasString is b as a string without a copy; b must not be written while the string is read.
func aliasString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

func lenAll(list []string) int {
	n := 0
	for _, s := range list {
		n += len(s)
	}
	return n
}
