package workspace

import (
	"bufio"
	"bytes"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// skippedDirs are never entered, whatever .gitignore says: dependencies, build output, caches and
// virtualenvs hold no code of the project and can hold hundreds of thousands of files.
var skippedDirs = map[string]bool{
	"node_modules": true, "bower_components": true, "jspm_packages": true, "vendor": true,
	"dist": true, "build": true, "out-tsc": true, "target": true, "bin": true, "obj": true,
	"__pycache__": true, "venv": true, "env.bak": true, "site-packages": true,
	"coverage": true, "storybook-static": true, "Pods": true,
}

// skipDir tells whether a directory is always skipped by its name alone. Hidden directories
// (.git, .next, .venv, .tox, .gradle, .idea, .yarn, .svelte-kit, .terraform…) hold no project
// source either. A directory holding pyvenv.cfg (a virtualenv of any name) is recognised by the
// walker once it has listed it.
func skipDir(name string) bool {
	if skippedDirs[name] || strings.HasPrefix(name, ".") {
		return true
	}
	return strings.HasSuffix(name, ".egg-info")
}

// ignoreRules are the .gitignore patterns in force in one directory: the patterns of every
// .gitignore from the repository root down, in increasing priority, plus .git/info/exclude.
// Domains make a nested file's patterns apply below its own directory only, as git does.
type ignoreRules struct {
	base     string // the directory patterns and match paths are relative to (the repository root)
	patterns []gitignore.Pattern
}

// with returns the rules extended by the patterns of one ignore file in dir (nil-safe, never
// modifies r: directories share their parent's slice).
func (r *ignoreRules) with(dir string, content []byte) *ignoreRules {
	domain := r.components(dir)
	var added []gitignore.Pattern
	sc := bufio.NewScanner(bytes.NewReader(content))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		added = append(added, gitignore.ParsePattern(line, domain))
	}
	if len(added) == 0 {
		return r
	}
	next := &ignoreRules{base: r.base, patterns: make([]gitignore.Pattern, 0, len(r.patterns)+len(added))}
	next.patterns = append(append(next.patterns, r.patterns...), added...)
	return next
}

func (r *ignoreRules) components(path string) []string {
	rel, err := filepath.Rel(r.base, path)
	if err != nil || rel == "." {
		return nil
	}
	return strings.Split(filepath.ToSlash(rel), "/")
}

// ignored tells whether path (below base) is excluded. The last matching pattern decides, so a
// later `!keep.ts` re-includes what an earlier `*.ts` excluded.
func (r *ignoreRules) ignored(path string, isDir bool) bool {
	if len(r.patterns) == 0 {
		return false
	}
	return gitignore.NewMatcher(r.patterns).Match(r.components(path), isDir)
}

// maxFileSize is the largest source file the scan reads: bigger ones are generated or data.
const maxFileSize = MaxFileSize

// MaxFileSize is the largest source file the model summarises; an open document over it is
// recorded without a summary (nothing follows from it into other files).
const MaxFileSize = 1 << 20

// maxLineLength: a line this long means minified or generated code.
const maxLineLength = 5000

var generatedMarker = regexp.MustCompile(`(?m)^\s*(?://|#|/\*|\*|--)\s*Code generated .* DO NOT EDIT\.?|@generated\b`)

// minifiedName matches bundler output by name (app.min.js, vendor-min.js, main.bundle.js).
func minifiedName(name string) bool {
	n := strings.ToLower(name)
	for _, suffix := range []string{".min.js", ".min.mjs", ".min.cjs", "-min.js", ".bundle.js", ".chunk.js"} {
		if strings.HasSuffix(n, suffix) {
			return true
		}
	}
	return false
}

// generated tells whether a file's text marks it as generated or minified: a "Code generated … DO
// NOT EDIT" or @generated marker in its head, or a very long line in its first 64 KB.
func generated(text []byte) bool {
	head := text[:min(len(text), 4096)]
	if generatedMarker.Match(head) {
		return true
	}
	window := text[:min(len(text), 64<<10)]
	for len(window) > 0 {
		i := bytes.IndexByte(window, '\n')
		if i < 0 {
			return len(window) >= maxLineLength
		}
		if i >= maxLineLength {
			return true
		}
		window = window[i+1:]
	}
	return false
}
