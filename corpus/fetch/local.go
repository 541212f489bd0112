package fetch

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// EnvDocsDir names the environment variable that points at a local folder of MDX pages. Get does
// not read it, so that an explicit `corpus fetch` still fetches; callers that serve docs should
// pass os.Getenv(EnvDocsDir) as Options.DocsDir when no --docs flag was given.
const EnvDocsDir = "WORKOS_LSP_DOCS"

// LocalVersion is Result.Version for a local docs folder.
const LocalVersion = "local"

// LocalDocs opens a local folder of MDX pages. dir may be the docs folder itself, a folder that
// contains docs/ (such as .docs/organized or a cache corpus), a .docs folder, an extracted npm
// package/ folder, or the folder that contains package/. The result's Digest is a sha256 over the
// relative paths and contents of the files, so callers can key derived indexes by content.
func LocalDocs(dir string) (*Result, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("docs folder %s: %w", dir, err)
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("docs folder: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("docs folder %s is not a directory", dir)
	}
	// Candidates for the corpus root (the folder holding docs/), most specific layout first.
	for _, root := range []string{
		filepath.Join(abs, "package", ".docs", "organized"),
		filepath.Join(abs, ".docs", "organized"),
		filepath.Join(abs, "organized"),
		abs,
	} {
		docs := filepath.Join(root, "docs")
		if hasMDX(docs) {
			return localResult(root, docs, existingDir(filepath.Join(root, "changelogs")))
		}
	}
	if hasMDX(abs) {
		// The docs folder itself. Named docs/, it sits in a corpus root that may hold changelogs/.
		if filepath.Base(abs) == "docs" {
			parent := filepath.Dir(abs)
			return localResult(parent, abs, existingDir(filepath.Join(parent, "changelogs")))
		}
		return localResult(abs, abs, "")
	}
	return nil, fmt.Errorf("no .mdx pages in %s: expected a folder of MDX pages, a folder containing docs/, "+
		".docs/organized, or an extracted npm package/ of %s", dir, PackageName)
}

func localResult(root, docs, changelogs string) (*Result, error) {
	digest, err := contentDigest(docs, changelogs)
	if err != nil {
		return nil, err
	}
	return &Result{
		Version:      LocalVersion,
		Digest:       digest,
		Dir:          root,
		DocsDir:      docs,
		ChangelogDir: changelogs,
	}, nil
}

// hasMDX reports whether dir holds at least one .mdx file at any depth.
func hasMDX(dir string) bool {
	found := errors.New("found")
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".mdx") {
			return found
		}
		return nil
	})
	return err == found
}

func existingDir(p string) string {
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		return p
	}
	return ""
}

// contentDigest hashes every non-hidden regular file (symlinks to files included) under the given
// folders as "<label>/<slash path>\x00<size>\x00<bytes>" in sorted order, so renames and edits both
// change it. Hidden files and folders (.git, .DS_Store) are skipped: they are not docs.
func contentDigest(docs, changelogs string) (string, error) {
	type file struct{ name, path string }
	var files []file
	collect := func(label, dir string) error {
		return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if !d.Type().IsRegular() {
				if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
					return nil
				}
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			files = append(files, file{label + "/" + filepath.ToSlash(rel), p})
			return nil
		})
	}
	if err := collect("docs", docs); err != nil {
		return "", fmt.Errorf("hash docs folder: %w", err)
	}
	if changelogs != "" {
		if err := collect("changelogs", changelogs); err != nil {
			return "", fmt.Errorf("hash changelogs folder: %w", err)
		}
	}
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })
	h := sha256.New()
	for _, f := range files {
		if err := hashFile(h, f.name, f.path); err != nil {
			return "", fmt.Errorf("hash %s: %w", f.path, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashFile(h io.Writer, name, path string) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		return err
	}
	io.WriteString(h, name+"\x00"+strconv.FormatInt(fi.Size(), 10)+"\x00")
	// Copy exactly the size we announced so a file growing meanwhile cannot shift later records.
	if _, err := io.CopyN(h, fh, fi.Size()); err != nil {
		return err
	}
	return nil
}
