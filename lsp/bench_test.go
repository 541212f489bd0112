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
