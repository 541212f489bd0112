package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/workos-lsp/workos-lsp/corpus/mdx"
)

// Source is where a corpus is read from: a folder of MDX pages and, optionally, the changelog folder.
type Source struct {
	Version    string
	Digest     string
	Docs       fs.FS
	Changelogs fs.FS // may be nil
}

// Parse reads every page of src and builds the corpus and its symbol table. Faults in single pages are
// collected in Corpus.Problems; only an unreadable folder or one with no pages is an error.
func Parse(src Source) (*Corpus, error) {
	files, err := listPages(src)
	if err != nil {
		return nil, err
	}
	defer relaxGC()()
	parsed := make([]parsedFile, len(files))
	parallel(len(files), func(i int) {
		parsed[i] = readFile(src.Docs, files[i])
		parsed[i].render()
	})
	changelog, problem := changelogOf(src)
	return build(src, parsed, changelog, problem), nil
}

// ParseStaged is Parse in two steps, for a caller that wants to answer hovers before every page is
// rendered: rendering the MDX bodies of the guides is most of a parse, and hovers, completion and
// signature help need only the reference entries and the pages that declare them.
//
// early holds every page with its front matter (path, title and description as the front matter
// says), every reference entry as Parse builds it, and the pages that declare entries fully rendered
// (an entry's hover may quote its section); the other pages have no body yet and their title only
// if the front matter gives one, and early has no events (they are read from bodies). complete
// renders the rest and returns the corpus Parse returns; early stays as it was. Call complete once.
func ParseStaged(src Source) (early *Corpus, complete func() *Corpus, err error) {
	files, err := listPages(src)
	if err != nil {
		return nil, nil, err
	}
	restore := relaxGC()
	parsed := make([]parsedFile, len(files))
	parallel(len(files), func(i int) {
		parsed[i] = readFile(src.Docs, files[i])
		if len(parsed[i].entries) > 0 {
			parsed[i].render()
		}
	})
	changelog, problem := changelogOf(src)
	early = build(src, earlyCopies(parsed), changelog, problem)
	restore()
	complete = func() *Corpus {
		defer relaxGC()()
		parallel(len(parsed), func(i int) {
			if !parsed[i].rendered {
				parsed[i].render()
			}
		})
		return build(src, parsed, changelog, problem)
	}
	return early, complete, nil
}

// earlyCopies are the files as far as they are read, for the early corpus: pages are copies (the
// builder links entries into them, and complete renders the originals), events are left out.
func earlyCopies(parsed []parsedFile) []parsedFile {
	out := make([]parsedFile, len(parsed))
	for i, f := range parsed {
		if f.page != nil {
			p := *f.page
			p.Entries = nil
			f.page = &p
		}
		f.events = nil
		out[i] = f
	}
	return out
}

func listPages(src Source) ([]string, error) {
	if src.Docs == nil {
		return nil, errors.New("parse corpus: no docs folder")
	}
	var files []string
	err := fs.WalkDir(src.Docs, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".mdx") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("parse corpus: list pages: %w", err)
	}
	if len(files) == 0 {
		return nil, errors.New("parse corpus: the docs folder holds no .mdx pages")
	}
	sort.Strings(files)
	return files, nil
}

// changelogOf reads the changelog folder, if any; a fault is reported as a problem.
func changelogOf(src Source) ([]ChangelogItem, *Problem) {
	if src.Changelogs == nil {
		return nil, nil
	}
	items, err := readChangelogs(src.Changelogs)
	if err != nil {
		return items, &Problem{File: "changelogs", Message: err.Error()}
	}
	return items, nil
}

// build links the parsed files into a corpus and its symbol table.
func build(src Source, parsed []parsedFile, changelog []ChangelogItem, changelogProblem *Problem) *Corpus {
	c := &Corpus{Version: src.Version, Digest: src.Digest, pagesByPath: map[string]*Page{}}
	b := newBuilder(c)
	for i := range parsed {
		b.add(&parsed[i])
	}
	b.resolve()
	if changelogProblem != nil {
		c.Problems = append(c.Problems, *changelogProblem)
	}
	c.Changelog = changelog
	c.symbols = newSymbols(c)
	return c
}

// parsedFile is one page after the per-file work that can run in parallel.
type parsedFile struct {
	file         string
	page         *Page
	body         []byte // the MDX body, until rendered
	rendered     bool
	events       []mdx.Event
	descriptions map[string]string
	entries      map[Language][]rawEntry
	problems     []string
	navigation   bool
}

// readFile reads a page and its front matter; render does the body.
func readFile(fsys fs.FS, file string) parsedFile {
	out := parsedFile{file: file}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		out.problems = append(out.problems, err.Error())
		return out
	}
	front, body, err := splitFrontMatter(src)
	if err != nil {
		out.problems = append(out.problems, err.Error())
	}
	f, entries, problems, err := parseFront(front)
	out.problems = append(out.problems, problems...)
	if err != nil {
		out.problems = append(out.problems, err.Error())
	}
	out.entries = entries
	out.descriptions = map[string]string{}
	flattenDescriptions(&f.Descriptions, "", out.descriptions)
	// Some pages write their descriptions map under the singular key; it is still a descriptions map.
	description := ""
	switch f.Description.Kind {
	case yaml.ScalarNode:
		description = f.Description.Value
	case yaml.MappingNode:
		flattenDescriptions(&f.Description, "", out.descriptions)
	}

	// Navigation files only describe the site's menu; their descriptions and entries still count.
	if path.Base(file) == "_navigation.mdx" {
		out.navigation = true
		return out
	}
	out.body = body
	out.page = &Page{
		Path:        pagePath(file),
		File:        file,
		Title:       strings.TrimSpace(f.Title),
		Description: strings.TrimSpace(description),
	}
	return out
}

// render turns the page's MDX body into its Markdown, sections, examples and events.
func (f *parsedFile) render() {
	f.rendered = true
	if f.page == nil {
		return
	}
	doc, err := mdx.Render(f.body, mdx.Options{SiteURL: SiteURL})
	f.body = nil
	if err != nil {
		f.problems = append(f.problems, "render: "+err.Error())
	}
	p := f.page
	p.Markdown = doc.Markdown
	for _, s := range doc.Sections {
		p.Sections = append(p.Sections, Section{Heading: s.Heading, Level: s.Level, Anchor: s.Anchor, PathAnchor: s.PathAnchor, Markdown: s.Markdown, Text: s.Text})
	}
	for _, x := range doc.Examples {
		p.Examples = append(p.Examples, CodeExample{Language: x.Language, Title: x.Title, Code: x.Code, SectionAnchor: x.SectionAnchor})
	}
	if p.Title == "" {
		p.Title = firstHeading(p.Sections)
	}
	f.events = doc.Events
}

// pagePath maps "reference/authkit/user/index.mdx" to "reference/authkit/user".
func pagePath(file string) string {
	p := strings.TrimSuffix(file, ".mdx")
	if path.Base(p) == "index" {
		p = path.Dir(p)
		if p == "." {
			p = ""
		}
	}
	return p
}

func firstHeading(sections []Section) string {
	for _, s := range sections {
		if s.Heading != "" {
			return s.Heading
		}
	}
	return ""
}

func readChangelogs(fsys fs.FS) ([]ChangelogItem, error) {
	files, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	var all []ChangelogItem
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return all, err
		}
		var items []ChangelogItem
		if err := json.Unmarshal(data, &items); err != nil {
			return all, fmt.Errorf("%s: %w", f, err)
		}
		for i := range items {
			if items[i].Package == "" {
				items[i].Package = strings.TrimSuffix(f, ".json")
			}
		}
		all = append(all, items...)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Date > all[j].Date })
	return all, nil
}

// parallel runs fn for 0..n-1 on all cores.
func parallel(n int, fn func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	next := make(chan int, n)
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

var siteLink = regexp.MustCompile(`\]\((/[^)\s]*)\)`)

// absoluteLinks points site-relative Markdown links at the public site.
func absoluteLinks(md string) string {
	if !strings.Contains(md, "](/") {
		return md
	}
	return siteLink.ReplaceAllString(md, "]("+SiteURL+"$1)")
}
