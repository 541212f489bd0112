package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/docview"
)

// pageCache writes a Markdown copy of each page the first time a definition or symbol points into it:
// <dir>/pages/<docs version>/<page path>.md, or <page path>.<lang>.md for a reference page opened from
// a file in one SDK (its entries listed with that SDK first), atomically (temp file + rename), once per
// version. It remembers the line of each section so locations land on the heading.
type pageCache struct {
	root string // <dir>/pages/<version>
	c    *corpus.Corpus

	mu    sync.Mutex
	pages map[string]*renderedPage
}

type renderedPage struct {
	once  sync.Once
	file  string
	lines map[string]int // section anchor → zero-based line of its heading
	err   error
}

func newPageCache(dir, version string, c *corpus.Corpus) *pageCache {
	v := version
	if v == "" || v == "local" {
		v = "local"
		if c.Digest != "" {
			v += "-" + shortDigest(c.Digest)
		}
	}
	return &pageCache{root: filepath.Join(dir, "pages", safeName(v)), c: c, pages: map[string]*renderedPage{}}
}

func shortDigest(d string) string {
	d = safeName(d)
	if i := strings.LastIndexAny(d, ":-"); i >= 0 && i+1 < len(d) {
		d = d[i+1:]
	}
	if len(d) > 16 {
		d = d[:16]
	}
	return d
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._+-]`)

// safeName makes a single path element of s.
func safeName(s string) string {
	s = unsafeChars.ReplaceAllString(s, "_")
	if s == "" || s == "." || s == ".." {
		return "_"
	}
	return s
}

// location returns the file URI of page p and the line of the section anchor (0 when not found). lang
// is the SDK to list first on a reference page ("" for the docs' order).
func (pc *pageCache) location(p *corpus.Page, anchor string, lang corpus.Language) (uri.URI, int, error) {
	if len(p.Entries) == 0 {
		lang = "" // one file serves every language
	}
	key := p.Path + "\x00" + string(lang)
	pc.mu.Lock()
	rp := pc.pages[key]
	if rp == nil {
		rp = &renderedPage{}
		pc.pages[key] = rp
	}
	pc.mu.Unlock()
	rp.once.Do(func() { rp.file, rp.lines, rp.err = pc.write(p, lang) })
	if rp.err != nil {
		return "", 0, rp.err
	}
	return uri.File(rp.file), rp.lines[anchor], nil
}

func (pc *pageCache) write(p *corpus.Page, lang corpus.Language) (string, map[string]int, error) {
	rel := p.Path
	if rel == "" {
		rel = "index"
	}
	parts := strings.Split(rel, "/")
	for i, part := range parts {
		parts[i] = safeName(part)
	}
	file := filepath.Join(append([]string{pc.root}, parts...)...)
	if lang != "" {
		file += "." + safeName(string(lang))
	}
	file += ".md"
	content, lines := renderPage(p, lang)
	if b, err := os.ReadFile(file); err == nil && string(b) == content {
		return file, lines, nil
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return "", nil, fmt.Errorf("page cache: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".page-*.tmp")
	if err != nil {
		return "", nil, fmt.Errorf("page cache: %w", err)
	}
	_, werr := tmp.WriteString(content)
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return "", nil, fmt.Errorf("page cache: writing %s: %v", file, firstErr(werr, cerr))
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		os.Remove(tmp.Name())
		return "", nil, fmt.Errorf("page cache: %w", err)
	}
	return file, lines, nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

var headingLine = regexp.MustCompile(`^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)

// renderPage is the page file's content: the public URL, a title (unless the body opens with the same
// heading), the description, the body and the SDK entries the page declares (lang's first), with the
// line of every section heading (matched in order). The empty anchor maps to the first heading.
func renderPage(p *corpus.Page, lang corpus.Language) (string, map[string]int) {
	var b strings.Builder
	title := p.Title
	if title == "" {
		title = p.Path
	}
	body := p.Markdown
	fmt.Fprintf(&b, "<%s>\n\n", p.URL())
	if m := headingLine.FindStringSubmatch(firstLine(body)); m == nil || !sameHeading(m[2], title) {
		fmt.Fprintf(&b, "# %s\n\n", title)
	}
	if p.Description != "" {
		fmt.Fprintf(&b, "%s\n\n", p.Description)
	}
	head := b.String()
	b.WriteString(body)
	if !strings.HasSuffix(body, "\n") {
		b.WriteString("\n")
	}
	if ref := docview.ReferencePage(p, "", docview.PageLanguages{First: lang}); ref != "" {
		b.WriteString("\n" + ref)
	}
	content := b.String()
	offset := strings.Count(head, "\n")
	lines := map[string]int{}
	bodyLines := strings.Split(body, "\n")
	next := 0
	inFence := false
	for _, sec := range p.Sections {
		if sec.Heading == "" {
			continue
		}
		for i := next; i < len(bodyLines); i++ {
			l := bodyLines[i]
			if t := strings.TrimSpace(l); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
				inFence = !inFence
				continue
			}
			if inFence {
				continue
			}
			m := headingLine.FindStringSubmatch(l)
			if m != nil && sameHeading(m[2], sec.Heading) {
				lines[sec.Anchor] = offset + i
				next = i + 1
				break
			}
		}
	}
	// No anchor: the first heading of the file.
	for i, l := range strings.Split(content, "\n") {
		if headingLine.MatchString(l) {
			lines[""] = i
			break
		}
	}
	return content, lines
}

func firstLine(s string) string {
	s = strings.TrimLeft(s, "\n")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func sameHeading(line, heading string) bool {
	clean := func(s string) string {
		return strings.TrimSpace(strings.NewReplacer("`", "", "*", "", "_", "").Replace(s))
	}
	return clean(line) == clean(heading)
}
