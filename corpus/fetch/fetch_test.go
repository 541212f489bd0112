package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// fakeRegistry serves a packument and tarballs for PackageName and counts requests.
type fakeRegistry struct {
	t      *testing.T
	server *httptest.Server

	mu        sync.Mutex
	latest    string
	versions  map[string]fakeVersion
	packument int // packument requests
	tarballs  int // tarball requests
	// truncate makes tarball responses stop halfway and drop the connection.
	truncate bool
}

type fakeVersion struct {
	tarball   []byte
	integrity string // "" means the correct sha512 SRI
}

func newFakeRegistry(t *testing.T) *fakeRegistry {
	r := &fakeRegistry{t: t, versions: map[string]fakeVersion{}}
	r.server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.server.Close)
	return r
}

func (r *fakeRegistry) add(version string, tarball []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.versions[version] = fakeVersion{tarball: tarball}
}

func (r *fakeRegistry) set(f func(*fakeRegistry)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f(r)
}

func (r *fakeRegistry) counts() (packument, tarballs int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.packument, r.tarballs
}

func (r *fakeRegistry) serve(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if req.URL.EscapedPath() == "/@workos%2fmcp-docs-server" {
		r.packument++
		doc := map[string]any{"name": PackageName, "dist-tags": map[string]string{}}
		if r.latest != "" {
			doc["dist-tags"] = map[string]string{"latest": r.latest}
		}
		versions := map[string]any{}
		for v, fv := range r.versions {
			integrity := fv.integrity
			if integrity == "" {
				integrity = sri512(fv.tarball)
			}
			versions[v] = map[string]any{"dist": map[string]string{
				"tarball":   r.server.URL + "/@workos/mcp-docs-server/-/mcp-docs-server-" + v + ".tgz",
				"integrity": integrity,
				"shasum":    "0000000000000000000000000000000000000000",
			}}
		}
		doc["versions"] = versions
		w.Header().Set("Content-Type", "application/vnd.npm.install-v1+json")
		json.NewEncoder(w).Encode(doc)
		return
	}
	if v, ok := strings.CutPrefix(req.URL.Path, "/@workos/mcp-docs-server/-/mcp-docs-server-"); ok {
		r.tarballs++
		fv, ok := r.versions[strings.TrimSuffix(v, ".tgz")]
		if !ok {
			http.NotFound(w, req)
			return
		}
		w.Header().Set("Content-Length", fmt.Sprint(len(fv.tarball)))
		if r.truncate {
			w.Write(fv.tarball[:len(fv.tarball)/2])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler) // drops the connection mid-body
		}
		w.Write(fv.tarball)
		return
	}
	http.NotFound(w, req)
}

// deadRegistry returns the URL of a server that no longer listens.
func deadRegistry(t *testing.T) string {
	s := httptest.NewServer(http.NotFoundHandler())
	url := s.URL
	s.Close()
	return url
}

func testOptions(t *testing.T, registry, cache string) Options {
	return Options{
		Registry: registry,
		CacheDir: cache,
		Getenv:   envMap(nil),
		HomeDir:  t.TempDir(),
	}
}

func readPage(t *testing.T, res *Result) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(res.DocsDir, "sso", "index.mdx"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestGetLatestDownloadsVerifiesAndCaches(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.1.0", docsTarball(t, "v1"))
	reg.add("0.2.0", docsTarball(t, "v2"))
	reg.latest = "0.2.0"
	cache := t.TempDir()

	var stages []string
	var lastDone, lastTotal = map[string]int64{}, map[string]int64{}
	opts := testOptions(t, reg.server.URL, cache)
	opts.Progress = func(stage string, done, total int64) {
		if !slices.Contains(stages, stage) {
			stages = append(stages, stage)
		}
		lastDone[stage], lastTotal[stage] = done, total
	}
	res, err := Get(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Version != "0.2.0" || res.FromCache || res.Note != "" {
		t.Errorf("result = %+v, want a fresh 0.2.0", res)
	}
	if !strings.Contains(readPage(t, res), "SSO v2") {
		t.Error("docs are not those of 0.2.0")
	}
	if res.ChangelogDir == "" || filepath.Dir(res.DocsDir) != res.Dir {
		t.Errorf("layout: %+v", res)
	}
	if want := sri512(docsTarball(t, "v2")); res.Integrity != want {
		t.Errorf("integrity = %q, want %q", res.Integrity, want)
	}
	if !slices.Equal(stages, []string{StageDownload, StageExtract}) {
		t.Errorf("progress stages = %q", stages)
	}
	for _, s := range stages {
		if lastDone[s] != lastTotal[s] {
			t.Errorf("%s progress ended at %d of %d", s, lastDone[s], lastTotal[s])
		}
	}

	cached, err := Cached(cache)
	if err != nil || len(cached) != 1 {
		t.Fatalf("Cached = %+v, %v", cached, err)
	}
	m := cached[0]
	if m.Version != "0.2.0" || m.Files != 3 || m.Registry != reg.server.URL+"/" || m.Dir != res.Dir ||
		filepath.Base(m.Dir) != "0.2.0-"+res.Digest[:16] || len(res.Digest) != 128 || m.FetchedAt.IsZero() {
		t.Errorf("manifest = %+v", m)
	}
	if got := listTree(t, cache); len(got) == 0 || strings.HasPrefix(got[0], ".tmp-") {
		t.Errorf("cache holds %q", got)
	}
}

func TestGetHonoursLatestTagAndFallsBackToHighest(t *testing.T) {
	reg := newFakeRegistry(t)
	for _, v := range []string{"0.1.0", "0.9.0", "0.10.0", "1.0.0-rc.1"} {
		reg.add(v, docsTarball(t, v))
	}
	reg.latest = "0.1.0"
	res, err := Get(context.Background(), testOptions(t, reg.server.URL, t.TempDir()))
	if err != nil || res.Version != "0.1.0" {
		t.Fatalf("with latest=0.1.0: %+v, %v", res, err)
	}
	// Without a usable latest tag: the highest release, not the prerelease, and 0.10 above 0.9.
	reg.set(func(r *fakeRegistry) { r.latest = "7.7.7" })
	res, err = Get(context.Background(), testOptions(t, reg.server.URL, t.TempDir()))
	if err != nil || res.Version != "0.10.0" {
		t.Fatalf("without latest: %+v, %v", res, err)
	}
}

func TestGetPinnedVersion(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.1.0", docsTarball(t, "v1"))
	reg.add("0.2.0", docsTarball(t, "v2"))
	reg.latest = "0.2.0"
	cache := t.TempDir()
	opts := testOptions(t, reg.server.URL, cache)
	opts.Version = "v0.1.0"
	res, err := Get(context.Background(), opts)
	if err != nil || res.Version != "0.1.0" || !strings.Contains(readPage(t, res), "SSO v1") {
		t.Fatalf("pinned 0.1.0: %+v, %v", res, err)
	}

	// A cached pin needs no network at all: versions are immutable.
	p, tb := reg.counts()
	res, err = Get(context.Background(), opts)
	if err != nil || !res.FromCache || res.Version != "0.1.0" {
		t.Fatalf("second pinned Get: %+v, %v", res, err)
	}
	if p2, tb2 := reg.counts(); p2 != p || tb2 != tb {
		t.Errorf("cached pin made requests: packument %d→%d, tarball %d→%d", p, p2, tb, tb2)
	}
}

func TestGetMissingVersion(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.1.0", docsTarball(t, "v1"))
	reg.add("0.2.0", docsTarball(t, "v2"))
	opts := testOptions(t, reg.server.URL, t.TempDir())
	opts.Version = "9.9.9"
	_, err := Get(context.Background(), opts)
	if !errors.Is(err, ErrVersionNotFound) {
		t.Fatalf("err = %v, want ErrVersionNotFound", err)
	}
	if !strings.Contains(err.Error(), "available: 0.2.0, 0.1.0") {
		t.Errorf("error %q does not list the available versions", err)
	}
	if _, err := Get(context.Background(), Options{Version: "^0.2", CacheDir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "exact version") {
		t.Errorf("range accepted or unclear error: %v", err)
	}
}

func TestGetIntegrityMismatchCachesNothing(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.versions["0.2.0"] = fakeVersion{tarball: docsTarball(t, "v2"), integrity: sri512([]byte("something else"))}
	cache := t.TempDir()
	_, err := Get(context.Background(), testOptions(t, reg.server.URL, cache))
	if !errors.Is(err, ErrIntegrity) {
		t.Fatalf("err = %v, want ErrIntegrity", err)
	}
	if got := listTree(t, cache); len(got) != 0 {
		t.Errorf("cache holds %q after an integrity failure", got)
	}
}

func TestGetRefusesWeakOrMissingIntegrity(t *testing.T) {
	for _, integrity := range []string{"sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=", " "} {
		reg := newFakeRegistry(t)
		reg.versions["0.2.0"] = fakeVersion{tarball: docsTarball(t, "v2"), integrity: integrity}
		cache := t.TempDir()
		_, err := Get(context.Background(), testOptions(t, reg.server.URL, cache))
		if err == nil || !strings.Contains(err.Error(), "sha1") {
			t.Errorf("integrity %q: err = %v, want a refusal that mentions sha1", integrity, err)
		}
		if _, tarballs := reg.counts(); tarballs != 0 {
			t.Errorf("integrity %q: tarball downloaded anyway", integrity)
		}
	}
}

func TestGetAcceptsSHA256Integrity(t *testing.T) {
	reg := newFakeRegistry(t)
	tb := docsTarball(t, "v2")
	reg.versions["0.2.0"] = fakeVersion{tarball: tb, integrity: sri256(tb)}
	res, err := Get(context.Background(), testOptions(t, reg.server.URL, t.TempDir()))
	if err != nil || res.Integrity != sri256(tb) {
		t.Fatalf("%+v, %v", res, err)
	}
}

func TestGetHostileTarballCachesNothing(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.2.0", tgz(t,
		file("package/.docs/organized/docs/a.mdx", "a"),
		entry{Name: "package/.docs/organized/docs/b.mdx", Type: '2', Linkname: "/etc/passwd"}))
	cache := t.TempDir()
	_, err := Get(context.Background(), testOptions(t, reg.server.URL, cache))
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("err = %v, want a symlink refusal", err)
	}
	if got := listTree(t, cache); len(got) != 0 {
		t.Errorf("cache holds %q after a refused tarball", got)
	}
}

func TestGetTarballWithoutDocs(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.2.0", tgz(t, file("package/package.json", "{}")))
	cache := t.TempDir()
	_, err := Get(context.Background(), testOptions(t, reg.server.URL, cache))
	if err == nil || !strings.Contains(err.Error(), "no package/.docs/organized/docs/ pages") {
		t.Fatalf("err = %v", err)
	}
	if got := listTree(t, cache); len(got) != 0 {
		t.Errorf("cache holds %q", got)
	}
}

func TestGetCacheHitSkipsDownload(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.2.0", docsTarball(t, "v2"))
	reg.latest = "0.2.0"
	opts := testOptions(t, reg.server.URL, t.TempDir())
	first, err := Get(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Get(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !second.FromCache || second.Dir != first.Dir || second.Digest != first.Digest {
		t.Errorf("second = %+v, want the cached %+v", second, first)
	}
	// Unpinned, the registry is still asked which version is latest; the tarball is not fetched.
	if p, tb := reg.counts(); p != 2 || tb != 1 {
		t.Errorf("requests: packument %d, tarball %d; want 2 and 1", p, tb)
	}

	// A new latest version is downloaded next to the old one.
	reg.add("0.3.0", docsTarball(t, "v3"))
	reg.set(func(r *fakeRegistry) { r.latest = "0.3.0" })
	third, err := Get(context.Background(), opts)
	if err != nil || third.Version != "0.3.0" || third.FromCache {
		t.Fatalf("third = %+v, %v", third, err)
	}
	cached, _ := Cached(opts.CacheDir)
	if len(cached) != 2 || cached[0].Version != "0.3.0" || cached[1].Version != "0.2.0" {
		t.Errorf("Cached = %+v, want 0.3.0 then 0.2.0", cached)
	}
}

func TestGetRedownloadsWhenIntegrityChanged(t *testing.T) {
	// Another registry may serve other bytes under the same version: the cache must not hide that.
	reg := newFakeRegistry(t)
	reg.add("0.2.0", docsTarball(t, "original"))
	opts := testOptions(t, reg.server.URL, t.TempDir())
	if _, err := Get(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	reg.add("0.2.0", docsTarball(t, "republished"))
	res, err := Get(context.Background(), opts)
	if err != nil || res.FromCache || !strings.Contains(readPage(t, res), "republished") {
		t.Fatalf("%+v, %v", res, err)
	}
	if cached, _ := Cached(opts.CacheDir); len(cached) != 2 {
		t.Errorf("want both contents cached side by side, got %d", len(cached))
	}
}

func TestGetOffline(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.1.0", docsTarball(t, "v1"))
	reg.add("0.2.0", docsTarball(t, "v2"))
	reg.latest = "0.2.0"
	cache := t.TempDir()
	opts := testOptions(t, reg.server.URL, cache)
	opts.Version = "0.1.0"
	if _, err := Get(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	opts.Version = ""
	if _, err := Get(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	p, tb := reg.counts()

	opts.Offline = true
	res, err := Get(context.Background(), opts)
	if err != nil || res.Version != "0.2.0" || !res.FromCache {
		t.Errorf("offline latest: %+v, %v; want cached 0.2.0", res, err)
	}
	opts.Version = "0.1.0"
	res, err = Get(context.Background(), opts)
	if err != nil || res.Version != "0.1.0" {
		t.Errorf("offline pinned: %+v, %v; want cached 0.1.0", res, err)
	}
	opts.Version = "0.3.0"
	_, err = Get(context.Background(), opts)
	if !errors.Is(err, ErrNoCorpus) || !strings.Contains(err.Error(), "0.3.0 is not cached") || !strings.Contains(err.Error(), "cached: 0.2.0, 0.1.0") {
		t.Errorf("offline uncached pin: err = %v", err)
	}
	if p2, tb2 := reg.counts(); p2 != p || tb2 != tb {
		t.Errorf("offline mode made requests")
	}
}

func TestGetOfflineWithoutCache(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "never-created")
	opts := testOptions(t, deadRegistry(t), cache)
	opts.Offline = true
	_, err := Get(context.Background(), opts)
	if !errors.Is(err, ErrNoCorpus) {
		t.Fatalf("err = %v, want ErrNoCorpus", err)
	}
	for _, want := range []string{"offline mode", cache, "workos-lsp corpus fetch", "--docs DIR", EnvDocsDir} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestGetFallsBackToCacheWhenRegistryUnreachable(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.2.0", docsTarball(t, "v2"))
	cache := t.TempDir()
	if _, err := Get(context.Background(), testOptions(t, reg.server.URL, cache)); err != nil {
		t.Fatal(err)
	}
	dead := deadRegistry(t)
	res, err := Get(context.Background(), testOptions(t, dead, cache))
	if err != nil {
		t.Fatal(err)
	}
	if res.Version != "0.2.0" || !res.FromCache {
		t.Errorf("result = %+v", res)
	}
	for _, want := range []string{"registry unreachable (", dead, "using cached 0.2.0 from " + res.Dir} {
		if !strings.Contains(res.Note, want) {
			t.Errorf("note %q does not mention %q", res.Note, want)
		}
	}

	// Nothing cached: the error says what failed and what to do.
	_, err = Get(context.Background(), testOptions(t, dead, t.TempDir()))
	if !errors.Is(err, ErrNoCorpus) || !strings.Contains(err.Error(), dead) || !strings.Contains(err.Error(), "workos-lsp corpus fetch") {
		t.Errorf("err = %v", err)
	}
}

func TestGetFallsBackOnServerError(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.2.0", docsTarball(t, "v2"))
	cache := t.TempDir()
	if _, err := Get(context.Background(), testOptions(t, reg.server.URL, cache)); err != nil {
		t.Fatal(err)
	}
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	}))
	defer broken.Close()
	res, err := Get(context.Background(), testOptions(t, broken.URL, cache))
	if err != nil || !strings.Contains(res.Note, "503") {
		t.Fatalf("%+v, %v", res, err)
	}
}

func TestGetInterruptedDownloadLeavesNoCache(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.2.0", docsTarball(t, strings.Repeat("padding ", 4000)))
	reg.truncate = true
	cache := t.TempDir()
	_, err := Get(context.Background(), testOptions(t, reg.server.URL, cache))
	if err == nil || !strings.Contains(err.Error(), "download") {
		t.Fatalf("err = %v, want a download failure", err)
	}
	if got := listTree(t, cache); len(got) != 0 {
		t.Errorf("cache holds %q after an interrupted download", got)
	}
	// Once the registry recovers, the same cache works.
	reg.set(func(r *fakeRegistry) { r.truncate = false })
	if _, err := Get(context.Background(), testOptions(t, reg.server.URL, cache)); err != nil {
		t.Fatal(err)
	}
}

func TestGetCancelledContextDoesNotFallBack(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.2.0", docsTarball(t, "v2"))
	cache := t.TempDir()
	if _, err := Get(context.Background(), testOptions(t, reg.server.URL, cache)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Get(ctx, testOptions(t, reg.server.URL, cache)); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestGetUsesRegistryFromNpmrc(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.2.0", docsTarball(t, "v2"))
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, ".npmrc"), []byte("@workos:registry="+reg.server.URL+"\n"), 0o600)
	res, err := Get(context.Background(), Options{CacheDir: t.TempDir(), Getenv: envMap(nil), HomeDir: home})
	if err != nil || res.Version != "0.2.0" {
		t.Fatalf("%+v, %v", res, err)
	}
	if p, _ := reg.counts(); p != 1 {
		t.Errorf("packument requests = %d", p)
	}
}

func TestCacheRootFromEnv(t *testing.T) {
	dir := t.TempDir()
	if got, err := CacheRoot(envMap(map[string]string{EnvCacheDir: dir})); err != nil || got != dir {
		t.Errorf("CacheRoot = %q, %v", got, err)
	}
	reg := newFakeRegistry(t)
	reg.add("0.2.0", docsTarball(t, "v2"))
	res, err := Get(context.Background(), Options{Registry: reg.server.URL, Getenv: envMap(map[string]string{EnvCacheDir: dir})})
	if err != nil || filepath.Dir(res.Dir) != dir {
		t.Fatalf("%+v, %v", res, err)
	}
}
