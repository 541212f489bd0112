package fetch

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// docsPrefix is the part of the npm tarball we keep; everything else (the MCP server's JS) is skipped.
const docsPrefix = "package/.docs/organized/"

// Default limits: the real 0.2.0 tarball expands to about 4 MiB in under 600 entries, its largest
// page is under 64 KiB. The limits leave ample room while bounding what a hostile tarball can cost.
const (
	DefaultMaxFileBytes  = 4 << 20
	DefaultMaxTotalBytes = 64 << 20
	DefaultMaxEntries    = 20000
)

// Limits bound what ExtractDocs accepts. Zero fields take the Default* values.
type Limits struct {
	MaxFileBytes  int64 // size of any one kept file
	MaxTotalBytes int64 // uncompressed size of the whole tar stream, kept entries or not
	MaxEntries    int   // number of tar entries, kept or not
}

func (l Limits) withDefaults() Limits {
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = DefaultMaxFileBytes
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = DefaultMaxTotalBytes
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	return l
}

// Stats describes what ExtractDocs did.
type Stats struct {
	Files   int   // regular files written
	Bytes   int64 // bytes written
	Skipped int   // entries outside package/.docs/organized/
}

var errArchiveTooLarge = errors.New("archive too large")

// ExtractDocs reads an npm tarball (a gzip'd tar stream) and writes the entries under
// package/.docs/organized/ into dest without that prefix, so pages land in dest/docs/ and
// changelogs in dest/changelogs/. dest is created if needed.
//
// It refuses the whole archive, naming the entry, when any entry has an absolute path, a ".."
// component or a backslash, when a kept entry is anything but a regular file or directory (links,
// devices, fifos), or when a limit is exceeded. Nothing is ever written outside dest: writes go
// through an os.Root. On error dest may hold a partial tree, so extract into a fresh directory and
// discard it on failure.
func ExtractDocs(r io.Reader, dest string, limits Limits) (Stats, error) {
	limits = limits.withDefaults()
	var stats Stats
	zr, err := gzip.NewReader(r)
	if err != nil {
		return stats, fmt.Errorf("not a gzip stream: %w", err)
	}
	defer zr.Close()
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return stats, err
	}
	root, err := os.OpenRoot(dest)
	if err != nil {
		return stats, err
	}
	defer root.Close()

	tr := tar.NewReader(&cappedReader{r: zr, remaining: limits.MaxTotalBytes})
	previous := "" // names the spot of a corrupt archive, whose failing header has no name yet
	for entries := 0; ; entries++ {
		hdr, err := tr.Next()
		if err == io.EOF {
			return stats, nil
		}
		if err != nil {
			return stats, fmt.Errorf("read tar entry after %q: %w", previous, limitError(err, limits))
		}
		previous = hdr.Name
		if entries >= limits.MaxEntries {
			return stats, fmt.Errorf("tar entry %q: archive has more than %d entries", hdr.Name, limits.MaxEntries)
		}
		rel, keep, err := docsRelPath(hdr.Name)
		if err != nil {
			return stats, fmt.Errorf("tar entry %q: %w", hdr.Name, err)
		}
		if !keep {
			stats.Skipped++
			continue
		}
		switch hdr.Typeflag {
		case tar.TypeDir:
			if rel != "." {
				if err := root.MkdirAll(rel, 0o755); err != nil {
					return stats, fmt.Errorf("tar entry %q: %w", hdr.Name, err)
				}
			}
		case tar.TypeReg:
			n, err := writeEntry(root, rel, tr, hdr.Size, limits)
			stats.Bytes += n
			if err != nil {
				return stats, fmt.Errorf("tar entry %q: %w", hdr.Name, err)
			}
			stats.Files++
		default:
			return stats, fmt.Errorf("tar entry %q: %s not allowed (only regular files and directories)", hdr.Name, describeType(hdr))
		}
	}
}

// docsRelPath validates a tar entry name and, for names under docsPrefix, returns the OS path
// relative to dest ("." for the prefix directory itself). Every name is validated, kept or not: a
// traversal attempt anywhere marks the archive as hostile.
func docsRelPath(name string) (rel string, keep bool, err error) {
	switch {
	case name == "":
		return "", false, errors.New("empty name")
	case strings.ContainsRune(name, 0):
		return "", false, errors.New("NUL byte in name")
	case strings.ContainsRune(name, '\\'):
		return "", false, errors.New(`backslash in name`)
	case path.IsAbs(name) || filepath.IsAbs(name) || filepath.VolumeName(name) != "":
		return "", false, errors.New("absolute path")
	}
	for part := range strings.SplitSeq(name, "/") {
		if part == ".." {
			return "", false, errors.New(`".." path component`)
		}
	}
	clean := path.Clean(name) // drops "./" and "//"; safe now that ".." is excluded
	if clean+"/" == docsPrefix {
		return ".", true, nil
	}
	rest, ok := strings.CutPrefix(clean, docsPrefix)
	if !ok {
		return "", false, nil
	}
	rel = filepath.FromSlash(rest)
	if !filepath.IsLocal(rel) { // e.g. reserved device names on Windows
		return "", false, errors.New("not a local path on this system")
	}
	return rel, true, nil
}

// writeEntry writes one regular file, refusing more than MaxFileBytes whatever the header claims.
func writeEntry(root *os.Root, rel string, r io.Reader, size int64, limits Limits) (int64, error) {
	if size > limits.MaxFileBytes {
		return 0, fmt.Errorf("file of %d bytes exceeds the %d-byte limit per file", size, limits.MaxFileBytes)
	}
	if dir := filepath.Dir(rel); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return 0, err
		}
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, io.LimitReader(r, limits.MaxFileBytes+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, limitError(err, limits)
	}
	if n > limits.MaxFileBytes {
		return n, fmt.Errorf("file exceeds the %d-byte limit per file", limits.MaxFileBytes)
	}
	return n, nil
}

func limitError(err error, limits Limits) error {
	if errors.Is(err, errArchiveTooLarge) {
		return fmt.Errorf("archive expands beyond the %d-byte limit", limits.MaxTotalBytes)
	}
	return err
}

func describeType(hdr *tar.Header) string {
	switch hdr.Typeflag {
	case tar.TypeSymlink:
		return fmt.Sprintf("symbolic link (to %q)", hdr.Linkname)
	case tar.TypeLink:
		return fmt.Sprintf("hard link (to %q)", hdr.Linkname)
	case tar.TypeChar:
		return "character device"
	case tar.TypeBlock:
		return "block device"
	case tar.TypeFifo:
		return "fifo"
	}
	return fmt.Sprintf("entry type %q", hdr.Typeflag)
}

// cappedReader fails with errArchiveTooLarge once more than remaining bytes are read, bounding the
// work a decompression bomb can cause even in entries that are skipped.
type cappedReader struct {
	r         io.Reader
	remaining int64
	exceeded  bool
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.exceeded {
		return 0, errArchiveTooLarge
	}
	if int64(len(p)) > c.remaining+1 {
		p = p[:c.remaining+1] // one byte more than allowed reveals an overflow
	}
	n, err := c.r.Read(p)
	if int64(n) > c.remaining {
		c.exceeded = true
		return 0, errArchiveTooLarge
	}
	c.remaining -= int64(n)
	return n, err
}
