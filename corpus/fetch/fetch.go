// Package fetch obtains the WorkOS docs corpus: the .docs/organized tree of the npm package
// @workos/mcp-docs-server. It resolves the npm registry from the user's npm config, downloads the
// tarball, verifies its SRI integrity before extracting anything, keeps only the docs, and stores
// each version in a content-addressed cache so later runs work offline. A local folder of MDX pages
// can stand in for the package.
package fetch

import (
	"bytes"
	"context"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Progress stages reported to Options.Progress.
const (
	StageDownload = "download" // done/total are tarball bytes; total is -1 when unknown
	StageExtract  = "extract"  // done/total are compressed tarball bytes consumed
)

// DefaultMaxTarballBytes caps the download (the real tarball is about 0.5 MiB).
const DefaultMaxTarballBytes = 64 << 20

// Timeouts for registry requests when the caller's context has none shorter. The packument
// timeout is short when a cached corpus can stand in, so startup never hangs on a slow network.
const (
	packumentTimeoutWithCache = 5 * time.Second
	packumentTimeout          = 30 * time.Second
	tarballTimeout            = 2 * time.Minute
)

// ErrNoCorpus means no corpus could be obtained: nothing usable is cached and the registry was not
// (or could not be) used.
var ErrNoCorpus = errors.New("no WorkOS docs corpus available")

// ErrVersionNotFound means a pinned version is not published in the registry.
var ErrVersionNotFound = errors.New("version not found")

// FixHint tells a user of the command line what to do when no corpus is available (it ends the
// ErrNoCorpus messages; an editor says its own way instead).
const FixHint = "run `workos-lsp corpus fetch` when online, or pass --docs DIR / " + EnvDocsDir + " pointing at a folder of MDX pages"

// Options controls Get. The zero value fetches the latest version through the user's npm registry
// into the default cache.
type Options struct {
	// Version pins an exact version ("0.2.0"); empty means the registry's dist-tags.latest.
	Version string
	// Offline never touches the network: the pinned version or else the newest cached one is used.
	Offline bool
	// DocsDir, when set, uses this local folder instead of the package (see LocalDocs); no
	// network and no cache are involved.
	DocsDir string
	// CacheDir is the cache root; empty means CacheRoot (WORKOS_LSP_CACHE, else the user cache).
	CacheDir string
	// Registry overrides the registry URL; empty means ResolveRegistry.
	Registry string
	// HTTPClient defaults to http.DefaultClient (which honours HTTPS_PROXY).
	HTTPClient *http.Client
	// Progress, if set, is called as bytes are downloaded and extracted.
	Progress func(stage string, done, total int64)
	// Getenv and HomeDir stand in for the process environment and home directory (tests inject
	// them); nil and "" mean os.Getenv and os.UserHomeDir.
	Getenv  func(string) string
	HomeDir string
	// MaxTarballBytes caps the download; zero means DefaultMaxTarballBytes.
	MaxTarballBytes int64
}

// Result locates a corpus on disk.
type Result struct {
	Version      string // "0.2.0", or LocalVersion for a local folder
	Digest       string // hex: sha512 of the tarball, or sha256 of a local folder's contents
	Dir          string // corpus root: holds docs/ and maybe changelogs/ (a local docs folder may be its own root)
	DocsDir      string // the MDX pages
	ChangelogDir string // changelog JSON files; "" when absent
	Integrity    string // dist.integrity of the tarball; "" for a local folder
	FromCache    bool   // the corpus was already in the cache (no download by this call)
	Note         string // for the user, e.g. that the registry failed and a cached corpus stands in
}

// Get returns a corpus on disk, downloading it if needed. See Options for the choices; in short:
// a local DocsDir wins; a pinned version already cached is used without any network; otherwise the
// registry is asked for the version (and its integrity), a matching cached corpus is reused, and
// else the tarball is downloaded, verified, extracted and cached. When the registry cannot be
// reached, the newest cached corpus (or the pinned one) is used and Result.Note says so.
func Get(ctx context.Context, opts Options) (*Result, error) {
	if opts.DocsDir != "" {
		return LocalDocs(opts.DocsDir)
	}
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	root := opts.CacheDir
	if root == "" {
		var err error
		if root, err = CacheRoot(getenv); err != nil {
			return nil, err
		}
	}
	pinned := ""
	if opts.Version != "" {
		v, ok := normalizeVersion(opts.Version)
		if !ok {
			return nil, fmt.Errorf("version %q: want an exact version such as 0.2.0", opts.Version)
		}
		pinned = v
	}
	cached, err := Cached(root)
	if err != nil {
		return nil, err
	}
	if pinned != "" {
		// Published npm versions are immutable, so a cached pin needs no registry round trip.
		if m, ok := findCached(cached, pinned, ""); ok {
			return resultFromManifest(m, true), nil
		}
	}
	if opts.Offline {
		return useCache(cached, pinned, root, "offline mode")
	}

	registry, source := opts.Registry, ""
	if registry == "" {
		home := opts.HomeDir
		if home == "" {
			home, _ = os.UserHomeDir() // without a home there is just no ~/.npmrc
		}
		registry, source = ResolveRegistry(getenv, home)
	}
	registry = withTrailingSlash(strings.TrimSpace(registry))
	f := &fetcher{
		client:   opts.HTTPClient,
		registry: registry,
		progress: opts.Progress,
		maxBytes: opts.MaxTarballBytes,
	}
	if f.client == nil {
		f.client = http.DefaultClient
	}
	if f.maxBytes <= 0 {
		f.maxBytes = DefaultMaxTarballBytes
	}

	timeout := packumentTimeout
	if len(cached) > 0 {
		timeout = packumentTimeoutWithCache
	}
	rel, err := f.release(ctx, pinned, timeout)
	if err != nil {
		return fallback(ctx, explainRegistry(err, source), cached, pinned, root)
	}
	if m, ok := findCached(cached, rel.version, rel.integritySRI); ok {
		return resultFromManifest(m, true), nil
	}
	m, err := f.install(ctx, root, rel)
	if err != nil {
		return fallback(ctx, err, cached, pinned, root)
	}
	return resultFromManifest(m, false), nil
}

// fallback turns a registry failure into the best cached corpus, or an error saying what failed
// and what to do. Only failures to reach the registry fall back: a bad integrity, a missing pinned
// version or a hostile tarball are reported, never papered over, as is the caller's cancellation.
func fallback(ctx context.Context, err error, cached []Manifest, pinned, root string) (*Result, error) {
	var unreachable *registryError
	if ctx.Err() != nil || !errors.As(err, &unreachable) {
		return nil, err
	}
	res, cerr := useCache(cached, pinned, root, "registry unreachable")
	if cerr != nil {
		return nil, fmt.Errorf("%w; %w", err, cerr)
	}
	res.Note = fmt.Sprintf("registry unreachable (%v); using cached %s from %s", err, res.Version, res.Dir)
	return res, nil
}

// explainRegistry adds where the registry URL came from, so a user behind a firewall knows what
// to change.
func explainRegistry(err error, source string) error {
	switch source {
	case "":
		return err
	case "default":
		return fmt.Errorf("%w (the default registry; set registry= in ~/.npmrc or npm_config_registry to use a mirror)", err)
	}
	return fmt.Errorf("%w (registry set by %s)", err, source)
}

// useCache picks the pinned version, or the newest version, from the cache.
func useCache(cached []Manifest, pinned, root, why string) (*Result, error) {
	if pinned != "" {
		if m, ok := findCached(cached, pinned, ""); ok {
			return resultFromManifest(m, true), nil
		}
		have := "nothing"
		if len(cached) > 0 {
			have = versionsOf(cached)
		}
		return nil, fmt.Errorf("%w: version %s is not cached in %s (%s; cached: %s): %s",
			ErrNoCorpus, pinned, root, why, have, FixHint)
	}
	if len(cached) == 0 {
		return nil, fmt.Errorf("%w: nothing cached in %s (%s): %s", ErrNoCorpus, root, why, FixHint)
	}
	return resultFromManifest(cached[0], true), nil
}

// findCached returns the newest-fetched cached corpus of version, requiring the same integrity
// string when one is given (a different registry may serve other bytes under the same version).
func findCached(cached []Manifest, version, integrity string) (Manifest, bool) {
	for _, m := range cached {
		if m.Version == version && (integrity == "" || m.Integrity == integrity) {
			return m, true
		}
	}
	return Manifest{}, false
}

func versionsOf(ms []Manifest) string {
	var vs []string
	for _, m := range ms {
		vs = append(vs, m.Version)
	}
	return strings.Join(vs, ", ")
}

func resultFromManifest(m Manifest, fromCache bool) *Result {
	return &Result{
		Version:      m.Version,
		Digest:       m.Digest,
		Dir:          m.Dir,
		DocsDir:      filepath.Join(m.Dir, "docs"),
		ChangelogDir: existingDir(filepath.Join(m.Dir, "changelogs")),
		Integrity:    m.Integrity,
		FromCache:    fromCache,
	}
}

// install downloads, verifies, extracts and publishes one release into the cache.
func (f *fetcher) install(ctx context.Context, root string, rel release) (Manifest, error) {
	data, err := f.download(ctx, rel.tarball)
	if err != nil {
		return Manifest{}, err
	}
	// Verify before extracting anything: until then the bytes are untrusted.
	if err := rel.integrity.verify(data); err != nil {
		return Manifest{}, fmt.Errorf("%s %s from %s: %w", PackageName, rel.version, rel.tarball, err)
	}
	sum := sha512.Sum512(data)
	digest := hex.EncodeToString(sum[:])
	final := filepath.Join(root, corpusDirName(rel.version, digest))
	if m, err := readManifest(final); err == nil {
		return m, nil // same bytes already cached, recorded under another integrity string
	}

	if err := os.MkdirAll(root, 0o755); err != nil {
		return Manifest{}, fmt.Errorf("create cache: %w", err)
	}
	removeStaleTemps(root, time.Now())
	tmp, err := os.MkdirTemp(root, tempPrefix+rel.version+"-")
	if err != nil {
		return Manifest{}, fmt.Errorf("create cache: %w", err)
	}
	published := false
	defer func() {
		if !published {
			os.RemoveAll(tmp)
		}
	}()

	src := &progressReader{ctx: ctx, r: bytes.NewReader(data), total: int64(len(data)), stage: StageExtract, report: f.progress}
	stats, err := ExtractDocs(src, tmp, Limits{})
	if err != nil {
		return Manifest{}, fmt.Errorf("extract %s %s: %w", PackageName, rel.version, err)
	}
	if !hasMDX(filepath.Join(tmp, "docs")) {
		return Manifest{}, fmt.Errorf("extract %s %s: the tarball has no %sdocs/ pages", PackageName, rel.version, docsPrefix)
	}
	m := Manifest{
		Format:    manifestFormat,
		Package:   PackageName,
		Version:   rel.version,
		Integrity: rel.integritySRI,
		Digest:    digest,
		Tarball:   rel.tarball,
		Registry:  f.registry,
		FetchedAt: time.Now().UTC(),
		Files:     stats.Files,
	}
	if err := writeManifest(tmp, m); err != nil {
		return Manifest{}, fmt.Errorf("write manifest: %w", err)
	}
	m, err = publish(tmp, final)
	if err != nil {
		return Manifest{}, err
	}
	published = true
	return m, nil
}
