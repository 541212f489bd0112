package mcpserver

import (
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/docset/docsettest"
)

func TestRealTools(t *testing.T) {
	set := docsettest.Real(t, "0.2.0")
	cs := connect(t, Ready(set))
	for _, c := range []struct {
		tool  string
		args  map[string]any
		isErr bool
		want  []string
	}{
		{"workos_search", map[string]any{"query": "invalid SAML response"}, false, []string{"`sso/"}},
		{"workos_search", map[string]any{"query": "createUser"}, false, []string{"reference/authkit/user/create", "is in the SDK reference"}},
		{"workos_search", map[string]any{"query": "dsync.user.created"}, false, []string{"is an event"}},
		{"workos_docs", map[string]any{"path": "sso/overview"}, false, []string{"# Single Sign-On", "**Pages under `sso/`**"}},
		{"workos_docs", map[string]any{"path": "reference/user-management/user/create"}, false, []string{"this is `reference/authkit/user/create`", "## SDK reference"}},
		{"workos_docs", map[string]any{"path": "reference"}, false, []string{"`reference/authkit/`"}},
		{"workos_docs", map[string]any{"path": "sso/singel-logout"}, true, []string{"- `sso/single-logout`"}},
		{"workos_examples", map[string]any{"example": "user-management"}, false, []string{"the `authkit` area", "```"}},
		{"workos_examples", map[string]any{"example": "webhooks"}, false, []string{"```"}},
		{"workos_changelogs", map[string]any{"package": "workos-platform"}, false, []string{"**Date:** 20"}},
		{"workos_reference", map[string]any{"symbol": "usermanagement.CreateUser"}, false, []string{"`Email` `string` · required", "- Node: `userManagement.createUser(options)`"}},
		{"workos_reference", map[string]any{"symbol": "directorySync.listUsers", "language": "python"}, false, []string{"directory_sync.list_users("}},
		{"workos_reference", map[string]any{"symbol": "WorkOS::SSO.profile_and_token"}, false, []string{"Ruby SDK method"}},
	} {
		text, isErr := call(t, cs, c.tool, c.args)
		if isErr != c.isErr {
			t.Errorf("%s %v: isError = %v:\n%s", c.tool, c.args, isErr, text)
		}
		mustContain(t, c.tool, text, c.want...)
	}
}

// No page renders with MDX left in it.
func TestRealPagesRenderClean(t *testing.T) {
	set := docsettest.Real(t, "0.2.0")
	for _, p := range set.Corpus.Pages {
		md := RenderPage(set.Corpus, p, "", "", true)
		for _, bad := range []string{"<CodeBlock", "<Callout", "<Event.", "{{ \"url\"", "<PropsTable"} {
			if strings.Contains(md, bad) {
				t.Errorf("%s: %q in the rendered page", p.Path, bad)
			}
		}
	}
}
