package lsp

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/workos-lsp/workos-lsp/internal/latency"
)

// benchFile is a 5,000-line TypeScript file that uses the SDK throughout: calls, options objects,
// event names, comments and unrelated code.
func benchFile(lines int) string {
	var b strings.Builder
	b.WriteString(jsHead)
	for i := 0; b.Len() == 0 || strings.Count(b.String(), "\n") < lines; i++ {
		fmt.Fprintf(&b, "// block %d: unrelated code with unicode 😀 中文\n", i)
		fmt.Fprintf(&b, "export async function handler%d(req: Request, email: string) {\n", i)
		fmt.Fprintf(&b, "  const n%d = [1, 2, 3].map((x) => x * %d).filter(Boolean);\n", i, i)
		fmt.Fprintf(&b, "  if (req.headers.get('x-event') === 'dsync.user.created') { console.log(n%d); }\n", i)
		fmt.Fprintf(&b, "  const user = await workos.userManagement.createUser({ email, firstName: 'n%d' });\n", i)
		fmt.Fprintf(&b, "  const list = await workos.userManagement.listUsers({ limit: %d });\n", i%50+1)
		b.WriteString("  return { user, list };\n}\n\n")
	}
	return b.String()
}

// nthPos finds the n-th occurrence of marker (from the end when n < 0) and returns its position.
func nthPos(text, marker string, n, delta int) protocol.Position {
	idx := -1
	if n >= 0 {
		from := 0
		for k := 0; k <= n; k++ {
			i := strings.Index(text[from:], marker)
			if i < 0 {
				break
			}
			idx = from + i
			from = idx + 1
		}
	} else {
		idx = strings.LastIndex(text, marker)
	}
	p := positionAt(text, idx)
	p.Character += uint32(delta)
	return p
}

func reportLatency(b *testing.B, d []time.Duration) { latency.Report(b, "", d) }

// BenchmarkRoundTrip measures request latency through the pipe on a 5,000-line file: the client
// sends, the server answers, the client decodes. Targets: hover p99 ≤ 2ms, completion p99 ≤ 5ms,
// signature p99 ≤ 2ms, workspace/symbol p99 ≤ 5ms.
func BenchmarkRoundTrip(b *testing.B) {
	c, _ := newTestServer(b)
	text := benchFile(5000)
	u := c.open("bench.ts", "typescript", text)
	const sites = 50
	var hovers, completes, sigs []protocol.Position
	for i := 0; i < sites; i++ {
		n := i * 13 // spread over the file
		hovers = append(hovers, nthPos(text, "createUser(", n, 3))
		completes = append(completes, nthPos(text, "userManagement.listUsers", n, len("userManagement.")))
		sigs = append(sigs, nthPos(text, "firstName:", n, 0))
	}
	// Warm up: the first request analyses the document version.
	if h := c.hover(u, hovers[0]); h == nil {
		b.Fatal("no hover in the benchmark file")
	}

	b.Run("hover", func(b *testing.B) {
		d := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			t0 := time.Now()
			h := c.hover(u, hovers[i%sites])
			d = append(d, time.Since(t0))
			if h == nil {
				b.Fatal("null hover")
			}
		}
		reportLatency(b, d)
	})
	b.Run("completion", func(b *testing.B) {
		d := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			var cl *protocol.CompletionList
			t0 := time.Now()
			c.must(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: tdp(u, completes[i%sites])}, &cl)
			d = append(d, time.Since(t0))
			if cl == nil || len(cl.Items) == 0 {
				b.Fatal("no completion")
			}
		}
		reportLatency(b, d)
	})
	b.Run("signature", func(b *testing.B) {
		d := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			var sh *protocol.SignatureHelp
			t0 := time.Now()
			c.must(protocol.MethodTextDocumentSignatureHelp, &protocol.SignatureHelpParams{TextDocumentPositionParams: tdp(u, sigs[i%sites])}, &sh)
			d = append(d, time.Since(t0))
			if sh == nil {
				b.Fatal("no signature help")
			}
		}
		reportLatency(b, d)
	})
	b.Run("workspace-symbol", func(b *testing.B) {
		queries := []string{"create user", "list users", "dsync.user.created", "pagination", "profile"}
		d := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			var syms protocol.WorkspaceSymbolSlice
			t0 := time.Now()
			c.must(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: queries[i%len(queries)]}, &syms)
			d = append(d, time.Since(t0))
		}
		reportLatency(b, d)
	})
	// Typing: an edit, then completion, so every completion analyses a new 5,000-line version.
	b.Run("code-action", func(b *testing.B) {
		d := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			var actions []protocol.CommandOrCodeAction
			p := hovers[i%sites]
			t0 := time.Now()
			c.must(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Range: protocol.Range{Start: p, End: p}}, &actions)
			d = append(d, time.Since(t0))
		}
		reportLatency(b, d)
	})
	b.Run("document-link", func(b *testing.B) {
		d := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			// Decoded raw: a Go client's reflective decoding of ~1,400 links would dominate.
			var links jsonrpc2.RawMessage
			t0 := time.Now()
			c.must(protocol.MethodTextDocumentDocumentLink, &protocol.DocumentLinkParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &links)
			d = append(d, time.Since(t0))
			if len(links) < 100 {
				b.Fatal("no links")
			}
		}
		reportLatency(b, d)
	})
	version := int32(1) // across runs of the sub-benchmark: a lower version would be ignored as stale
	b.Run("edit+completion", func(b *testing.B) {
		d := make([]time.Duration, 0, b.N)
		end := nthPos(text, "return { user, list };", -1, 0)
		for i := 0; i < b.N; i++ {
			version++
			t0 := time.Now()
			c.notify(protocol.MethodTextDocumentDidChange, change(u, version, insertAt(end.Line, 0, " ")))
			var cl *protocol.CompletionList
			c.must(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: tdp(u, completes[i%sites])}, &cl)
			d = append(d, time.Since(t0))
		}
		reportLatency(b, d)
	})
}

func TestBenchFileShape(t *testing.T) {
	text := benchFile(5000)
	if n := strings.Count(text, "\n"); n < 5000 || n > 5100 {
		t.Fatalf("bench file has %d lines", n)
	}
}

// typingFile is a file of about lines lines in lang that calls the SDK throughout, and the marker
// of the call site the typing benchmark types at (after its receiver's dot).
func typingFile(lang string, lines int) (text, marker string) {
	var b strings.Builder
	var unit string
	switch lang {
	case "typescript":
		return benchFile(lines), "userManagement.listUsers"
	case "go":
		b.WriteString(goHead)
		unit = "// handler%[1]d creates a user.\nfunc handler%[1]d(ctx context.Context, email string) error {\n" +
			"\tuser, err := usermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{\n\t\tEmail: email, // é\n\t\tFirstName: \"n%[1]d\",\n\t})\n" +
			"\tif err != nil {\n\t\treturn fmt.Errorf(\"create %%d: %%w\", %[1]d, err)\n\t}\n\t_ = user\n" +
			"\tlist, err := usermanagement.ListUsers(ctx, usermanagement.ListUsersOpts{Limit: %[1]d})\n\t_ = list\n\treturn err\n}\n\n"
		marker = "usermanagement.ListUsers("
	case "python":
		b.WriteString(pyHead)
		unit = "# handler %[1]d: 😀\ndef handler_%[1]d(email: str):\n    \"\"\"Create a user.\n    It's documented here.\"\"\"\n" +
			"    user = workos_client.user_management.create_user(email=email, first_name=\"n%[1]d\")\n" +
			"    users = workos_client.user_management.list_users(limit=%[1]d)\n" +
			"    print(f\"{user.id} created {len(users.data)}\")\n    return user\n\n"
		marker = "user_management.list_users"
	}
	for i := 0; strings.Count(b.String(), "\n") < lines; i++ {
		fmt.Fprintf(&b, unit, i)
	}
	return b.String(), marker
}

// BenchmarkTyping is keystroke → completion through the pipe (issue 12: p99 ≤ 1 ms on 5,000 lines,
// ≤ 2 ms on 20,000): a didChange typing one letter after the receiver's dot of a call in the middle
// of the file, then completion there; the next keystroke deletes the letter again. Round trip =
// didChange written → completion answer decoded.
func BenchmarkTyping(b *testing.B) {
	for _, lines := range []int{5000, 20000} {
		for _, lang := range []string{"typescript", "go", "python"} {
			text, marker := typingFile(lang, lines)
			b.Run(fmt.Sprintf("%s/%d", lang, lines), func(b *testing.B) {
				l := &fixtureLoader{docs: fixtureDocs(b)}
				c := startServer(b, Options{Loader: l.load, Version: "test"})
				c.initialize(defaultCaps(), "")
				u := c.open("typing."+map[string]string{"typescript": "ts", "go": "go", "python": "py"}[lang], lang, text)
				mid := len(text) / 2
				at := positionAt(text, mid+strings.Index(text[mid:], marker)+strings.IndexByte(marker, '.')+1)
				next := at
				next.Character++
				complete := func(p protocol.Position) {
					var cl *protocol.CompletionList
					c.must(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: tdp(u, p)}, &cl)
					if cl == nil || len(cl.Items) == 0 {
						b.Fatalf("%s: no completion at the edit", lang)
					}
				}
				complete(at)
				version := int32(1)
				d := make([]time.Duration, 0, 1024)
				keystroke := func(ch protocol.TextDocumentContentChangeEvent, p protocol.Position) {
					version++
					t0 := time.Now()
					c.notify(protocol.MethodTextDocumentDidChange, change(u, version, ch))
					complete(p)
					d = append(d, time.Since(t0))
				}
				for b.Loop() {
					keystroke(insertAt(at.Line, at.Character, "c"), next)
					keystroke(&protocol.TextDocumentContentChangePartial{Range: protocol.Range{Start: at, End: next}}, at)
				}
				reportLatency(b, d)
			})
		}
	}
}
