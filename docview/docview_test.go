package docview

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden (-update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func entry(t *testing.T, c *corpus.Corpus, lang corpus.Language, id string, kind corpus.EntryKind) *corpus.Entry {
	t.Helper()
	for _, e := range c.Entries {
		if e.Language == lang && e.ID == id && e.Kind == kind {
			return e
		}
	}
	t.Fatalf("no %s %s entry %q in the fixture", lang, kind, id)
	return nil
}

// TestGolden renders every kind of symbol in every SDK language of the fixture corpus.
func TestGolden(t *testing.T) {
	c := corpustest.Corpus(t)
	sym := c.Symbols()
	o := Options{Footer: Footer("0.2.0", "")}
	for _, lang := range corpus.ReferenceLanguages {
		kind := corpus.KindMethod
		if lang == corpus.Curl {
			kind = corpus.KindEndpoint
		}
		e := entry(t, c, lang, "create_user", kind)
		golden(t, "call-"+string(lang)+".md", Call(sym, e, o))
	}
	goCreate := entry(t, c, corpus.Go, "create_user", corpus.KindMethod)
	opts := goCreate.Options()
	golden(t, "option-go.md", Option(goCreate, &opts[1], o))
	jsCreate := entry(t, c, corpus.JS, "create_user", corpus.KindMethod)
	jsOpts := jsCreate.Options()
	golden(t, "option-js.md", Option(jsCreate, &jsOpts[len(jsOpts)-1], o))

	for _, e := range c.Entries {
		if e.Kind == corpus.KindType && e.Language == corpus.JS {
			golden(t, "type-js.md", Type(e, o))
			break
		}
	}
	ev, ok := sym.Event("user.created")
	if !ok {
		t.Fatal("no user.created event")
	}
	golden(t, "event.md", Event(ev, o))
	golden(t, "module-python.md", Module(sym, corpus.Python, "usermanagement", o))
	golden(t, "candidates.md", Candidates("listUsers", sym.Named(corpus.JS, "listUsers"), o))
	golden(t, "call-js-nolinks.md", Call(sym, jsCreate, Options{NoLinks: true}))
	golden(t, "call-js-plain.txt", PlainText(Call(sym, jsCreate, o)))
}

func TestCallContents(t *testing.T) {
	c := corpustest.Corpus(t)
	sym := c.Symbols()
	e := entry(t, c, corpus.Go, "create_user", corpus.KindMethod)
	md := Call(sym, e, Options{Footer: "WorkOS docs 0.2.0"})
	for _, want := range []string{
		"```go\nusermanagement.CreateUser(ctx, opts)\n```",  // signature in the SDK's syntax
		"Create a new fixture user",                         // description from the page section
		"`opts` `usermanagement.CreateUserOpts` · required", // parameter with type and requiredness
		"  - `Password` `string` · optional",                // unwrapped options listed
		"**Returns**",
		"Same call in: cURL `POST /user_management/users` · Node `userManagement.createUser()`", // each SDK's own spelling
		"Python `user_management.create_user()`",
		"(https://workos.com/docs/reference/authkit/user/create)",
		"*WorkOS docs 0.2.0*",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("missing %q in:\n%s", want, md)
		}
	}
	if strings.Contains(md, "Go `") {
		t.Error("Same call in lists the entry's own language")
	}
}

func TestSignatureLabel(t *testing.T) {
	c := corpustest.Corpus(t)
	e := entry(t, c, corpus.DotNet, "create_user", corpus.KindMethod)
	label, ps := SignatureLabel(e)
	if label != e.Signature() {
		t.Fatalf("label %q != Signature %q", label, e.Signature())
	}
	var got []string
	for _, p := range ps {
		got = append(got, label[p.Start:p.End])
		if e.Parameters[p.Index].Key == "" {
			t.Errorf("label parameter %d has no key", p.Index)
		}
	}
	if strings.Join(got, ",") != "options,cancellationToken?" {
		t.Errorf("parameters = %v", got)
	}
}

func TestPlainText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"```go\nx := 1\n```\n\nText with **bold**, *em* and `code`.", "x := 1\n\nText with bold, em and code.\n"},
		{"See [the guide](https://workos.com/docs/x) and <https://a.b/c>.", "See the guide (https://workos.com/docs/x) and https://a.b/c.\n"},
		{"[`createUser`](https://x.y)", "createUser (https://x.y)\n"},
		{"## Heading\n\n- item\n\n---\n\n*footer*", "Heading\n\n- item\n\nfooter\n"},
		{"> **Note**\n>\n> quoted", "Note\n\nquoted\n"},
		{"a * b * c", "a * b * c\n"},
	}
	for _, tc := range cases {
		if got := PlainText(tc.in); got != tc.want {
			t.Errorf("PlainText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDescriptionFallbacks(t *testing.T) {
	c := corpustest.Corpus(t)
	for _, e := range c.Entries {
		if e.Kind == corpus.KindFunction && strings.Contains(e.DocPath, "://") {
			if d := Description(e); d != "" {
				t.Errorf("%s links outside the docs; its description must not come from the page it is declared on: %q", e.Title, d)
			}
		}
	}
}

// TestNestedParameters renders an entry shaped like the real docs' audit-log and authentication
// calls: an object parameter the docs expand, options nested in options, an unnamed returned object
// with fields. (Written for this test; not the docs' text.)
func TestNestedParameters(t *testing.T) {
	e := &corpus.Entry{Language: corpus.JS, Kind: corpus.KindMethod, Title: "audit.record()", Receiver: "audit", Name: "record",
		DocPath: "/reference/audit/record",
		Parameters: []corpus.Param{
			{Key: "orgId", Type: "string", Description: "The organization."},
			{Key: "entry", Type: "object", Expanded: true, Properties: []corpus.Param{
				{Key: "action", Type: "string"},
				{Key: "actor", Type: "object", Expanded: true, Properties: []corpus.Param{
					{Key: "id", Type: "string"},
					{Key: "tags", Type: "object", Optional: true, Properties: []corpus.Param{{Key: "deepest", Type: "string"}}},
				}},
			}},
			{Key: "options", Type: "object", Unwrap: true, Optional: true, Properties: []corpus.Param{
				{Key: "session", Type: "object", Optional: true, Properties: []corpus.Param{{Key: "seal", Type: "boolean"}}},
			}},
		},
		Returns: []corpus.Param{{Key: "anonymous", Type: "object", Unwrap: true, Properties: []corpus.Param{
			{Key: "id", Type: "string"},
			{Key: "meta", Type: "object", Optional: true, Properties: []corpus.Param{{Key: "hidden", Type: "string"}}},
		}}},
	}
	golden(t, "call-nested.md", Call(nil, e, Options{Footer: Footer("test", "")}))
	md := Call(nil, e, Options{})
	for _, want := range []string{
		"  - `actor` `object` · required\n    - `id` `string` · required",
		"  - `session` `object` · optional\n    - `seal` `boolean` · required",
		"**Returns**\n\n- `object`\n  - `id` `string`\n  - `meta` `object` · optional\n\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("missing %q in:\n%s", want, md)
		}
	}
	if strings.Contains(md, "deepest") || strings.Contains(md, "hidden") || strings.Contains(md, "anonymous") {
		t.Errorf("nesting too deep or a placeholder shown:\n%s", md)
	}
	id := &e.Parameters[1].Properties[1].Properties[0]
	if got := NestedOption(e, id, []string{"entry", "actor"}, Options{}); !strings.Contains(got, "Property of `entry.actor` in `audit.record(orgId, entry, options?)`") {
		t.Errorf("nested option:\n%s", got)
	}
	if got := Option(e, &e.Parameters[0], Options{}); !strings.Contains(got, "Option of `audit.record(") {
		t.Errorf("option:\n%s", got)
	}
}

// TestReferencePageGolden renders every reference page of the fixture with all its SDKs, and one
// page with an SDK first and with only that SDK.
func TestReferencePageGolden(t *testing.T) {
	c := corpustest.Corpus(t)
	rendered := 0
	for _, p := range c.Pages {
		if len(p.Entries) == 0 || !strings.HasPrefix(p.Path, "reference") {
			continue
		}
		name := "page-" + strings.ReplaceAll(p.Path, "/", "_") + ".md"
		golden(t, name, ReferencePage(p, "", PageLanguages{}))
		rendered++
	}
	if rendered < 5 {
		t.Fatalf("only %d reference pages in the fixture", rendered)
	}
	p, _, ok := c.Page("reference/authkit/user/create")
	if !ok {
		t.Fatal("no reference/authkit/user/create")
	}
	golden(t, "page-create-go-first.md", ReferencePage(p, "", PageLanguages{First: corpus.Go}))
	golden(t, "page-create-python-only.md", ReferencePage(p, "", PageLanguages{First: corpus.Python, Only: true}))
}

func TestReferencePageLanguages(t *testing.T) {
	c := corpustest.Corpus(t)
	p, _, _ := c.Page("reference/authkit/user/create")
	all := ReferencePage(p, "", PageLanguages{})
	goFirst := ReferencePage(p, "", PageLanguages{First: corpus.Go})
	pyOnly := ReferencePage(p, "", PageLanguages{First: corpus.Python, Only: true})
	headings := func(md string) []string {
		var out []string
		for _, l := range strings.Split(md, "\n") {
			if strings.HasPrefix(l, "### ") {
				out = append(out, l)
			}
		}
		return out
	}
	if h := headings(all); len(h) != 8 || !strings.HasPrefix(h[0], "### cURL") {
		t.Errorf("all languages: headings %q, want 8 starting with cURL", h)
	}
	if h := headings(goFirst); len(h) != 8 || !strings.HasPrefix(h[0], "### Go") {
		t.Errorf("Go first: headings %q", h)
	}
	if h := headings(pyOnly); len(h) != 1 || !strings.HasPrefix(h[0], "### Python") {
		t.Errorf("Python only: headings %q", h)
	}
	if !strings.Contains(pyOnly, "Also in: ") || !strings.Contains(pyOnly, "`usermanagement.CreateUser()`") {
		t.Errorf("Python only should name the other SDKs' spellings:\n%s", pyOnly)
	}
	for _, want := range []string{"**Parameters**", "`email`", "· required", "· optional", "**Returns**"} {
		if !strings.Contains(pyOnly, want) {
			t.Errorf("Python only lacks %q:\n%s", want, pyOnly)
		}
	}
	// A page that declares nothing renders nothing; the language asked for but absent shows all.
	if got := ReferencePage(&corpus.Page{Path: "x"}, "", PageLanguages{}); got != "" {
		t.Errorf("page without entries: %q", got)
	}
	if got := ReferencePage(p, "", PageLanguages{First: "cobol", Only: true}); got != all {
		t.Errorf("unknown language should render every SDK")
	}
}

// BenchmarkReferencePage renders the fixture's create-user page (8 SDKs) in full.
func BenchmarkReferencePage(b *testing.B) {
	c := corpustest.Corpus(b)
	p, _, _ := c.Page("reference/authkit/user/create")
	for b.Loop() {
		_ = ReferencePage(p, "", PageLanguages{First: corpus.Go})
	}
}

func TestCallForwards(t *testing.T) {
	c := corpustest.Corpus(t)
	e := entry(t, c, corpus.JS, "create_user", corpus.KindMethod)
	md := Call(c.Symbols(), e, Options{Forwards: "workos.userManagement.createUser"})
	if !strings.HasPrefix(md, "Forwards to `workos.userManagement.createUser`:\n\n```") {
		t.Errorf("a thin wrapper's hover does not say what it forwards to:\n%s", md)
	}
	if md := Call(c.Symbols(), e, Options{}); strings.Contains(md, "Forwards") {
		t.Errorf("a direct call says it forwards:\n%s", md)
	}
}
