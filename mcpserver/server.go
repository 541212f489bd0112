// Package mcpserver serves the WorkOS docs to AI assistants over the Model Context Protocol. It is a
// drop-in replacement for the npm package @workos/mcp-docs-server: the same four tools with the same
// names and arguments (workos_search, workos_docs, workos_examples, workos_changelogs), answered from
// the parsed corpus and its ranked search index, plus workos_reference (structured SDK reference
// entries) and the pages as resources (workos-docs://<path>).
//
// The lookups are docquery's (shared with the language server and the command line) and the
// rendering of a symbol docview's; the tool functions here only format their answers for an
// assistant, and this file wires them to the official Go SDK.
package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/workos-lsp/workos-lsp/docset"
)

// Loader hands the tools the loaded docs. The docs load once, usually in the background while the
// client connects; a tool call waits for the load, and a failed load turns every call into a tool
// error that explains it, instead of taking the server down. When the docs came from the cache
// (docset.LoadCacheFirst), their refresh runs in the background until Close.
type Loader struct {
	done chan struct{}
	set  *docset.Set
	err  error

	stop       context.CancelFunc // ends the background refresh
	background sync.WaitGroup

	// Workspace are the user's project folders workos_usage reads; none: the tool is not offered.
	Workspace []string
}

// Load starts loading the docs with load and returns at once. ctx is the server's lifetime: it
// bounds the load and the set's background refresh.
func Load(ctx context.Context, load func(context.Context) (*docset.Set, error)) *Loader {
	ctx, stop := context.WithCancel(ctx)
	l := &Loader{done: make(chan struct{}), stop: stop}
	l.background.Go(func() {
		defer close(l.done)
		defer func() {
			if r := recover(); r != nil {
				l.set, l.err = nil, fmt.Errorf("loading the docs panicked: %v", r)
			}
		}()
		l.set, l.err = load(ctx)
		if l.err == nil && l.set == nil {
			l.err = errors.New("no docs")
		}
		if l.err == nil && l.set.Refresh != nil {
			l.background.Go(func() { l.set.Refresh(ctx) })
		}
	})
	return l
}

// Ready wraps docs that are already loaded.
func Ready(set *docset.Set) *Loader {
	l := &Loader{done: make(chan struct{}), set: set, stop: func() {}}
	if set == nil {
		l.err = errors.New("no docs")
	}
	close(l.done)
	return l
}

// Failed is a loader whose docs could not be loaded.
func Failed(err error) *Loader {
	l := &Loader{done: make(chan struct{}), err: err, stop: func() {}}
	close(l.done)
	return l
}

// Get waits for the docs, or for ctx.
func (l *Loader) Get(ctx context.Context) (*docset.Set, error) {
	select {
	case <-l.done:
		return l.set, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Close waits for a load in progress, ends the background refresh and waits for it, and releases the
// docs' index.
func (l *Loader) Close() error {
	<-l.done
	l.stop()
	l.background.Wait()
	return l.set.Close()
}

// instructions tell the assistant how the tools fit together.
const instructions = `WorkOS documentation (SSO, Directory Sync, AuthKit/User Management, Audit Logs, FGA, Events and webhooks, the API reference and the Node, Go, Python, Ruby, PHP, Java and .NET SDKs).
- workos_search finds pages, sections, SDK calls and events for words, phrases, error messages or identifiers.
- workos_docs reads a page (path) or one section (path#anchor) as Markdown; an empty path or a folder lists the pages; on a reference page, language keeps one SDK's parameters and returns.
- Long answers come in parts: a part ends by naming the page argument that continues it.
- workos_reference gives the exact parameters and return values of an SDK call or API endpoint, and the same call in every SDK.
- workos_examples gives code examples from the docs by product area or topic; workos_changelogs gives the platform changelog.`

// New builds the MCP server over the docs that docs loads. version is the server's own version.
func New(docs *Loader, version string) *mcp.Server {
	h := &handlers{docs: docs, version: version}
	if len(docs.Workspace) > 0 {
		h.usageTool = &usageTool{folders: docs.Workspace}
	}
	s := mcp.NewServer(&mcp.Implementation{Name: "workos-lsp", Title: "WorkOS docs", Version: version}, &mcp.ServerOptions{
		Instructions:      instructions,
		CompletionHandler: safeComplete(h.complete),
	})
	readOnly := &mcp.ToolAnnotations{ReadOnlyHint: true, IdempotentHint: true, OpenWorldHint: new(bool)}

	mcp.AddTool(s, &mcp.Tool{
		Name:        "workos_search",
		Title:       "Search the WorkOS docs",
		Description: searchDescription,
		InputSchema: schemaFor[SearchInput](func(s *jsonschema.Schema) {
			s.Properties["maxResults"].Default = []byte("10")
		}),
		Annotations: readOnly,
	}, safe(h.search))
	mcp.AddTool(s, &mcp.Tool{
		Name:        "workos_docs",
		Title:       "Read a WorkOS docs page",
		Description: docsDescription,
		InputSchema: schemaFor[DocsInput](nil),
		Annotations: readOnly,
	}, safe(h.docsPage))
	mcp.AddTool(s, &mcp.Tool{
		Name:        "workos_examples",
		Title:       "WorkOS code examples",
		Description: examplesDescription,
		InputSchema: schemaFor[ExamplesInput](nil),
		Annotations: readOnly,
	}, safe(h.examples))
	mcp.AddTool(s, &mcp.Tool{
		Name:        "workos_changelogs",
		Title:       "WorkOS changelogs",
		Description: changelogsDescription,
		InputSchema: schemaFor[ChangelogsInput](nil),
		Annotations: readOnly,
	}, safe(h.changelogs))
	mcp.AddTool(s, &mcp.Tool{
		Name:        "workos_reference",
		Title:       "WorkOS SDK reference",
		Description: referenceDescription,
		InputSchema: schemaFor[ReferenceInput](nil),
		Annotations: readOnly,
	}, safe(h.reference))
	if h.usageTool != nil {
		mcp.AddTool(s, &mcp.Tool{
			Name:        "workos_usage",
			Title:       "WorkOS calls in this project",
			Description: usageDescription,
			InputSchema: schemaFor[UsageInput](nil),
			Annotations: readOnly,
		}, safe(h.usage))
	}

	s.AddResourceTemplate(&mcp.ResourceTemplate{
		Name:        "workos-docs-page",
		Title:       "WorkOS docs page",
		URITemplate: resourceTemplate,
		MIMEType:    "text/markdown",
		Description: "A WorkOS docs page as Markdown, by its path: workos-docs://sso/login-flows (add #anchor for one section).",
	}, safeResource(h.readResource))
	return s
}

// Run serves MCP over a pair of streams (stdin and stdout for a stdio server) until the client
// disconnects or ctx ends, then releases the docs.
func Run(ctx context.Context, docs *Loader, version string, in io.Reader, out io.Writer) error {
	defer docs.Close()
	w := &lockedWriter{w: out}
	t := &mcp.IOTransport{Reader: io.NopCloser(newLineReader(in, w, maxLineBytes)), Writer: w, MaxLineLength: -1}
	err := New(docs, version).Run(ctx, t)
	if errors.Is(err, io.EOF) || ctx.Err() != nil {
		return nil
	}
	return err
}

// safe turns a panic in a tool into a tool error, so that one bad page cannot take the server down
// (and nothing but protocol frames reaches stdout).
func safe[In any](h mcp.ToolHandlerFor[In, any]) mcp.ToolHandlerFor[In, any] {
	return func(ctx context.Context, req *mcp.CallToolRequest, in In) (res *mcp.CallToolResult, out any, err error) {
		defer func() {
			if r := recover(); r != nil {
				res, out, err = errorResult(fmt.Sprintf("Internal error in workos-lsp while answering this call: %v. Please report it; other calls still work.", r)), nil, nil
			}
		}()
		return h(ctx, req, in)
	}
}

func safeResource(h mcp.ResourceHandler) mcp.ResourceHandler {
	return func(ctx context.Context, req *mcp.ReadResourceRequest) (res *mcp.ReadResourceResult, err error) {
		defer func() {
			if r := recover(); r != nil {
				res, err = nil, fmt.Errorf("internal error in workos-lsp: %v", r)
			}
		}()
		return h(ctx, req)
	}
}

func safeComplete(h func(context.Context, *mcp.CompleteRequest) (*mcp.CompleteResult, error)) func(context.Context, *mcp.CompleteRequest) (*mcp.CompleteResult, error) {
	return func(ctx context.Context, req *mcp.CompleteRequest) (res *mcp.CompleteResult, err error) {
		defer func() {
			if r := recover(); r != nil {
				res, err = nil, fmt.Errorf("internal error in workos-lsp: %v", r)
			}
		}()
		return h(ctx, req)
	}
}

// schemaFor infers a tool's input schema from its argument struct (descriptions from the jsonschema
// tags), lets tweak adjust it, and accepts unknown arguments the way the original server does.
func schemaFor[T any](tweak func(*jsonschema.Schema)) *jsonschema.Schema {
	s, err := jsonschema.For[T](nil)
	if err != nil {
		panic(err) // a programming error in an argument struct
	}
	s.AdditionalProperties = nil
	if tweak != nil {
		tweak(s)
	}
	return s
}

// handlers binds the tool functions to the loaded docs.
type handlers struct {
	docs      *Loader
	version   string
	usageTool *usageTool // nil without project folders
}

// get waits for the docs; the error is the text of a tool error.
func (h *handlers) get(ctx context.Context) (*docset.Set, error) {
	set, err := h.docs.Get(ctx)
	if err == nil {
		return set, nil
	}
	if ctx.Err() != nil {
		return nil, err
	}
	return nil, fmt.Errorf("The WorkOS docs could not be loaded, so this server cannot answer yet: %v\n\n"+
		"workos-lsp downloads the docs (the @workos/mcp-docs-server npm package) once and then works offline "+
		"from its cache. Check network access to the npm registry (npm_config_registry), run "+
		"`workos-lsp corpus fetch` in a terminal, or start the server with `--docs DIR` pointing at a local "+
		"folder of docs pages. Restart the MCP server afterwards.", err)
}

func textResult(text string) *mcp.CallToolResult {
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: strings.TrimRight(text, "\n") + "\n"}}}
}

func errorResult(text string) *mcp.CallToolResult {
	r := textResult(text)
	r.IsError = true
	return r
}

// result turns a tool function's answer into a tool result: a non-nil error is a tool error whose text
// is the error's message.
func result(text string, err error) (*mcp.CallToolResult, any, error) {
	if err != nil {
		return errorResult(err.Error()), nil, nil
	}
	return textResult(text), nil, nil
}
