package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// maxPackumentBytes bounds the metadata document (the real one is about 4 KiB).
const maxPackumentBytes = 16 << 20

const userAgent = "workos-lsp (corpus fetch)"

// registryError marks a failure to get bytes from the registry (connection, timeout, HTTP status,
// truncated or unreadable response). Only these let Get fall back on the cache.
type registryError struct{ err error }

func (e *registryError) Error() string { return e.err.Error() }
func (e *registryError) Unwrap() error { return e.err }

// transportError drops the *url.Error wrapper, whose text repeats the method and URL that our own
// message already names.
func transportError(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err
	}
	return err
}

func unreachable(format string, args ...any) error {
	return &registryError{fmt.Errorf(format, args...)}
}

// fetcher talks to one npm registry.
type fetcher struct {
	client   *http.Client
	registry string
	progress func(stage string, done, total int64)
	maxBytes int64
}

// release is one version chosen from the packument.
type release struct {
	version      string
	tarball      string
	integritySRI string
	integrity    integrity
}

// packument is the part of the npm package document we read; the abbreviated
// (application/vnd.npm.install-v1+json) and full forms both have these fields.
type packument struct {
	DistTags map[string]string `json:"dist-tags"`
	Versions map[string]struct {
		Dist struct {
			Tarball   string `json:"tarball"`
			Integrity string `json:"integrity"`
			Shasum    string `json:"shasum"`
		} `json:"dist"`
	} `json:"versions"`
}

// release fetches the packument and picks the pinned version, or dist-tags.latest, or else the
// highest release version.
func (f *fetcher) release(ctx context.Context, pinned string, timeout time.Duration) (release, error) {
	docURL, err := packumentURL(f.registry)
	if err != nil {
		return release{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, docURL, nil)
	if err != nil {
		return release{}, err
	}
	req.Header.Set("Accept", "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8")
	req.Header.Set("User-Agent", userAgent)
	resp, err := f.client.Do(req)
	if err != nil {
		return release{}, unreachable("fetch %s: %w", docURL, transportError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return release{}, unreachable("fetch %s: %s", docURL, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPackumentBytes+1))
	if err != nil {
		return release{}, unreachable("fetch %s: %w", docURL, err)
	}
	if len(body) > maxPackumentBytes {
		return release{}, unreachable("fetch %s: package document larger than %d bytes", docURL, maxPackumentBytes)
	}
	var doc packument
	if err := json.Unmarshal(body, &doc); err != nil {
		// A captive portal or misconfigured proxy answers 200 with HTML: that is an unreachable
		// registry too, not a broken package.
		return release{}, unreachable("fetch %s: not an npm package document: %w", docURL, err)
	}
	if len(doc.Versions) == 0 {
		return release{}, unreachable("fetch %s: the package document lists no versions", docURL)
	}

	version := pinned
	if version == "" {
		version = pickLatest(doc)
	} else if _, ok := doc.Versions[version]; !ok {
		return release{}, fmt.Errorf("%s@%s: %w on %s; available: %s",
			PackageName, version, ErrVersionNotFound, f.registry, strings.Join(sortedVersions(doc), ", "))
	}
	if _, ok := parseSemver(version); !ok {
		return release{}, fmt.Errorf("%s: registry names version %q, which is not a semver version", PackageName, version)
	}
	dist := doc.Versions[version].Dist
	in, err := parseIntegrity(dist.Integrity)
	if err != nil {
		return release{}, fmt.Errorf("%s@%s: %w", PackageName, version, err)
	}
	if dist.Tarball == "" {
		return release{}, fmt.Errorf("%s@%s: the registry gave no dist.tarball", PackageName, version)
	}
	tarball, err := tarballURL(dist.Tarball, docURL, f.registry)
	if err != nil {
		return release{}, fmt.Errorf("%s@%s: %w", PackageName, version, err)
	}
	return release{version: version, tarball: tarball, integritySRI: dist.Integrity, integrity: in}, nil
}

// pickLatest honours dist-tags.latest when it names a listed version; otherwise it takes the
// highest release, or the highest prerelease when there is no release (as npm does).
func pickLatest(doc packument) string {
	if v := doc.DistTags["latest"]; v != "" {
		if _, ok := doc.Versions[v]; ok {
			return v
		}
	}
	versions := sortedVersions(doc)
	for _, v := range versions {
		if sv, ok := parseSemver(v); ok && len(sv.pre) == 0 {
			return v
		}
	}
	return versions[0]
}

// sortedVersions lists the packument's versions, highest first.
func sortedVersions(doc packument) []string {
	var vs []string
	for v := range doc.Versions {
		vs = append(vs, v)
	}
	slices.SortFunc(vs, func(a, b string) int { return compareVersions(b, a) })
	return vs
}

// download reads the whole tarball into memory (it is small, and integrity must be checked over
// all bytes before any are used), refusing more than maxBytes.
func (f *fetcher) download(ctx context.Context, tarball string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, tarballTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, tarball, nil)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", tarball, err)
	}
	req.Header.Set("User-Agent", userAgent)
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, unreachable("download %s: %w", tarball, transportError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, unreachable("download %s: %s", tarball, resp.Status)
	}
	if resp.ContentLength > f.maxBytes {
		return nil, fmt.Errorf("download %s: %d bytes exceeds the %d-byte limit", tarball, resp.ContentLength, f.maxBytes)
	}
	body := &progressReader{ctx: ctx, r: io.LimitReader(resp.Body, f.maxBytes+1), total: resp.ContentLength, stage: StageDownload, report: f.progress}
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, unreachable("download %s: after %d bytes: %w", tarball, len(data), err)
	}
	if int64(len(data)) > f.maxBytes {
		return nil, fmt.Errorf("download %s: more than the %d-byte limit", tarball, f.maxBytes)
	}
	return data, nil
}

// progressReader reports bytes read and stops early once ctx is done (extraction has no context of
// its own).
type progressReader struct {
	ctx    context.Context
	r      io.Reader
	done   int64
	total  int64
	stage  string
	report func(stage string, done, total int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	if err := p.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := p.r.Read(b)
	p.done += int64(n)
	if p.report != nil && n > 0 {
		p.report(p.stage, p.done, p.total)
	}
	return n, err
}
