package mdx

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// The real WorkOS docs are not part of this repository. Point WORKOS_DOCS_DIR at the docs folder of
// the @workos/mcp-docs-server package (…/package/.docs/organized/docs) to run these.

type page struct {
	path string
	body []byte
}

func loadCorpus(tb testing.TB) []page {
	tb.Helper()
	dir := os.Getenv("WORKOS_DOCS_DIR")
	if dir == "" {
		tb.Skip("WORKOS_DOCS_DIR not set")
	}
	var pages []page
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".mdx") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		pages = append(pages, page{rel, stripFrontMatter(b)})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(pages) == 0 {
		tb.Fatalf("no .mdx pages under %s", dir)
	}
	return pages
}

// stripFrontMatter drops a leading YAML block between "---" lines (the corpus loader does this in
// the real pipeline).
func stripFrontMatter(b []byte) []byte {
	if !bytes.HasPrefix(b, []byte("---\n")) {
		return b
	}
	if k := bytes.Index(b[3:], []byte("\n---\n")); k >= 0 {
		return b[3+k+5:]
	}
	return b
}

var codeSpanRe = regexp.MustCompile("`+[^`]*`+")

// proseOnly returns the Markdown without fenced code blocks and code spans, where component names
// may legitimately appear (pages that document the components themselves).
func proseOnly(md string) string {
	var b strings.Builder
	inFence := false
	var f fence
	for _, l := range strings.Split(md, "\n") {
		if inFence {
			inFence = !fenceClose(l, f)
			continue
		}
		if fo, ok := fenceOpen(l); ok {
			inFence, f = true, fo
			continue
		}
		b.WriteString(codeSpanRe.ReplaceAllString(l, ""))
		b.WriteByte('\n')
	}
	return b.String()
}

var eventName = regexp.MustCompile(`<Event\.Details\s+name="([^"]+)"`)

func TestRealCorpus(t *testing.T) {
	pages := loadCorpus(t)
	var total time.Duration
	var size int
	var sourceEvents, gotEvents []string
	leftovers := []string{"<CodeBlock", "<Event.", "<Callout", `{{ "url"`, "<ExampleApps", "<GlossaryMarker", "<PropsTable", "<Badge"}
	for _, p := range pages {
		start := time.Now()
		doc, err := Render(p.body, Options{})
		total += time.Since(start)
		size += len(p.body)
		if err != nil {
			t.Errorf("%s: %v", p.path, err)
			continue
		}
		prose := proseOnly(doc.Markdown)
		for _, l := range leftovers {
			if strings.Contains(prose, l) {
				t.Errorf("%s: output contains %q", p.path, l)
			}
		}
		for _, m := range eventName.FindAllSubmatch(p.body, -1) {
			sourceEvents = append(sourceEvents, string(m[1]))
		}
		for _, e := range doc.Events {
			gotEvents = append(gotEvents, e.Name)
			if e.Description == "" || e.SectionAnchor == "" {
				t.Errorf("%s: event %s has no description or section: %+v", p.path, e.Name, e)
			}
		}
		t.Run(p.path, func(t *testing.T) { checkInvariants(t, p.body, doc) })
		// MDX has no indented code blocks, so the output must not create any at the top level.
		root := md.Parser().Parse(text.NewReader([]byte(doc.Markdown)))
		for n := root.FirstChild(); n != nil; n = n.NextSibling() {
			if n.Kind() == ast.KindCodeBlock {
				t.Errorf("%s: output has an indented code block at line offset %d", p.path, n.Pos())
			}
		}
	}
	sort.Strings(sourceEvents)
	sort.Strings(gotEvents)
	if strings.Join(sourceEvents, " ") != strings.Join(gotEvents, " ") {
		t.Errorf("events differ:\nsource %v\ngot    %v", sourceEvents, gotEvents)
	}
	t.Logf("%d pages, %d KB, %d events: rendered in %v (one goroutine)", len(pages), size/1024, len(gotEvents), total)
}
