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
	defer relaxGC()()

	parsed := make([]parsedFile, len(files))
	parallel(len(files), func(i int) { parsed[i] = parseFile(src.Docs, files[i]) })

	c := &Corpus{Version: src.Version, Digest: src.Digest, pagesByPath: map[string]*Page{}}
	b := newBuilder(c)
	for i := range parsed {
		b.add(&parsed[i])
	}
	b.resolve()
	if src.Changelogs != nil {
		items, err := readChangelogs(src.Changelogs)
		if err != nil {
			c.Problems = append(c.Problems, Problem{File: "changelogs", Message: err.Error()})
		}
		c.Changelog = items
	}
	c.symbols = newSymbols(c)
	return c, nil
}

// parsedFile is one page after the per-file work that can run in parallel.
type parsedFile struct {
	file         string
	page         *Page
	events       []mdx.Event
	descriptions map[string]string
	entries      map[Language][]rawEntry
	problems     []string
	navigation   bool
}

func parseFile(fsys fs.FS, file string) parsedFile {
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
	doc, err := mdx.Render(body, mdx.Options{SiteURL: SiteURL})
	if err != nil {
		out.problems = append(out.problems, "render: "+err.Error())
	}
	p := &Page{
		Path:        pagePath(file),
		File:        file,
		Title:       strings.TrimSpace(f.Title),
		Description: strings.TrimSpace(description),
		Markdown:    doc.Markdown,
	}
	for _, s := range doc.Sections {
		p.Sections = append(p.Sections, Section{Heading: s.Heading, Level: s.Level, Anchor: s.Anchor, PathAnchor: s.PathAnchor, Markdown: s.Markdown, Text: s.Text})
	}
	for _, x := range doc.Examples {
		p.Examples = append(p.Examples, CodeExample{Language: x.Language, Title: x.Title, Code: x.Code, SectionAnchor: x.SectionAnchor})
	}
	if p.Title == "" {
		p.Title = firstHeading(p.Sections)
	}
	out.page = p
	out.events = doc.Events
	return out
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
