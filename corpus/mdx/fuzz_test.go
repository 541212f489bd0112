package mdx

import (
	"os"
	"testing"
	"unicode/utf8"
)

func FuzzRender(f *testing.F) {
	for _, p := range fixtures(f) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"", "<", "{", "```", "<A>\n  x\n", "<Event.Root><Event.Details name=\"a\">", "## x {{ \"url\": \"y\" }}",
		"a\n: b\n: c", "- $ a=\"b\"", "<Callout title=\"t\">\n> ```js\n> x\n</Callout>", "[x](/y)[k=v]",
		"<a href=\"/x\">y</a>", "`a` <b>`c`</b> {' '}", "<!-- x", "{/* x", "\x00\r\n\r",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		doc := render(in, Options{}) // not Render: a panic must fail the fuzzer, not become an error
		if utf8.Valid(in) {
			if !utf8.ValidString(doc.Markdown) {
				t.Fatalf("invalid UTF-8 output for valid input %q:\n%q", in, doc.Markdown)
			}
			for _, s := range doc.Sections {
				if !utf8.ValidString(s.Text) || !utf8.ValidString(s.Heading) || !utf8.ValidString(s.Anchor) {
					t.Fatalf("invalid UTF-8 in section %+v", s)
				}
			}
		}
		checkInvariants(t, in, doc)
	})
}
