package fetch

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

const (
	// EnvCacheDir overrides the cache root (default os.UserCacheDir()/workos-lsp).
	EnvCacheDir = "WORKOS_LSP_CACHE"

	manifestName   = "manifest.json"
	manifestFormat = 1
	tempPrefix     = ".tmp-"
	// staleTempAge is how old a temp dir must be before we assume its writer died. Extraction takes
	// well under a second, so an hour leaves concurrent processes alone with a wide margin.
	staleTempAge = time.Hour
)

// Manifest describes one cached corpus; it is stored as manifest.json in the corpus directory and
// written last, so its presence marks the directory as complete.
type Manifest struct {
	Format    int       `json:"format"`
	Package   string    `json:"package"`
	Version   string    `json:"version"`
	Integrity string    `json:"integrity"` // dist.integrity as the registry gave it
	Digest    string    `json:"digest"`    // hex sha512 of the tarball
	Tarball   string    `json:"tarball"`
	Registry  string    `json:"registry"`
	FetchedAt time.Time `json:"fetched_at"`
	Files     int       `json:"files"` // files extracted (pages and changelogs)

	Dir string `json:"-"` // the corpus directory, filled in when read from disk
}

// CacheRoot returns the cache root: WORKOS_LSP_CACHE if set, else os.UserCacheDir()/workos-lsp.
// getenv nil means os.Getenv.
func CacheRoot(getenv func(string) string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if dir := getenv(EnvCacheDir); dir != "" {
		return dir, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find cache directory (set %s): %w", EnvCacheDir, err)
	}
	return filepath.Join(base, "workos-lsp"), nil
}

// corpusDirName is "<version>-<first 16 hex digits of the tarball's sha512>": one directory per
// content, so a re-published or mirrored tarball with other bytes never mixes with the first.
func corpusDirName(version, digest string) string {
	return version + "-" + digest[:16]
}

// Cached lists the valid corpora under root, newest version first (ties: most recently fetched
// first). Directories without a valid manifest are ignored. A missing root is an empty cache.
func Cached(root string) ([]Manifest, error) {
	entries, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read cache %s: %w", root, err)
	}
	var out []Manifest
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if m, err := readManifest(filepath.Join(root, e.Name())); err == nil {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b Manifest) int {
		if c := compareVersions(b.Version, a.Version); c != 0 {
			return c
		}
		return b.FetchedAt.Compare(a.FetchedAt)
	})
	return out, nil
}

// readManifest loads dir/manifest.json and checks that it matches the directory it is in.
func readManifest(dir string) (Manifest, error) {
	var m Manifest
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("%s: %w", manifestName, err)
	}
	if err := m.validate(); err != nil {
		return m, err
	}
	if filepath.Base(dir) != corpusDirName(m.Version, m.Digest) {
		return m, fmt.Errorf("%s: names %s, not the directory it is in", manifestName, corpusDirName(m.Version, m.Digest))
	}
	if fi, err := os.Stat(filepath.Join(dir, "docs")); err != nil || !fi.IsDir() {
		return m, errors.New("no docs directory")
	}
	m.Dir = dir
	return m, nil
}

func (m Manifest) validate() error {
	if m.Format != manifestFormat {
		return fmt.Errorf("manifest format %d, want %d", m.Format, manifestFormat)
	}
	if _, ok := parseSemver(m.Version); !ok {
		return fmt.Errorf("manifest version %q is not a semver version", m.Version)
	}
	if b, err := hex.DecodeString(m.Digest); err != nil || len(b) != 64 {
		return fmt.Errorf("manifest digest %q is not a hex sha512", m.Digest)
	}
	return nil
}

func writeManifest(dir string, m Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, manifestName), append(data, '\n'), 0o644)
}

// publish moves a fully written temp corpus into place. If another process published the same
// content first, its directory is kept and ours dropped; a directory with that name but no valid
// manifest can only be debris (names are content addresses), so it is replaced.
func publish(tmp, final string) (Manifest, error) {
	err := os.Rename(tmp, final)
	if err == nil {
		return readManifest(final)
	}
	if m, rerr := readManifest(final); rerr == nil {
		os.RemoveAll(tmp)
		return m, nil
	}
	if _, serr := os.Lstat(final); serr != nil {
		return Manifest{}, fmt.Errorf("move corpus into cache: %w", err)
	}
	if rerr := os.RemoveAll(final); rerr != nil {
		return Manifest{}, fmt.Errorf("replace invalid cache directory %s: %w", final, rerr)
	}
	if err := os.Rename(tmp, final); err != nil {
		return Manifest{}, fmt.Errorf("move corpus into cache: %w", err)
	}
	return readManifest(final)
}

// removeStaleTemps deletes temp dirs left by interrupted runs. Recent ones may belong to a
// concurrent process and are left alone. Failures only waste disk space, so they are ignored.
func removeStaleTemps(root string, now time.Time) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > staleTempAge {
			os.RemoveAll(filepath.Join(root, e.Name()))
		}
	}
}
