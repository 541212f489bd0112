package corpus

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// FuzzParsePage feeds arbitrary bytes through front matter splitting, YAML decoding, MDX rendering and
// entry building: nothing may panic, and a page always comes out.
func FuzzParsePage(f *testing.F) {
	seeds, _ := filepath.Glob("corpustest/fixture/docs/*/*.mdx")
	more, _ := filepath.Glob("corpustest/fixture/docs/*/*/*/*.mdx")
	for _, s := range append(seeds, more...) {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("---\nreference:\n  js:\n    - parameters: [(x), {properties: [(x.y)]}]\n---\n"))
	f.Add([]byte("---\n---\n"))
	f.Fuzz(func(t *testing.T, page []byte) {
		c, err := Parse(Source{Docs: fstest.MapFS{"a/page.mdx": {Data: page}}})
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if len(c.Pages) != 1 {
			t.Fatalf("pages = %d", len(c.Pages))
		}
		if utf8.Valid(page) && !utf8.ValidString(c.Pages[0].Markdown) {
			t.Fatalf("valid UTF-8 in, invalid out")
		}
	})
}
