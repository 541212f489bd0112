package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// originalVersion is the @workos/mcp-docs-server release the compatibility test runs against; ours
// serves the same docs version.
const originalVersion = "0.1.0"

// TestMCPCompatibilityWithOriginal runs the original @workos/mcp-docs-server and `workos-lsp mcp`
// on the same docs version and sends both the same calls: ours must have every tool and argument of
// the original with the same required arguments (ours may have more tools and optional arguments), and every call the original answers must be answered by ours
// too. It logs both answers' sizes and top results.
//
// It needs node and npm and network access to the npm registry (or WORKOS_LSP_ORIGINAL_PREFIX, a
// folder where `npm install --prefix` already put the package), so it only runs with
// WORKOS_LSP_INTEGRATION=1.
func TestMCPCompatibilityWithOriginal(t *testing.T) {
	if os.Getenv("WORKOS_LSP_INTEGRATION") != "1" {
		t.Skip("set WORKOS_LSP_INTEGRATION=1 to run against the original npm server")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		if _, err := exec.LookPath("npx"); err != nil {
			t.Skip("npm/npx are not installed")
		}
		t.Skip("npm is not installed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	prefix := os.Getenv("WORKOS_LSP_ORIGINAL_PREFIX")
	entry := filepath.Join(prefix, "node_modules", "@workos", "mcp-docs-server", "dist", "index.js")
	if _, err := os.Stat(entry); prefix == "" || err != nil {
		prefix = t.TempDir()
		install := exec.CommandContext(ctx, npm, "install", "--prefix", prefix, "--no-audit", "--no-fund",
			"@workos/mcp-docs-server@"+originalVersion)
		if out, err := install.CombinedOutput(); err != nil {
			t.Fatalf("npm install: %v\n%s", err, out)
		}
		entry = filepath.Join(prefix, "node_modules", "@workos", "mcp-docs-server", "dist", "index.js")
	}

	dir := t.TempDir()
	bin := filepath.Join(dir, "workos-lsp")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	client := mcp.NewClient(&mcp.Implementation{Name: "compat-test", Version: "1"}, nil)
	orig, err := client.Connect(ctx, &mcp.CommandTransport{Command: exec.Command(node, entry)}, nil)
	if err != nil {
		t.Fatalf("connect to the original: %v", err)
	}
	defer orig.Close()
	oursCmd := exec.Command(bin, "mcp", "--corpus-version", originalVersion)
	oursCmd.Env = append(oursCmd.Environ(), "WORKOS_LSP_DOCS=")
	oursCmd.Stderr = os.Stderr
	ours, err := client.Connect(ctx, &mcp.CommandTransport{Command: oursCmd}, nil)
	if err != nil {
		t.Fatalf("connect to workos-lsp mcp: %v", err)
	}
	defer ours.Close()

	compareTools(ctx, t, orig, ours)

	calls := []struct {
		tool string
		args map[string]any
	}{
		{"workos_search", map[string]any{"query": "SSO"}},
		{"workos_search", map[string]any{"query": "SAML"}},
		{"workos_search", map[string]any{"query": "createUser"}},
		{"workos_search", map[string]any{"query": "MagicAuth"}},
		{"workos_search", map[string]any{"query": "directory sync"}},
		{"workos_search", map[string]any{"query": "webhook", "maxResults": 3}},
		{"workos_search", map[string]any{"query": "dsync.user.created"}},
		{"workos_search", map[string]any{"query": "invalid SAML response"}},
		{"workos_search", map[string]any{"query": "refresh token"}},
		{"workos_search", map[string]any{"query": "organization_id", "maxResults": 5}},
		{"workos_search", map[string]any{"query": "zzqxv-nothing-matches"}},
		{"workos_search", map[string]any{"query": ""}},
		{"workos_docs", map[string]any{"path": "sso"}},
		{"workos_docs", map[string]any{"path": "sso/login-flows"}},
		{"workos_docs", map[string]any{"path": "directory-sync"}},
		{"workos_docs", map[string]any{"path": "directory-sync/quick-start"}},
		{"workos_docs", map[string]any{"path": "reference/authkit/user/create"}},
		{"workos_docs", map[string]any{"path": "events"}},
		{"workos_docs", map[string]any{"path": "email"}},
		{"workos_docs", map[string]any{"path": "sso/overview"}},
		{"workos_docs", map[string]any{"path": "user-management/authentication"}},
		{"workos_docs", map[string]any{"path": "no/such/page"}},
		{"workos_docs", map[string]any{"path": ""}},
		{"workos_examples", map[string]any{"example": "sso"}},
		{"workos_examples", map[string]any{"example": "directory-sync"}},
		{"workos_examples", map[string]any{"example": "user-management"}},
		{"workos_examples", map[string]any{"example": "audit-logs"}},
		{"workos_examples", map[string]any{"example": "webhooks"}},
		{"workos_examples", map[string]any{"example": "no-such-group"}},
		{"workos_changelogs", map[string]any{"package": "workos-platform"}},
		{"workos_changelogs", map[string]any{"package": "workos"}},
		{"workos_changelogs", map[string]any{"package": "@workos/node"}},
	}
	answered, differ := 0, 0
	for _, c := range calls {
		name := fmt.Sprintf("%s %v", c.tool, c.args)
		oText, oErr := callText(t, orig, c.tool, c.args)
		wText, wErr := callText(t, ours, c.tool, c.args)
		t.Logf("%s\n    original: error=%-5v %6d bytes  %s\n    ours:     error=%-5v %6d bytes  %s",
			name, oErr, len(oText), summary(c.tool, oText, true), wErr, len(wText), summary(c.tool, wText, false))
		if !oErr {
			answered++
			if wErr {
				t.Errorf("%s: the original answers, ours fails:\n%s", name, wText)
			}
		}
		if oErr != wErr {
			differ++
		}
		// The same page: the original's front matter title is our heading.
		if c.tool == "workos_docs" && !oErr {
			if m := frontTitle.FindStringSubmatch(oText); m != nil {
				title := strings.Trim(m[1], `"'`)
				if !strings.Contains(wText, title) {
					t.Errorf("%s: ours lacks the page title %q", name, title)
				}
			}
		}
	}
	t.Logf("%d calls: the original answered %d; %d differ in error status (ours answering where the original failed)", len(calls), answered, differ)
}

var frontTitle = regexp.MustCompile(`(?m)^title:\s*(.+)$`)

// compareTools checks that ours has every original tool with the same argument names and required
// arguments, and logs the differences in types and descriptions.
func compareTools(ctx context.Context, t *testing.T, orig, ours *mcp.ClientSession) {
	t.Helper()
	list := func(cs *mcp.ClientSession) map[string]*mcp.Tool {
		res, err := cs.ListTools(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]*mcp.Tool{}
		for _, tool := range res.Tools {
			out[tool.Name] = tool
		}
		return out
	}
	oTools, wTools := list(orig), list(ours)
	var extra []string
	for name := range wTools {
		if oTools[name] == nil {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	t.Logf("original tools: %v; ours adds: %v", keys(oTools), extra)
	for name, o := range oTools {
		w := wTools[name]
		if w == nil {
			t.Errorf("tool %s: missing in ours", name)
			continue
		}
		oProps, oReq := schemaShape(o)
		wProps, wReq := schemaShape(w)
		// Every original argument, the same required ones; ours may add optional arguments (page,
		// language), which calls written for the original never send.
		missing := false
		for arg := range oProps {
			if _, ok := wProps[arg]; !ok {
				missing = true
			}
		}
		if missing || !slices.Equal(oReq, wReq) {
			t.Errorf("tool %s: original args %v required %v; ours %v required %v", name, keys(oProps), oReq, keys(wProps), wReq)
		}
		for arg, oType := range oProps {
			if wType := wProps[arg]; wType != oType {
				t.Errorf("tool %s argument %s: type %q, original %q", name, arg, wType, oType)
			}
		}
	}
}

func schemaShape(tool *mcp.Tool) (props map[string]string, required []string) {
	s, _ := tool.InputSchema.(map[string]any)
	props = map[string]string{}
	if ps, ok := s["properties"].(map[string]any); ok {
		for k, v := range ps {
			typ, _ := v.(map[string]any)["type"].(string)
			props[k] = typ
		}
	}
	if r, ok := s["required"].([]any); ok {
		for _, x := range r {
			required = append(required, fmt.Sprint(x))
		}
	}
	sort.Strings(required)
	return props, required
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var (
	origResult = regexp.MustCompile("(?m)^## \U0001F4C4 (\\S+)")
	ourResult  = regexp.MustCompile("(?m)^(?:Page|Section|Event|.* · )?.*`([^`]+)`$")
)

// summary is the top of an answer: the first three result paths of a search, else its first line.
func summary(tool, text string, original bool) string {
	if tool == "workos_search" {
		var paths []string
		if original {
			for _, m := range origResult.FindAllStringSubmatch(text, 3) {
				paths = append(paths, m[1])
			}
		} else {
			for _, line := range strings.Split(text, "\n") {
				if len(paths) == 3 {
					break
				}
				if m := ourResult.FindStringSubmatch(line); m != nil && !strings.HasPrefix(line, "**") {
					paths = append(paths, m[1])
				}
			}
		}
		if len(paths) > 0 {
			return "top: " + strings.Join(paths, ", ")
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && line != "---" {
			if len(line) > 90 {
				line = line[:90] + "…"
			}
			return line
		}
	}
	return ""
}
