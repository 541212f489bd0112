package mdx

import (
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func mustRender(t *testing.T, in string, opts Options) Document {
	t.Helper()
	doc, err := Render([]byte(in), opts)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return doc
}

// lines joins its arguments with newlines and adds the final one.
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// JSX wrappers and components
		{"block wrapper keeps children",
			lines("<LanguageSelector>", "  Pick a package manager.", "", "  More text.", "</LanguageSelector>"),
			lines("Pick a package manager.", "", "More text.")},
		{"inline wrapper keeps text",
			lines(`A run is <Badge color="green" size="2">Passed</Badge> once every check is green.`),
			lines("A run is Passed once every check is green.")},
		{"inline wrapper with self-closing child",
			lines(`Status: <Badge color="gray"><Spinner size="1" /> Waiting</Badge> for now.`),
			lines("Status: Waiting for now.")},
		{"glossary marker",
			lines("<GlossaryMarker>Q</GlossaryMarker>", "", "## Quota", "", "A limit."),
			lines("Q", "", "## Quota", "", "A limit.")},
		{"self-closing components vanish",
			lines("Before.", "", "<WidgetDemo />", "", `<PropsTable data={widgets.teamPicker.props} />`, "", "After."),
			lines("Before.", "", "After.")},
		{"multi-line opening tag with expression attributes",
			lines("<Gallery", `  items={[{ label: "a}b", tags: ['x', "y"] }, { nested: { deep: true } }]}`,
				"  caption=\"Look > here\"", "  render={(p) => `${p.name}`}", "  {...rest}", ">", "  Shown text.", "</Gallery>"),
			lines("Shown text.")},
		{"fragment",
			lines("<>", "  Inside a fragment.", "</>"),
			lines("Inside a fragment.")},
		{"example apps cards become a tight list",
			lines("Samples:", "", "<ExampleApps.Root>", "  <ExampleApps.Card", `    href="https://github.com/acme/rust-sample"`,
				`    title="Rust sample app"`, "  />", `  <ExampleApps.Card href="/samples/zig" title="Zig sample" description="Small and fast" />`,
				"</ExampleApps.Root>"),
			lines("Samples:", "", "- [Rust sample app](https://github.com/acme/rust-sample)",
				"- [Zig sample](https://workos.com/docs/samples/zig) — Small and fast")},
		{"style and script vanish with their content",
			lines("<style>{`", " .x { color: red; }", "`}</style>", "", `<div class="wide">`, "", "- kept item", "", "</div>"),
			lines("- kept item")},
		{"inline html becomes markdown",
			lines(`<strong>Note:</strong> use <code>npm ci</code> and read <a href="/guide/setup">the guide</a>.<br/>Done.`),
			lines("**Note:** use `npm ci` and read [the guide](https://workos.com/docs/guide/setup). Done.")},
		{"jsx string literal expressions",
			lines("Protected with{' '}", "<code>csrf</code> tokens{\" \"}here."),
			lines("Protected with", "`csrf` tokens here.")},

		// Callout
		{"callout",
			lines("Text.", `<Callout type="warning">`, "  Rotating a key revokes the", "  old one at once.", "</Callout>"),
			lines("Text.", "", "> Rotating a key revokes the", "> old one at once.")},
		{"callout with title and paragraphs",
			lines(`<Callout title="Heads up" type="info">`, "", "  First.", "", "", "  Second with [link](/x).", "", "</Callout>"),
			lines("> **Heads up**", ">", "> First.", ">", "> Second with [link](https://workos.com/docs/x).")},
		{"callout in a list item keeps the indentation",
			lines("- Step one", "", "  <Callout>", "    Careful here.", "  </Callout>", "", "- Step two"),
			lines("- Step one", "", "  > Careful here.", "", "- Step two")},

		// CodeBlock
		{"codeblock with tabs vanishes",
			lines("Call it:", "", `<CodeBlock title="Request" referenceId="make_widget">`, `  <CodeBlockTab title="Request" file="make-widget-request" />`,
				`  <CodeBlockTab title="Response" file="make-widget-response" />`, "</CodeBlock>", "", `<CodeBlock file="one-file" title="Only one" />`, "", "Then."),
			lines("Call it:", "", "Then.")},
		{"codeblock with inline code keeps the code",
			lines(`<CodeBlock title="Ping">`, "", "```bash", "curl https://api.example.com/ping", "```", "", "</CodeBlock>"),
			lines("*Ping*", "```bash", "curl https://api.example.com/ping", "```")},

		// Headings
		{"heading with inline component and metadata",
			lines(`### Rotate keys <Badge color="blue">New</Badge> {{ "url": "rotate" }}`, "", "Text."),
			lines("### Rotate keys New", "", "Text.")},
		{"heading metadata removed",
			lines(`## Webhook events {{ "url": "webhooks" }}`, "", `### Quiet {{ "visibility": "no-quick-nav" }}`),
			lines("## Webhook events", "", "### Quiet")},

		// Links
		{"site-relative links",
			lines("See [users](/reference/users), [a part](/guide/start#step-2), [web](https://example.com/a), [mail](mailto:a@example.com), [here](#local) and ![pic](/img/a.png)."),
			lines("See [users](https://workos.com/docs/reference/users), [a part](https://workos.com/docs/guide/start#step-2), [web](https://example.com/a), [mail](mailto:a@example.com), [here](#local) and ![pic](https://workos.com/docs/img/a.png).")},
		{"link with title and code text",
			lines("Use [`listItems`](/reference/items/list \"List\") now."),
			lines("Use [`listItems`](https://workos.com/docs/reference/items/list \"List\") now.")},
		{"link text across lines",
			lines("Read the [Directory", "Group](/reference/group) page."),
			lines("Read the [Directory", "Group](https://workos.com/docs/reference/group) page.")},
		{"image options dropped",
			lines("![Flow](https://cdn.example.com/flow.png)[border=false]"),
			lines("![Flow](https://cdn.example.com/flow.png)")},

		// Definition lists
		{"definition list",
			lines("201", ": Created.", "", "[Widget](/reference/widget)", ": A thing you make.", "", "**`slug`**", ": The slug."),
			lines("**201** — Created.", "", "**[Widget](https://workos.com/docs/reference/widget)** — A thing you make.", "", "**`slug`** — The slug.")},
		{"definition list in a list item",
			lines("- Pages:", "", "  **`home`**", "  : The start page"),
			lines("- Pages:", "", "  **`home`** — The start page")},

		// Code is never touched
		{"fenced code untouched",
			lines("```tsx title=\"app/page.tsx\"", "import { Thing } from 'thing';", "export default () => <Organization id={1}>{/* c */}</Organization>;", "<!-- keep -->", "```"),
			lines("*app/page.tsx*", "```tsx", "import { Thing } from 'thing';", "export default () => <Organization id={1}>{/* c */}</Organization>;", "<!-- keep -->", "```")},
		{"code spans untouched",
			lines("Returns `List<User>` or `<Callout>` and `[x](/y)`; ``a `<Tag>` b``."),
			lines("Returns `List<User>` or `<Callout>` and `[x](/y)`; ``a `<Tag>` b``.")},
		{"trailing spaces kept inside code",
			"```text\nkeep   \n\n\n\nblank lines too\n```\n",
			"```text\nkeep   \n\n\n\nblank lines too\n```\n"},
		{"tilde fence and indented fence",
			lines("- item", "", "  ~~~js", "  <Foo />", "  ~~~"),
			lines("- item", "", "  ~~~js", "  <Foo />", "  ~~~")},

		// Generic types and stray brackets in prose
		{"generic types in prose are text",
			lines("It returns Promise<User> and Map<String, String>."),
			lines("It returns Promise\\<User> and Map\\<String, String>.")},
		{"unclosed unknown tag in prose is text",
			lines("Replace <token> with yours, then call <Widget> again.", "", "Next paragraph."),
			lines("Replace \\<token> with yours, then call \\<Widget> again.", "", "Next paragraph.")},
		{"comparison operators",
			lines("If a < b and c > d, or x <= 3."),
			lines("If a < b and c > d, or x <= 3.")},
		{"autolinks kept",
			lines("Mail <help@example.com> or see <https://example.com/x>."),
			lines("Mail <help@example.com> or see <https://example.com/x>.")},
		{"stray braces",
			lines("Use { as an opener, then }.", "", "A set {a, b} stays."),
			lines("Use { as an opener, then }.", "", "A set {a, b} stays.")},
		{"escaped braces and brackets",
			lines(`Fill in **\{Team name\} Settings** and \<b>.`),
			lines(`Fill in **\{Team name\} Settings** and \<b>.`)},

		// Broken JSX
		{"unclosed known component keeps the rest",
			lines("<Callout>", "  Never closed.", "", "## Later", "", "Still here."),
			lines("> Never closed.", "", "## Later", "", "Still here.")},
		{"stray closing tag dropped",
			lines("Text.", "</Callout>", "", "More."),
			lines("Text.", "", "More.")},
		{"mismatched nesting",
			lines("<Outer>", "  <Inner>", "    Deep.", "</Outer>", "", "After."),
			lines("Deep.", "", "After.")},
		{"unterminated attribute is text",
			lines(`<Thing title="never ends`, "", "Rest."),
			lines(`\<Thing title="never ends`, "", "Rest.")},

		// Comments and ESM
		{"comments removed",
			lines("A<!-- hidden -->B {/* note */} C.", "", "<!--", "block comment", "-->", "", "{/* multi", "line */}", "D."),
			lines("AB  C.", "", "D.")},
		{"import and export removed",
			lines("import { Thing } from '@/components/thing';", "import Other from './other';", "", "export const meta = {", "  a: 1,", "};", "", "Body text.", "", "Import the SDK first."),
			lines("Body text.", "", "Import the SDK first.")},
		{"blank lines collapsed and trailing spaces trimmed",
			"First.   \n\n\n\n\nSecond.\t\n\n\n",
			lines("First.", "", "Second.")},
		{"crlf",
			"Line one.\r\n\r\n## Two\r\n",
			lines("Line one.", "", "## Two")},
		{"tab switch items",
			lines(`- $ frontend="react, vue"`, "", "  Install it."),
			lines("- **frontend: react, vue**", "", "  Install it.")},
		{"empty input", "", ""},
		{"only components", lines("<A />", "<B></B>"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustRender(t, tt.in, Options{}).Markdown
			if got != tt.want {
				t.Errorf("input:\n%s\ngot:\n%s\nwant:\n%s", tt.in, got, tt.want)
			}
		})
	}
}

func TestEvents(t *testing.T) {
	in := lines(
		"Intro.",
		"",
		`## Widget events {{ "url": "widget" }}`,
		"",
		"<Event.Root>",
		`  <Event.Details name="widget.created">`,
		`    <CodeBlock title="Widget created" file="event-widget-created" />`,
		"    <Event.Description>",
		"      Payload `data` is the [Widget](/reference/widget)",
		"      object.",
		"    </Event.Description>",
		"  </Event.Details>",
		"  <Event.Description>",
		"    Sent when a widget",
		"    is made.",
		"  </Event.Description>",
		"</Event.Root>",
		"",
		`<Event.Root mt="5">`,
		`  <Event.Details name="widget.deleted" comingSoon>`,
		`    <CodeBlock title="Widget deleted" file="event-widget-deleted" />`,
		"  </Event.Details>",
		"  <Event.Description>Sent when a widget is removed.</Event.Description>",
		"</Event.Root>",
		"",
		"### Gadget events",
		"",
		"<Event.Root>",
		`  <Event.Details name="gadget.synced" />`,
		"  <Event.Description>Sent after a sync.</Event.Description>",
		"</Event.Root>",
	)
	doc := mustRender(t, in, Options{})
	wantMD := lines(
		"Intro.",
		"",
		"## Widget events",
		"",
		"### `widget.created`",
		"",
		"Sent when a widget",
		"is made.",
		"",
		"Payload `data` is the [Widget](https://workos.com/docs/reference/widget)",
		"object.",
		"",
		"### `widget.deleted`",
		"",
		"Sent when a widget is removed.",
		"",
		"### Gadget events",
		"",
		"#### `gadget.synced`",
		"",
		"Sent after a sync.",
	)
	if doc.Markdown != wantMD {
		t.Errorf("Markdown:\n%s\nwant:\n%s", doc.Markdown, wantMD)
	}
	wantEvents := []Event{
		{Name: "widget.created", Description: "Sent when a widget is made.",
			Payload: "Payload `data` is the [Widget](https://workos.com/docs/reference/widget) object.", SectionAnchor: "widget"},
		{Name: "widget.deleted", Description: "Sent when a widget is removed.", SectionAnchor: "widget"},
		{Name: "gadget.synced", Description: "Sent after a sync.", SectionAnchor: "gadget-events"},
	}
	if !reflect.DeepEqual(doc.Events, wantEvents) {
		t.Errorf("Events:\n%#v\nwant:\n%#v", doc.Events, wantEvents)
	}
	var got []string
	for _, s := range doc.Sections {
		got = append(got, strings.Repeat("#", s.Level)+" "+s.Anchor)
	}
	want := []string{" ", "## widget", "### widget-created", "### widget-deleted", "### gadget-events", "#### gadget-synced"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sections %q, want %q", got, want)
	}
}

func TestEventHeadingLevel(t *testing.T) {
	ev := lines("<Event.Root>", `  <Event.Details name="a.b" />`, "</Event.Root>")
	for _, tt := range []struct{ prefix, want string }{
		{"", "## `a.b`"},
		{"# Top\n\n", "## `a.b`"},
		{"#### Deep\n\n", "##### `a.b`"},
		{"###### Deepest\n\n", "###### `a.b`"},
	} {
		md := mustRender(t, tt.prefix+ev, Options{}).Markdown
		if !strings.Contains(md, "\n"+tt.want+"\n") && !strings.HasPrefix(md, tt.want+"\n") {
			t.Errorf("after %q: got\n%s\nwant a line %q", tt.prefix, md, tt.want)
		}
	}
}

func TestSections(t *testing.T) {
	in := lines(
		"Some intro with a [link](/a) and https://example.com/bare.",
		"",
		`## Keys & Tokens {{ "url": "api-key" }}`,
		"",
		"Text with **bold**, `code`, <https://example.com/auto> and ![alt text](/i.png).",
		"",
		"### Send your email",
		"",
		"| Col | Other |",
		"| --- | ----- |",
		"| a   | [b](/b) |",
		"",
		"### Send your email",
		"",
		"```js",
		"secret();",
		"```",
		"",
		"Setext Title",
		"------------",
		"",
		"> ## Not a section",
		"",
		"- ### Not a section either",
		"",
		"## Ünïcode: “quotes” — (1) Step!",
	)
	doc := mustRender(t, in, Options{})
	type sec struct {
		Heading string
		Level   int
		Anchor  string
		Text    string
	}
	var got []sec
	for _, s := range doc.Sections {
		got = append(got, sec{s.Heading, s.Level, s.Anchor, s.Text})
	}
	want := []sec{
		{"", 0, "", "Some intro with a link and ."},
		{"Keys & Tokens", 2, "api-key", "Keys & Tokens\nText with bold, code,  and alt text."},
		{"Send your email", 3, "send-your-email", "Send your email\nCol Other\na b"},
		{"Send your email", 3, "send-your-email-1", "Send your email"},
		{"Setext Title", 2, "setext-title", "Setext Title\nNot a section\nNot a section either"},
		{"Ünïcode: “quotes” — (1) Step!", 2, "ünïcode-quotes--1-step", "Ünïcode: “quotes” — (1) Step!"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sections:\n%#v\nwant:\n%#v", got, want)
	}
	if s := doc.Sections[1].Markdown; !strings.HasPrefix(s, "## Keys & Tokens\n") || strings.Contains(s, "###") {
		t.Errorf("section markdown = %q", s)
	}
	var all strings.Builder
	for _, s := range doc.Sections {
		all.WriteString(s.Markdown)
	}
	if strings.ReplaceAll(all.String(), "\n", "") != strings.ReplaceAll(doc.Markdown, "\n", "") {
		t.Errorf("sections do not add up to the document:\n%s\nvs\n%s", all.String(), doc.Markdown)
	}
}

func TestExamples(t *testing.T) {
	in := lines(
		"```javascript title=\"server.js\"",
		"app.listen(3000);",
		"```",
		"",
		"## Shell {{ \"url\": \"shell\" }}",
		"",
		"- Run:",
		"",
		"  ```sh",
		"  make run",
		"    indented",
		"  ```",
		"",
		"```json language=\"json\" title='Payload'",
		"{}",
		"```",
		"",
		"```",
		"plain",
		"```",
		"",
		"<Callout>",
		"  ```Python",
		"  print(1)",
		"  ```",
		"</Callout>",
		"",
		"```yml",
		"never: closed",
	)
	doc := mustRender(t, in, Options{})
	want := []CodeExample{
		{Language: "js", Title: "server.js", Code: "app.listen(3000);", SectionAnchor: ""},
		{Language: "bash", Code: "make run\n  indented", SectionAnchor: "shell"},
		{Language: "json", Title: "Payload", Code: "{}", SectionAnchor: "shell"},
		{Language: "", Code: "plain", SectionAnchor: "shell"},
		{Language: "python", Code: "print(1)", SectionAnchor: "shell"},
		{Language: "yaml", Code: "never: closed", SectionAnchor: "shell"},
	}
	if !reflect.DeepEqual(doc.Examples, want) {
		t.Errorf("examples:\n%#v\nwant:\n%#v", doc.Examples, want)
	}
	if !strings.Contains(doc.Markdown, "> ```python\n> print(1)\n> ```\n") {
		t.Errorf("code in callout:\n%s", doc.Markdown)
	}
	if !strings.HasSuffix(doc.Markdown, "```yaml\nnever: closed\n```\n") {
		t.Errorf("unclosed fence not closed in output:\n%s", doc.Markdown)
	}
}

func TestLinkOptions(t *testing.T) {
	in := lines("[a](/x/y) [b](admin-portal) [c](../up) [d](#f) [e](?q=1) [f](//cdn.example.com/z)", `<a href="/raw">raw</a>`)
	tests := []struct {
		opts Options
		want string
	}{
		{Options{}, lines("[a](https://workos.com/docs/x/y) [b](https://workos.com/docs/admin-portal) [c](https://workos.com/up) [d](#f) [e](?q=1) [f](//cdn.example.com/z)", "[raw](https://workos.com/docs/raw)")},
		{Options{SiteURL: "http://localhost:8080/docs/", PagePath: "integrations/okta"},
			lines("[a](http://localhost:8080/docs/x/y) [b](http://localhost:8080/docs/integrations/admin-portal) [c](http://localhost:8080/docs/up) [d](#f) [e](?q=1) [f](//cdn.example.com/z)", "[raw](http://localhost:8080/docs/raw)")},
	}
	for _, tt := range tests {
		if got := mustRender(t, in, tt.opts).Markdown; got != tt.want {
			t.Errorf("%+v:\ngot  %s\nwant %s", tt.opts, got, tt.want)
		}
	}
}

func TestParseInfo(t *testing.T) {
	tests := []struct{ info, lang, title string }{
		{"", "", ""},
		{"js", "js", ""},
		{"JavaScript", "js", ""},
		{`typescript title="Import users"`, "ts", "Import users"},
		{`json language="json" title="A sample event"`, "json", "A sample event"},
		{`javascript langauge="JavaScript" title="WorkOS callback"`, "js", "WorkOS callback"},
		{`title="Only a title"`, "", "Only a title"},
		{`language="ruby"`, "ruby", ""},
		{`plain title="Environment variables"`, "text", "Environment variables"},
		{"url", "text", ""},
		{"shell", "bash", ""},
		{"cs", "csharp", ""},
		{"mermaid", "mermaid", ""},
		{`bash title=unquoted`, "bash", "unquoted"},
	}
	for _, tt := range tests {
		lang, title := parseInfo(tt.info)
		if lang != tt.lang || title != tt.title {
			t.Errorf("parseInfo(%q) = %q, %q; want %q, %q", tt.info, lang, title, tt.lang, tt.title)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Create a user":                 "create-a-user",
		"(1) Configure your project":    "1-configure-your-project",
		"What you’ll build":             "what-youll-build",
		"snake_case & kebab-case":       "snake_case--kebab-case",
		"  Trim me  ":                   "trim-me",
		"Café résumé":                   "café-résumé",
		"C# / .NET":                     "c--net",
		"dsync.user.created":            "dsyncusercreated",
		"Ünïcode: “quotes” — (1) Step!": "ünïcode-quotes--1-step",
	}
	for in, want := range tests {
		if got := slugify(in); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConcurrentRender(t *testing.T) {
	var bodies [][]byte
	for _, f := range fixtures(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, b)
	}
	want := make([]string, len(bodies))
	for i, b := range bodies {
		want[i] = mustRender(t, string(b), Options{}).Markdown
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, b := range bodies {
				doc, err := Render(b, Options{})
				if err != nil || doc.Markdown != want[i] {
					t.Errorf("concurrent render of fixture %d differs (err %v)", i, err)
				}
			}
		}()
	}
	wg.Wait()
}

func TestRenderNeverFailsOnOddInput(t *testing.T) {
	inputs := []string{
		"<", "{", "}", "`", "```", "<!--", "{/*", "<A", "<A b=", "<A b={", "</", "</A", "<>", "</>",
		"<Event.Root>", "<Event.Details name=\"x\">", "<CodeBlock>\n```js\nx", "## {{", "## x {{ \"url\": 1 }}",
		"\x00", "a\x00b", "\xff\xfe", ": def", "term\n: def\n: def2", "- $ a=\"b\"", "[x](", "[x](<a b", "]((((",
		"<a href=\"/x\">", "<img src=\"/a.png\" alt=\"A\">", "<br>", "<li>x</li>", "<h2>T</h2>",
		strings.Repeat("<A>", 500) + strings.Repeat("</A>", 250),
		strings.Repeat("{", 1000), strings.Repeat("`", 1000), strings.Repeat("<A b=\"", 200),
	}
	for _, in := range inputs {
		if _, err := Render([]byte(in), Options{}); err != nil {
			t.Errorf("Render(%q): %v", in, err)
		}
	}
}

// TestPathologicalInputsAreFast guards against quadratic behaviour: each input is about 200 KB.
func TestPathologicalInputsAreFast(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	inputs := map[string]string{
		"braces":             strings.Repeat("{", 200000),
		"unterminated attrs": strings.Repeat(`<A b="`, 35000),
		"unterminated exprs": strings.Repeat("<A b={", 35000),
		"backtick runs":      strings.Repeat("`a ``b ```c ````d ", 12000),
		"code spans":         strings.Repeat("`x` ", 50000),
		"inline tags":        strings.Repeat("<b>x</b>", 25000),
		"string literals":    strings.Repeat("{' '}", 40000),
		"unclosed nesting":   strings.Repeat("<A>\n", 50000),
		"deep nesting":       strings.Repeat("<A>\nt\n", 5000) + strings.Repeat("</A>\n", 5000),
		"stray closers":      strings.Repeat("<A>\n", 20000) + strings.Repeat("</B>", 20000),
		"comments":           strings.Repeat("<!--", 50000),
		"heading meta":       "## " + strings.Repeat("{{", 50000) + "}}",
		"definitions":        strings.Repeat("term\n: def\n", 20000),
		"events":             strings.Repeat(`<Event.Root><Event.Details name="a.b"/><Event.Description>d</Event.Description></Event.Root>`+"\n", 2000),
		"long line links":    strings.Repeat("[a](/b) ", 25000),
	}
	for name, in := range inputs {
		start := time.Now()
		if _, err := Render([]byte(in), Options{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s: took %v", name, d)
		} else {
			t.Logf("%s: %v", name, d)
		}
	}
}
