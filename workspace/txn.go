package workspace

import (
	"path/filepath"
	"slices"
	"sync"
)

// txn builds the next snapshot from the current one. Only the writer holding Workspace.mu has one.
type txn struct {
	base             *Snapshot
	files            *pmapTxn[*File]
	dirs, keys       *multiTxn
	decls            *multiTxn
	manifests        *pmapTxn[*Manifest]
	manifestsChanged bool
	folders          []string
	scanning         int
}

func (s *Snapshot) txn() *txn {
	return &txn{
		base:      s,
		files:     s.files.txn(),
		dirs:      s.dirs.txn(),
		keys:      s.keys.txn(),
		decls:     s.decls.txn(),
		manifests: s.manifests.txn(),
		folders:   s.folders,
		scanning:  s.scanning,
	}
}

func (t *txn) file(path string) (*File, bool) { return t.files.get(path) }

// putFile adds or replaces a record and its index entries.
func (t *txn) putFile(f *File) {
	if old, ok := t.files.get(f.Path); ok {
		t.unindex(old)
	}
	indexImportKeys(f)
	t.files.set(f.Path, f)
	t.dirs.insert(filepath.Dir(f.Path), f.Path)
	for _, k := range f.keys {
		t.keys.insert(k, f.Path)
	}
	for _, ns := range indexedNamespaces(f) {
		t.decls.insert(declKey(f.Lang, ns), f.Path)
	}
}

func (t *txn) removeFile(path string) bool {
	old, ok := t.files.get(path)
	if !ok {
		return false
	}
	t.unindex(old)
	t.files.delete(path)
	return true
}

func (t *txn) unindex(old *File) {
	t.dirs.remove(filepath.Dir(old.Path), old.Path)
	for _, k := range old.keys {
		t.keys.remove(k, old.Path)
	}
	for _, ns := range indexedNamespaces(old) {
		t.decls.remove(declKey(old.Lang, ns), old.Path)
	}
}

func (t *txn) putManifest(m *Manifest) {
	t.manifests.set(m.Path, m)
	t.manifestsChanged = true
}

func (t *txn) removeManifest(path string) bool {
	if _, ok := t.manifests.get(path); !ok {
		return false
	}
	t.manifests.delete(path)
	t.manifestsChanged = true
	return true
}

func (t *txn) commit() *Snapshot {
	s := &Snapshot{
		folders:   t.folders,
		files:     t.files.commit(),
		dirs:      t.dirs.commit(),
		keys:      t.keys.commit(),
		decls:     t.decls.commit(),
		manifests: t.manifests.commit(),
		projects:  t.base.projects,
		scanning:  t.scanning,
		cache:     &snapshotCache{tsconfig: &sync.Map{}, reachesSDK: &sync.Map{}},
	}
	if t.manifestsChanged || s.projects == nil {
		s.projects = buildProjects(s.manifests)
	} else if t.base.cache != nil && slices.Equal(t.folders, t.base.folders) {
		s.cache.tsconfig = t.base.cache.tsconfig
	}
	return s
}
