package lsp

import (
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

// A loader that returns an early corpus (Docs.Complete): hover, completion and signature help
// answer from it while the load completes it; definition and workspace/symbol wait for the complete
// docs; a completion item made from the early corpus resolves after the swap; events, which the
// early corpus has none of, hover once it is complete.
func TestEarlyCorpusAnswersHoversWhileCompleting(t *testing.T) {
	early, complete, err := corpus.ParseStaged(corpustest.Source())
	if err != nil {
		t.Fatal(err)
	}
	gate := make(chan struct{})
	var openGate sync.Once
	completing := make(chan struct{})
	docs := &Docs{Corpus: early, Version: "fixture", Complete: func() *corpus.Corpus {
		close(completing)
		<-gate
		return complete()
	}}
	c := startServer(t, Options{Loader: (&fixtureLoader{docs: docs}).load, Version: "test"})
	t.Cleanup(func() { openGate.Do(func() { close(gate) }) }) // before the server's: a failed test must not leave the load waiting
	caps := defaultCaps()
	caps.Window = nil // initialize would wait for the load's progress to end
	c.initialize(caps, "")
	select {
	case <-completing:
	case <-time.After(waitLimit):
		t.Fatal("Complete was not called")
	}

	src := jsHead + "await workos.userManagement.create‸User({ email: 'a@b.c' });\nconst ev = 'dsync.user.created';\n"
	text, pos := cut(t, src)
	u := c.open("early.ts", "typescript", text)
	h := waitHover(t, c, u, pos)
	if !strings.Contains(hoverText(t, h), "userManagement.createUser(") {
		t.Fatalf("early hover:\n%s", hoverText(t, h))
	}
	var sh *protocol.SignatureHelp
	c.must(protocol.MethodTextDocumentSignatureHelp, &protocol.SignatureHelpParams{TextDocumentPositionParams: tdp(u, posOf(t, text, "({ email", 1))}, &sh)
	if sh == nil || len(sh.Signatures) == 0 {
		t.Error("no signature help from the early corpus")
	}
	var cl *protocol.CompletionList
	c.must(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: tdp(u, posOf(t, text, "createUser", 0))}, &cl)
	item := itemLabelled(cl, "createUser")
	if item == nil {
		t.Fatalf("early completion lacks createUser: %+v", cl)
	}
	evPos := posOf(t, text, "dsync.user", 2)
	if h := c.hover(u, evPos); h != nil {
		t.Errorf("an event hovers from the early corpus, which has no events:\n%s", hoverText(t, h))
	}
	var defs protocol.LocationSlice
	c.must(protocol.MethodTextDocumentDefinition, &protocol.DefinitionParams{TextDocumentPositionParams: tdp(u, pos)}, &defs)
	if len(defs) != 0 {
		t.Errorf("definition answered from the early corpus: %v", defs)
	}
	var syms []protocol.SymbolInformation
	c.must(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: "user"}, &syms)
	if len(syms) != 0 {
		t.Errorf("workspace/symbol answered from the early corpus: %d symbols", len(syms))
	}

	openGate.Do(func() { close(gate) })
	deadline := time.Now().Add(waitLimit)
	for c.hover(u, evPos) == nil {
		if time.Now().After(deadline) {
			t.Fatal("no event hover once the corpus is complete")
		}
		time.Sleep(5 * time.Millisecond)
	}
	var resolved protocol.CompletionItem
	c.must(protocol.MethodCompletionItemResolve, item, &resolved)
	if resolved.Documentation == nil {
		t.Error("a completion item from the early corpus does not resolve against the complete one")
	}
	c.must(protocol.MethodTextDocumentDefinition, &protocol.DefinitionParams{TextDocumentPositionParams: tdp(u, pos)}, &defs)
	if len(defs) == 0 {
		t.Error("no definition once the corpus is complete")
	}
}

func waitHover(t *testing.T, c *client, u uri.URI, pos protocol.Position) *protocol.Hover {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		if h := c.hover(u, pos); h != nil {
			return h
		}
		if time.Now().After(deadline) {
			t.Fatal("no hover from the early corpus")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func itemLabelled(cl *protocol.CompletionList, label string) *protocol.CompletionItem {
	if cl == nil {
		return nil
	}
	for i := range cl.Items {
		if cl.Items[i].Label == label {
			return &cl.Items[i]
		}
	}
	return nil
}
