package lsp

// Marker tests in the gopls style: each testdata/*.txtar archive holds a few real-looking source files
// and the server's golden answers. Markers in the files' comments say what to ask where:
//
//	const user = await workos.userManagement.createUser({ email }); //@hover(createUser), link(createUser)
//	user_management.  #@complete("user_management.", create_user)
//
// A marker comment starts with //@ or #@ and holds calls separated by commas. Their text arguments
// are bare words or Go-quoted strings, looked up in the code before the comment on the same line (or
// the nearest line above that has them, for shell commands continued over lines); a
// ‸ in the text places the cursor, otherwise it is in the middle of the word (hover, definition,
// nothing) or just after the text (complete, signature); an empty text is the end of the code, just
// before the comment:
//
//	hover(word[, name])            the hover covers exactly word; golden @hover/<name|word>
//	definition(word[, name])       the definition locations; golden @definition/<name|word>
//	link(word)                     a document link covers exactly word and opens an https URL
//	nothing(word)                  no hover, no completion and no link there
//	complete(text, label[, name])  the completion list, which offers label; golden @complete/<name|label>
//	signature(text, name)          the signature help; golden @signature/<name>
//	diagnostics                    the file's published diagnostics and their quick fixes; golden
//	                               @diagnostics/<file>
//
// A hover also checks the docs footer and the "Open WorkOS docs" code action; a completion checks each
// item's edit range and the documentation completionItem/resolve gives label. `go test ./lsp -update`
// rewrites the golden sections of every archive (and drops those no marker produces).

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/txtar"
)

func TestMarkers(t *testing.T) {
	archives, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no marker archives in testdata: %v", err)
	}
	for _, file := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) { runArchive(t, file) })
	}
}

// marker is one call in a marker comment.
type marker struct {
	file string // the source file
	line int    // zero-based
	code string // the line before the marker comment
	name string // hover, complete…
	args []string
}

func (m marker) String() string {
	return fmt.Sprintf("%s:%d: @%s(%s)", m.file, m.line+1, m.name, strings.Join(m.args, ", "))
}

// sourceFile is a file of an archive as the server sees it.
type sourceFile struct {
	name string
	text string
	uri  uri.URI
}

func runArchive(t *testing.T, archivePath string) {
	ar, err := txtar.ParseFile(archivePath)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	var sources []*sourceFile
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "@") {
			want[f.Name] = string(f.Data)
			continue
		}
		sources = append(sources, &sourceFile{name: f.Name, text: string(f.Data)})
	}

	c, _ := newTestServer(t)
	from := c.noteCount()
	var markers []marker
	for _, sf := range sources {
		sf.uri = c.open(sf.name, languageIDOf(sf.name), sf.text)
		ms, err := parseMarkers(sf.name, sf.text)
		if err != nil {
			t.Fatal(err)
		}
		markers = append(markers, ms...)
	}

	got := map[string]string{}
	var order []string
	record := func(m marker, key, answer string) {
		if _, dup := got[key]; dup {
			t.Errorf("%s: golden %s is produced twice; name one of the markers", m, key)
			return
		}
		got[key] = answer
		order = append(order, key)
	}
	byName := map[string]*sourceFile{}
	for _, sf := range sources {
		byName[sf.name] = sf
	}
	for _, m := range markers {
		sf := byName[m.file]
		key, answer := runMarker(t, c, sf, m, from)
		if key != "" {
			record(m, key, answer)
		}
	}

	if *update {
		out := &txtar.Archive{Comment: ar.Comment}
		for _, f := range ar.Files {
			if !strings.HasPrefix(f.Name, "@") {
				out.Files = append(out.Files, f)
			}
		}
		for _, key := range order {
			out.Files = append(out.Files, txtar.File{Name: key, Data: []byte(got[key])})
		}
		if err := os.WriteFile(archivePath, txtar.Format(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, key := range order {
		w, ok := want[key]
		switch {
		case !ok:
			t.Errorf("%s: no golden %s (run go test ./lsp -update):\n%s", archivePath, key, got[key])
		case w != got[key]:
			t.Errorf("%s: %s differs from the golden answer (run with -update to accept):\n--- got\n%s--- want\n%s", archivePath, key, got[key], w)
		}
	}
	for key := range want {
		if _, ok := got[key]; !ok {
			t.Errorf("%s: golden %s has no marker (run with -update to drop it)", archivePath, key)
		}
	}
}

// runMarker asks the server what m says and checks what can be checked in place; it returns the
// golden key and the rendered answer for markers that have one.
func runMarker(t *testing.T, c *client, sf *sourceFile, m marker, openedAt int) (string, string) {
	t.Helper()
	arg := func(i int) string {
		if i >= len(m.args) {
			t.Fatalf("%s: argument %d missing", m, i+1)
		}
		return m.args[i]
	}
	named := func(i int, def string) string {
		if i < len(m.args) {
			return m.args[i]
		}
		return def
	}
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s: %s", m, fmt.Sprintf(format, args...))
	}
	switch m.name {
	case "hover":
		word, pos := locate(t, sf, m, arg(0), false)
		h := c.hover(sf.uri, pos)
		if h == nil {
			fail("no hover")
			return "", ""
		}
		if h.Range == nil || rangeText(sf.text, *h.Range) != word {
			fail("the hover covers %q, want %q", rangeOf(sf.text, h.Range), word)
		}
		md := hoverText(t, h)
		if !strings.Contains(md, "WorkOS docs fixture") {
			fail("no docs footer:\n%s", md)
		}
		var actions []protocol.CommandOrCodeAction
		c.must(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: sf.uri}, Range: protocol.Range{Start: pos, End: pos},
		}, &actions)
		if open := findOpenDocs(actions); open == nil || open.Command.Command != CommandOpenDocs || len(open.Command.Arguments) != 1 ||
			!strings.Contains(string(open.Command.Arguments[0]), "https://") {
			fail("no Open WorkOS docs action: %+v", actions)
		}
		return "@hover/" + named(1, word), md

	case "definition":
		word, pos := locate(t, sf, m, arg(0), false)
		var defs protocol.LocationSlice
		c.must(protocol.MethodTextDocumentDefinition, &protocol.DefinitionParams{TextDocumentPositionParams: tdp(sf.uri, pos)}, &defs)
		return "@definition/" + named(1, word), renderLocations(t, defs)

	case "link":
		word, pos := locate(t, sf, m, arg(0), false)
		var links []protocol.DocumentLink
		c.must(protocol.MethodTextDocumentDocumentLink, &protocol.DocumentLinkParams{TextDocument: protocol.TextDocumentIdentifier{URI: sf.uri}}, &links)
		for _, l := range links {
			if l.Range.Start.Line == pos.Line && rangeText(sf.text, l.Range) == word && l.Target != nil && strings.HasPrefix(string(*l.Target), "https://") {
				return "", ""
			}
		}
		fail("no document link on %q: %+v", word, links)

	case "nothing":
		word, pos := locate(t, sf, m, arg(0), false)
		if h := c.hover(sf.uri, pos); h != nil {
			fail("hover %q, want none", hoverText(t, h))
		}
		var cl *protocol.CompletionList
		c.must(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: tdp(sf.uri, pos)}, &cl)
		if cl != nil && len(cl.Items) > 0 {
			fail("%d completion items, want none", len(cl.Items))
		}
		var links []protocol.DocumentLink
		c.must(protocol.MethodTextDocumentDocumentLink, &protocol.DocumentLinkParams{TextDocument: protocol.TextDocumentIdentifier{URI: sf.uri}}, &links)
		for _, l := range links {
			if l.Range.Start.Line == pos.Line && strings.Contains(rangeText(sf.text, l.Range), word) {
				fail("a document link covers %q", word)
			}
		}

	case "complete":
		_, pos := locate(t, sf, m, arg(0), true)
		label := arg(1)
		var cl *protocol.CompletionList
		c.must(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: tdp(sf.uri, pos)}, &cl)
		if cl == nil || len(cl.Items) == 0 {
			fail("no completion items")
			return "", ""
		}
		var b strings.Builder
		var target *protocol.CompletionItem
		for i := range cl.Items {
			it := &cl.Items[i]
			te, ok := it.TextEdit.(*protocol.TextEdit)
			if !ok {
				fail("item %q has no TextEdit", it.Label)
				continue
			}
			if te.Range.Start.Line != pos.Line || te.Range.End != pos {
				fail("item %q: the edit range %v does not end at the cursor %v", it.Label, te.Range, pos)
			}
			detail, _ := it.Detail.Get()
			sort, _ := it.SortText.Get()
			fmt.Fprintf(&b, "%s\tkind=%d\tdetail=%q\tsort=%q\tedit=%q over %q\n", it.Label, it.Kind, detail, sort, te.NewText, rangeText(sf.text, te.Range))
			if it.Label == label {
				target = it
			}
		}
		if target == nil {
			fail("%q is not offered", label)
			return "@complete/" + named(2, label), b.String()
		}
		if target.Documentation != nil {
			fail("%q has documentation before completionItem/resolve", label)
		}
		var resolved protocol.CompletionItem
		c.must(protocol.MethodCompletionItemResolve, target, &resolved)
		if mc, ok := resolved.Documentation.(*protocol.MarkupContent); !ok || mc.Kind != protocol.MarkupKindMarkdown || !strings.Contains(mc.Value, "WorkOS docs fixture") {
			fail("resolved documentation of %q = %#v", label, resolved.Documentation)
		}
		return "@complete/" + named(2, label), b.String()

	case "signature":
		_, pos := locate(t, sf, m, arg(0), true)
		var sh *protocol.SignatureHelp
		c.must(protocol.MethodTextDocumentSignatureHelp, &protocol.SignatureHelpParams{TextDocumentPositionParams: tdp(sf.uri, pos)}, &sh)
		return "@signature/" + arg(1), renderSignature(t, sh)

	case "diagnostics":
		p := c.waitDiagnostics(openedAt, sf.uri, nil)
		if v, _ := p.Version.Get(); v != 1 {
			fail("diagnostics for version %d, want 1", v)
		}
		return "@diagnostics/" + sf.name, renderDiagnostics(t, c, sf, p.Diagnostics)

	default:
		t.Fatalf("%s: unknown marker", m)
	}
	return "", ""
}

// locate finds text in the code of the marker's line, or else of the nearest line above that has it
// (a shell command continued over several lines takes no comment), and returns it (without ‸) and the
// cursor: at the ‸, else at the end of the text (after) or in its middle.
func locate(t *testing.T, sf *sourceFile, m marker, text string, after bool) (string, protocol.Position) {
	t.Helper()
	caret := strings.Index(text, cursor)
	plain := strings.Replace(text, cursor, "", 1)
	line, code := m.line, m.code
	col := strings.Index(code, plain)
	if plain == "" {
		col = len(code) // the end of the code, where the comment starts
	}
	if col < 0 {
		lines := strings.Split(sf.text, "\n")
		for line = m.line - 1; line >= 0; line-- {
			if code = lines[line]; strings.Contains(code, plain) {
				col = strings.Index(code, plain)
				break
			}
		}
	}
	if col < 0 {
		t.Fatalf("%s: %q is not on the line %q nor above it", m, plain, m.code)
	}
	switch {
	case caret >= 0:
		col += caret
	case after:
		col += len(plain)
	default:
		col += len(plain) / 2
	}
	return plain, protocol.Position{Line: uint32(line), Character: utf16Len(code[:col])}
}

func rangeOf(text string, r *protocol.Range) string {
	if r == nil {
		return "<no range>"
	}
	return rangeText(text, *r)
}

// languageIDOf is the LSP language id an editor sends for a file name.
func languageIDOf(name string) string {
	switch path.Ext(name) {
	case ".ts", ".tsx":
		return "typescript"
	case ".js", ".mjs", ".cjs":
		return "javascript"
	case ".go":
		return "go"
	case ".py":
		return "python"
	case ".rb":
		return "ruby"
	case ".php":
		return "php"
	case ".java":
		return "java"
	case ".cs":
		return "csharp"
	case ".sh":
		return "shellscript"
	case ".txt":
		return "plaintext"
	}
	return strings.TrimPrefix(path.Ext(name), ".")
}

// parseMarkers reads the marker comments of a file.
func parseMarkers(file, text string) ([]marker, error) {
	var out []marker
	for i, line := range strings.Split(text, "\n") {
		at := -1
		for _, prefix := range []string{"//@", "#@"} {
			if j := strings.Index(line, prefix); j >= 0 && (at < 0 || j < at) {
				at = j
			}
		}
		if at < 0 {
			continue
		}
		rest := line[at+strings.Index(line[at:], "@")+1:]
		calls, err := parseCalls(rest)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v in %q", file, i+1, err, rest)
		}
		for _, c := range calls {
			c.file, c.line, c.code = file, i, line[:at]
			out = append(out, c)
		}
	}
	return out, nil
}

// parseCalls reads `name(arg, "quoted arg"), name2, name3(x)`.
func parseCalls(s string) ([]marker, error) {
	var out []marker
	for {
		s = strings.TrimLeft(s, " \t,")
		if s == "" || strings.HasPrefix(s, "*/") {
			return out, nil
		}
		n := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
		if n < 0 {
			n = len(s)
		}
		if n == 0 {
			return nil, fmt.Errorf("a marker name expected at %q", s)
		}
		m := marker{name: s[:n]}
		s = s[n:]
		if strings.HasPrefix(s, "(") {
			s = s[1:]
			for {
				s = strings.TrimLeft(s, " \t")
				if strings.HasPrefix(s, ")") {
					s = s[1:]
					break
				}
				var a string
				if strings.HasPrefix(s, `"`) {
					q, err := strconv.QuotedPrefix(s)
					if err != nil {
						return nil, err
					}
					a, _ = strconv.Unquote(q)
					s = s[len(q):]
				} else {
					end := strings.IndexAny(s, ",)")
					if end < 0 {
						return nil, fmt.Errorf("unclosed marker %s", m.name)
					}
					a = strings.TrimSpace(s[:end])
					s = s[end:]
				}
				m.args = append(m.args, a)
				s = strings.TrimLeft(s, " \t")
				if strings.HasPrefix(s, ",") {
					s = s[1:]
				} else if !strings.HasPrefix(s, ")") {
					return nil, fmt.Errorf("',' or ')' expected in %s at %q", m.name, s)
				}
			}
		}
		out = append(out, m)
	}
}

// renderLocations names each location by the rendered page it opens, its line and that line.
func renderLocations(t *testing.T, defs protocol.LocationSlice) string {
	t.Helper()
	if len(defs) == 0 {
		return "none\n"
	}
	var b strings.Builder
	for _, loc := range defs {
		p := filepath.ToSlash(loc.URI.FsPath())
		i := strings.Index(p, "/pages/")
		if i < 0 {
			t.Errorf("location %s is not a rendered page", p)
			continue
		}
		data, err := os.ReadFile(loc.URI.FsPath())
		if err != nil {
			t.Errorf("rendered page: %v", err)
			continue
		}
		lines := strings.Split(string(data), "\n")
		l := int(loc.Range.Start.Line)
		text := "<past the end>"
		if l < len(lines) {
			text = lines[l]
		}
		fmt.Fprintf(&b, "%s:%d: %s\n", p[i+len("/pages/"):], l+1, text)
	}
	return b.String()
}

func renderSignature(t *testing.T, sh *protocol.SignatureHelp) string {
	t.Helper()
	if sh == nil || len(sh.Signatures) == 0 {
		return "none\n"
	}
	var b strings.Builder
	for i, sig := range sh.Signatures {
		fmt.Fprintf(&b, "signature %d: %s\n", i, sig.Label)
		active, hasActive := sh.ActiveParameter.Get()
		for j, p := range sig.Parameters {
			tuple, ok := p.Label.(protocol.ParameterInformationLabelTuple)
			if !ok {
				t.Errorf("parameter label is %T, want offsets", p.Label)
				continue
			}
			mark := " "
			if hasActive && int(active) == j {
				mark = "*"
			}
			fmt.Fprintf(&b, "%s param %s: %s\n", mark, sig.Label[tuple[0]:tuple[1]], oneLine(markupValue(p.Documentation)))
		}
		if sig.Documentation == nil {
			t.Errorf("signature %q has no documentation", sig.Label)
		}
		fmt.Fprintf(&b, "documentation:\n%s\n", strings.TrimRight(markupValue(sig.Documentation), "\n"))
	}
	return b.String()
}

func markupValue(v any) string {
	switch m := v.(type) {
	case *protocol.MarkupContent:
		return m.Value
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// renderDiagnostics lists diagnostics with their quick fixes (asked for with code actions).
func renderDiagnostics(t *testing.T, c *client, sf *sourceFile, diags []protocol.Diagnostic) string {
	t.Helper()
	if len(diags) == 0 {
		return "none\n"
	}
	var b bytes.Buffer
	for _, d := range diags {
		code := ""
		if s, ok := d.Code.(protocol.String); ok {
			code = " [" + string(s) + "]"
		}
		msg, _ := d.Message.(protocol.String)
		tags := ""
		if slices.Contains(d.Tags.Slice(), protocol.DiagnosticTagDeprecated) {
			tags = " (deprecated)"
		}
		src, _ := d.Source.Get()
		fmt.Fprintf(&b, "%d:%d %q %s%s %s: %s%s\n", d.Range.Start.Line+1, d.Range.Start.Character+1, rangeText(sf.text, d.Range),
			severityName(d.Severity), code, src, msg, tags)
		if d.CodeDescription.Href != "" {
			fmt.Fprintf(&b, "  see %s\n", d.CodeDescription.Href)
		}
		var actions []protocol.CommandOrCodeAction
		c.must(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: sf.uri},
			Range:        d.Range,
			Context:      protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{d}, Only: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}},
		}, &actions)
		for _, a := range actions {
			ca, ok := a.(*protocol.CodeAction)
			if !ok || ca.Edit == nil {
				continue
			}
			for _, e := range ca.Edit.Changes[sf.uri] {
				fmt.Fprintf(&b, "  fix %q: %q → %q\n", ca.Title, rangeText(sf.text, e.Range), e.NewText)
			}
		}
	}
	return b.String()
}

func severityName(s protocol.DiagnosticSeverity) string {
	switch s {
	case protocol.DiagnosticSeverityError:
		return "error"
	case protocol.DiagnosticSeverityWarning:
		return "warning"
	case protocol.DiagnosticSeverityInformation:
		return "info"
	case protocol.DiagnosticSeverityHint:
		return "hint"
	}
	return fmt.Sprintf("severity %d", s)
}
