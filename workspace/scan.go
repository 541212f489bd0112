package workspace

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// candidate is a source file the walk found, not yet read.
type candidate struct {
	path    string
	lang    corpus.Language
	size    int64
	modTime time.Time
}

// walker lists a folder's source files and manifests. It reads directories and .gitignore files
// only; source files are read later by the scan's workers.
type walker struct {
	fsys      FS
	logf      func(string, ...any)
	maxFiles  int
	realRoots []string // real paths of every workspace folder: symlinks may point inside these only
	files     []candidate
	manifests []string
	capped    bool
}

var errCapped = errors.New("file cap reached")

// walk visits dir. real is its path with symlinks resolved; chain holds the real paths of the
// directories above it, so a symlink back to one of them (a loop) is not entered.
func (w *walker) walk(ctx context.Context, dir, real string, rules *ignoreRules, chain []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	entries, err := w.fsys.ReadDir(dir)
	if err != nil {
		w.logf("workspace: skipping %s: %v", dir, err)
		return nil
	}
	for _, e := range entries {
		if e.Name() == "pyvenv.cfg" && len(chain) > 0 {
			return nil // a virtualenv, whatever its name
		}
	}
	for _, e := range entries {
		if e.Name() == ".gitignore" && e.Type().IsRegular() {
			if content, err := w.fsys.ReadFile(filepath.Join(dir, ".gitignore")); err == nil {
				rules = rules.with(dir, content)
			}
		}
	}
	chain = append(chain[:len(chain):len(chain)], real)
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		mode := e.Type()
		var info fs.FileInfo
		childReal := filepath.Join(real, name)
		if mode&fs.ModeSymlink != 0 {
			target, err := w.fsys.RealPath(p)
			if err != nil || !w.insideFolders(target) {
				continue // dangling, or pointing out of the workspace
			}
			if info, err = w.fsys.Stat(p); err != nil {
				continue
			}
			mode, childReal = info.Mode().Type(), target
			if info.IsDir() && slices.Contains(chain, target) {
				continue // a loop back to a directory being walked
			}
		}
		switch {
		case mode.IsDir():
			if skipDir(name) || rules.ignored(p, true) {
				continue
			}
			if err := w.walk(ctx, p, childReal, rules, chain); err != nil {
				return err
			}
		case mode.IsRegular():
			if _, _, ok := manifestKind(p); ok && !rules.ignored(p, false) {
				w.manifests = append(w.manifests, p)
				continue
			}
			lang := languageOfPath(name)
			if lang == "" || minifiedName(name) || rules.ignored(p, false) {
				continue
			}
			if info == nil {
				if info, err = e.Info(); err != nil {
					continue
				}
			}
			if info.Size() > maxFileSize {
				continue
			}
			if len(w.files) >= w.maxFiles {
				w.capped = true
				return errCapped
			}
			w.files = append(w.files, candidate{path: p, lang: lang, size: info.Size(), modTime: info.ModTime()})
		}
	}
	return nil
}

func (w *walker) insideFolders(real string) bool {
	for _, r := range w.realRoots {
		if under(real, r) {
			return true
		}
	}
	return false
}

// repoRules returns the ignore rules in force at folder: .git/info/exclude and every .gitignore
// from the enclosing repository's root down to the folder's parent (the folder's own .gitignore
// is read by the walk). Without a repository, the folder itself is the base.
func repoRules(fsys FS, folder string) *ignoreRules {
	root := ""
	for dir := folder; ; dir = filepath.Dir(dir) {
		if _, err := fsys.Lstat(filepath.Join(dir, ".git")); err == nil {
			root = dir
			break
		}
		if dir == filepath.Dir(dir) {
			break
		}
	}
	if root == "" {
		return &ignoreRules{base: folder}
	}
	rules := &ignoreRules{base: root}
	if gitDir := gitDirOf(fsys, root); gitDir != "" {
		if content, err := fsys.ReadFile(filepath.Join(gitDir, "info", "exclude")); err == nil {
			rules = rules.with(root, content)
		}
	}
	if root != folder {
		rel, _ := filepath.Rel(root, folder)
		dir := root
		for _, seg := range append([]string{""}, strings.Split(rel, string(filepath.Separator))...) {
			dir = filepath.Join(dir, seg)
			if dir == folder {
				break
			}
			if content, err := fsys.ReadFile(filepath.Join(dir, ".gitignore")); err == nil {
				rules = rules.with(dir, content)
			}
		}
	}
	return rules
}

// gitDirOf returns the directory holding info/exclude: .git itself, or for a worktree (.git is a
// file "gitdir: …") the common directory of the repository.
func gitDirOf(fsys FS, root string) string {
	dotgit := filepath.Join(root, ".git")
	fi, err := fsys.Stat(dotgit)
	if err != nil {
		return ""
	}
	if fi.IsDir() {
		return dotgit
	}
	content, err := fsys.ReadFile(dotgit)
	if err != nil {
		return ""
	}
	gitDir, ok := strings.CutPrefix(strings.TrimSpace(string(content)), "gitdir:")
	if !ok {
		return ""
	}
	gitDir = absJoin(root, strings.TrimSpace(gitDir))
	if common, err := fsys.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		return absJoin(gitDir, string(bytes.TrimSpace(common)))
	}
	return gitDir
}

// ignoredPath tells whether a path reported by an event is outside what a scan would index: in
// an always-skipped or virtualenv directory, or matched by the .gitignore files above it.
func ignoredPath(fsys FS, folder, path string, isDir bool) bool {
	rel, err := filepath.Rel(folder, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return true
	}
	segs := strings.Split(rel, string(filepath.Separator))
	for i, seg := range segs {
		if (i < len(segs)-1 || isDir) && skipDir(seg) {
			return true
		}
	}
	rules := repoRules(fsys, folder)
	dir := folder
	for i, seg := range segs {
		if content, err := fsys.ReadFile(filepath.Join(dir, ".gitignore")); err == nil {
			rules = rules.with(dir, content)
		}
		if i > 0 {
			if _, err := fsys.Lstat(filepath.Join(dir, "pyvenv.cfg")); err == nil {
				return true
			}
		}
		p := filepath.Join(dir, seg)
		last := i == len(segs)-1
		if rules.ignored(p, !last || isDir) {
			return true
		}
		dir = p
	}
	return false
}
