package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/workos-lsp/workos-lsp/docquery"
	"github.com/workos-lsp/workos-lsp/docview"
)

// The tools' argument names and required lists are those of @workos/mcp-docs-server, so that
// clients, prompts and agent configurations written for it keep working.

// SearchInput is the argument of workos_search.
type SearchInput struct {
	Query string `json:"query" jsonschema:"What to look for: words, a phrase, an error message, a method or type name (createUser, usermanagement.CreateUser), an event (dsync.user.created) or an API path. Examples: \"SSO authentication\", \"directory sync webhook\", \"invalid SAML response\", \"MagicAuth\"."`
	// A number (not an integer) like the original's schema, so that 10.0 is accepted too.
	MaxResults float64 `json:"maxResults,omitempty" jsonschema:"Maximum number of results to return. Defaults to 10; at most 50."`
	Page       float64 `json:"page,omitempty" jsonschema:"Which part of a long answer to return (1, 2, …). Answers over ~20,000 tokens come in parts; each part ends by naming the page that continues it. Default 1."`
}

// DocsInput is the argument of workos_docs.
type DocsInput struct {
	Path     string  `json:"path" jsonschema:"Page path as workos_search shows it, optionally with #anchor for one section: \"sso\", \"sso/login-flows\", \"reference/authkit/user/create\", \"directory-sync#set-secrets\". A docs URL works too. An empty path or a folder (\"reference/sso\") lists the pages below it. Omit file extensions."`
	Language string  `json:"language,omitempty" jsonschema:"On an API reference page, show the call, its parameters and return values for this SDK only: node (js), go, python, ruby, php, java, dotnet, or curl. Default: every SDK."`
	Page     float64 `json:"page,omitempty" jsonschema:"Which part of a long answer to return (1, 2, …). Answers over ~20,000 tokens come in parts; each part ends by naming the page that continues it. Default 1."`
}

// ExamplesInput is the argument of workos_examples.
type ExamplesInput struct {
	Example string  `json:"example" jsonschema:"A product area (\"sso\", \"directory-sync\", \"user-management\" or \"authkit\", \"audit-logs\", \"events\" or \"webhooks\", \"fga\", \"vault\"…), a page path (\"authkit/sessions\"), or words to look for in the examples (\"environment variables\", \"install nextjs\", \"saml response xml\"). Empty lists the areas."`
	Page    float64 `json:"page,omitempty" jsonschema:"Which part of a long answer to return (1, 2, …). Answers over ~20,000 tokens come in parts; each part ends by naming the page that continues it. Default 1."`
}

// ChangelogsInput is the argument of workos_changelogs.
type ChangelogsInput struct {
	Package string  `json:"package" jsonschema:"Changelog to read. \"workos-platform\" is the WorkOS platform changelog (new features, product updates, \"what's new\"). Other names get the list of available changelogs."`
	Page    float64 `json:"page,omitempty" jsonschema:"Which part of a long answer to return (1, 2, …). Answers over ~20,000 tokens come in parts; each part ends by naming the page that continues it. Default 1."`
}

// ReferenceInput is the argument of workos_reference.
type ReferenceInput struct {
	Symbol   string  `json:"symbol" jsonschema:"An SDK call, type, API endpoint or event, written the way any SDK writes it: \"usermanagement.CreateUser\" (Go), \"user_management.create_user\" (Python), \"userManagement.createUser\" (Node), \"$userManagement->createUser\" (PHP), \"createUser\", the operation id \"create_user\", \"User\", \"POST /user_management/users\", \"dsync.user.created\"."`
	Language string  `json:"language,omitempty" jsonschema:"Answer for this SDK: node (js), go, python, ruby, php, java, dotnet, or curl for the HTTP API. Default: the SDK whose spelling the symbol uses."`
	Page     float64 `json:"page,omitempty" jsonschema:"Which part of a long answer to return (1, 2, …). Answers over ~20,000 tokens come in parts; each part ends by naming the page that continues it. Default 1."`
}

const (
	searchDescription = "Search all WorkOS documentation: guides, the API reference, SDK methods of every language, and webhook/event types. " +
		"Results are ranked (titles, headings and identifiers weigh most; multi-word queries, error messages and code identifiers such as createUser or dsync.user.created work). " +
		"Each result gives the page path (with #anchor for sections), title, section, a snippet and the public URL. " +
		"Read a result with workos_docs and its path; for SDK calls use workos_reference."
	docsDescription = "Get a WorkOS documentation page, or one section of it, as clean Markdown, by path. " +
		"Use workos_search first when you do not know the path. Add #anchor for a single section (anchors are listed with each page). " +
		"A reference page includes, per SDK, the call's signature, parameters (types, required or optional, nested properties) and return values; pass language for one SDK. " +
		"The answer ends with the pages nearby for navigation. An empty path or a folder lists the pages below it with their titles; an unknown path gets the closest paths."
	examplesDescription = "Get code examples from the WorkOS docs (the code blocks the pages contain: SDK calls, configuration, environment variables, JSON payloads, CLI commands), grouped by product area and page. " +
		"Pass a product area such as \"sso\", \"directory-sync\", \"user-management\", \"audit-logs\" or \"webhooks\", a page path, or words to look for. An empty value lists the areas."
	changelogsDescription = "Get WorkOS changelogs: new features, product updates and breaking changes. " +
		"For platform updates, new features or \"what's new\" questions use the package name \"workos-platform\". " +
		"Other package names (SDKs such as \"@workos/node\") get the list of changelogs available and where SDK release notes are published."
	referenceDescription = "Look up an SDK call, type, API endpoint or event in the WorkOS reference: its exact signature, parameters (including the properties of options objects), return values, docs URL, " +
		"and the same operation in the other SDKs (Node, Go, Python, Ruby, PHP, Java, .NET, cURL). Accepts any SDK's spelling of a call or the operation id."
)

// clamp turns the original's loose maxResults (any number, 0 or missing meaning 10) into a limit.
func clampResults(n float64) int {
	switch {
	case math.IsNaN(n) || n < 1:
		return 10
	case n > maxSearchResults:
		return maxSearchResults
	}
	return int(n)
}

const maxSearchResults = 50

// maxExamplesShown is how many examples an answer prints in full; the rest are listed.
const maxExamplesShown = 20

func (h *handlers) search(ctx context.Context, _ *mcp.CallToolRequest, in SearchInput) (*mcp.CallToolResult, any, error) {
	set, err := h.get(ctx)
	if err != nil {
		return result("", err)
	}
	limit := clampResults(in.MaxResults)
	text, err := Search(ctx, set.Corpus, set.Index, in.Query, limit)
	if err == nil && in.MaxResults != 0 && in.MaxResults != float64(limit) {
		// The original accepts any number; say what was used instead of coercing silently.
		text = fmt.Sprintf("Note: maxResults %v is not a whole number from 1 to %d; %d results were asked for.\n\n", in.MaxResults, maxSearchResults, limit) + text
	}
	return paged(in.Page)(text, err)
}

func (h *handlers) docsPage(ctx context.Context, _ *mcp.CallToolRequest, in DocsInput) (*mcp.CallToolResult, any, error) {
	set, err := h.get(ctx)
	if err != nil {
		return result("", err)
	}
	lang, err := parseLanguage(in.Language)
	if err != nil {
		return result("", err)
	}
	return paged(in.Page)(Docs(ctx, set.Corpus, set.Index, in.Path, lang))
}

func (h *handlers) examples(ctx context.Context, _ *mcp.CallToolRequest, in ExamplesInput) (*mcp.CallToolResult, any, error) {
	set, err := h.get(ctx)
	if err != nil {
		return result("", err)
	}
	return paged(in.Page)(docview.Examples(docquery.FindExamples(set.Corpus, in.Example, ""), maxExamplesShown), nil)
}

func (h *handlers) changelogs(ctx context.Context, _ *mcp.CallToolRequest, in ChangelogsInput) (*mcp.CallToolResult, any, error) {
	set, err := h.get(ctx)
	if err != nil {
		return result("", err)
	}
	cl, err := docquery.FindChangelog(set.Corpus, in.Package)
	if err != nil {
		return result("", err)
	}
	return paged(in.Page)(docview.Changelog(cl), nil)
}

func (h *handlers) reference(ctx context.Context, _ *mcp.CallToolRequest, in ReferenceInput) (*mcp.CallToolResult, any, error) {
	set, err := h.get(ctx)
	if err != nil {
		return result("", err)
	}
	return paged(in.Page)(Reference(ctx, set.Corpus, set.Index, in.Symbol, in.Language, h.version))
}

// paged is result for an answer that may be long: it returns part page of it (see paginate), so that
// no answer goes over the token budget. Errors are short and returned whole.
func paged(page float64) func(string, error) (*mcp.CallToolResult, any, error) {
	return func(text string, err error) (*mcp.CallToolResult, any, error) {
		if err != nil {
			return result("", err)
		}
		return result(paginate(text, pageNumber(page), maxPartBytes))
	}
}

// errText is an error whose message is a complete Markdown answer.
func errText(s string) error { return errors.New(s) }
