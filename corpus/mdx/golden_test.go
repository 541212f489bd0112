package mdx

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.* from the current output")

// goldenMeta is what the JSON golden files hold: everything but the Markdown, which has its own file.
type goldenMeta struct {
	Sections []goldenSection
	Events   []Event
	Examples []CodeExample
}

type goldenSection struct {
	Heading string
	Level   int
	Anchor  string
	Text    string
}

func fixtures(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.mdx"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	return files
}

func TestGolden(t *testing.T) {
	for _, f := range fixtures(t) {
		name := strings.TrimSuffix(filepath.Base(f), ".mdx")
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := mustRender(t, string(in), Options{})
			meta := goldenMeta{Events: doc.Events, Examples: doc.Examples}
			for _, s := range doc.Sections {
				meta.Sections = append(meta.Sections, goldenSection{s.Heading, s.Level, s.Anchor, s.Text})
			}
			js, err := json.MarshalIndent(meta, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			js = append(js, '\n')
			mdFile := filepath.Join("testdata", name+".golden.md")
			jsFile := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(mdFile, []byte(doc.Markdown), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(jsFile, js, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			wantMD, err := os.ReadFile(mdFile)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if doc.Markdown != string(wantMD) {
				t.Errorf("Markdown differs from %s (go test -update rewrites it):\n%s", mdFile, doc.Markdown)
			}
			wantJS, err := os.ReadFile(jsFile)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(js, wantJS) {
				t.Errorf("sections/events/examples differ from %s (go test -update rewrites it):\n%s", jsFile, js)
			}
			checkInvariants(t, in, doc)
		})
	}
}

// checkInvariants holds for every page, fixtures and real ones alike.
func checkInvariants(t *testing.T, in []byte, doc Document) {
	t.Helper()
	if utf8.Valid(in) && !utf8.ValidString(doc.Markdown) {
		t.Errorf("output is not valid UTF-8")
	}
	if strings.IndexByte(doc.Markdown, 0) >= 0 {
		t.Errorf("output contains a NUL marker")
	}
	var all strings.Builder
	for _, s := range doc.Sections {
		all.WriteString(s.Markdown)
		if s.Level > 0 && s.Anchor == "" && slugify(s.Heading) != "" {
			t.Errorf("section %q has no anchor", s.Heading)
		}
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if squash(all.String()) != squash(doc.Markdown) {
		t.Errorf("sections do not add up to the document")
	}
	anchors := map[string]bool{}
	for _, s := range doc.Sections {
		if s.Level > 0 {
			if anchors[s.Anchor] {
				t.Errorf("duplicate anchor %q", s.Anchor)
			}
			anchors[s.Anchor] = true
		}
	}
	for _, e := range doc.Events {
		if e.SectionAnchor != "" && !anchors[e.SectionAnchor] {
			t.Errorf("event %s: section anchor %q is not a section", e.Name, e.SectionAnchor)
		}
	}
	for _, x := range doc.Examples {
		if x.SectionAnchor != "" && !anchors[x.SectionAnchor] {
			t.Errorf("example %q: section anchor %q is not a section", x.Title, x.SectionAnchor)
		}
	}
}
