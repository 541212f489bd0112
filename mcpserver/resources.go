package mcpserver

import (
	"context"
	"net/url"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/workos-lsp/workos-lsp/docquery"
)

// ResourceScheme is the URI scheme of the docs pages served as resources.
const ResourceScheme = "workos-docs"

// resourceTemplate names every page: workos-docs://sso/login-flows, workos-docs://reference/sso#anchor.
const resourceTemplate = ResourceScheme + "://{+path}"

// ResourceURI is the resource address of a page path.
func ResourceURI(pagePath string) string { return ResourceScheme + "://" + pagePath }

func (h *handlers) readResource(ctx context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
	uri := req.Params.URI
	rest, ok := strings.CutPrefix(uri, ResourceScheme+"://")
	if !ok {
		return nil, mcp.ResourceNotFoundError(uri)
	}
	if u, err := url.PathUnescape(rest); err == nil {
		rest = u
	}
	set, err := h.get(ctx)
	if err != nil {
		return nil, err
	}
	m := docquery.ResolvePage(set.Corpus, rest)
	if m.Page == nil {
		return nil, mcp.ResourceNotFoundError(uri)
	}
	return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{{
		URI:      uri,
		MIMEType: "text/markdown",
		Text:     RenderPage(set.Corpus, m.Page, m.Anchor, "", false),
	}}}, nil
}

// maxCompletions bounds one completion answer (the MCP spec caps it at 100).
const maxCompletions = 100

// complete offers page paths for the resource template's path argument.
func (h *handlers) complete(ctx context.Context, req *mcp.CompleteRequest) (*mcp.CompleteResult, error) {
	res := &mcp.CompleteResult{Completion: mcp.CompletionResultDetails{Values: []string{}}}
	p := req.Params
	if p == nil || p.Ref == nil || p.Ref.Type != "ref/resource" || p.Ref.URI != resourceTemplate || p.Argument.Name != "path" {
		return res, nil
	}
	set, err := h.get(ctx)
	if err != nil {
		return res, nil
	}
	prefix := strings.TrimPrefix(strings.TrimSpace(p.Argument.Value), "/")
	var contains []string
	total := 0
	for _, page := range set.Corpus.Pages {
		switch {
		case strings.HasPrefix(page.Path, prefix):
			total++
			if len(res.Completion.Values) < maxCompletions {
				res.Completion.Values = append(res.Completion.Values, page.Path)
			}
		case prefix != "" && strings.Contains(page.Path, prefix):
			contains = append(contains, page.Path)
		}
	}
	// Paths that contain the text elsewhere come after those that start with it.
	for _, c := range contains {
		total++
		if len(res.Completion.Values) < maxCompletions {
			res.Completion.Values = append(res.Completion.Values, c)
		}
	}
	res.Completion.Total = total
	res.Completion.HasMore = total > len(res.Completion.Values)
	return res, nil
}
