package mcpserver

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/docquery"
	"github.com/workos-lsp/workos-lsp/sdkcall"
	"github.com/workos-lsp/workos-lsp/workspace"
)

// UsageInput is the argument of workos_usage.
type UsageInput struct {
	Symbol string  `json:"symbol,omitempty" jsonschema:"An SDK call or event to find in the project, spelled as any SDK spells it (\"userManagement.createUser\", \"user_management.create_user\", \"createUser\", \"dsync.user.created\"). Empty: a summary of every WorkOS call the project makes."`
	Limit  int     `json:"limit,omitempty" jsonschema:"Most locations to list (default 50, at most 500)."`
	Page   float64 `json:"page,omitempty" jsonschema:"Which part of a long answer to return (1, 2, …). Answers over ~20,000 tokens come in parts; each part ends by naming the page that continues it. Default 1."`
}

const usageDescription = "Find where the user's project calls the WorkOS SDKs, following the WorkOS client across files " +
	"(a client created in lib/workos.ts and imported elsewhere, a Python client imported from a package, Go accessors and struct fields, " +
	"injected PHP/Java/C# services). With a symbol: every call of that SDK method (or use of that event name) as path:line:column with the line's code. " +
	"Without one: each WorkOS call the project makes, with how often and where. Look-alikes of other libraries are not counted. " +
	"Use it before changing how the project uses WorkOS, or to answer \"where do we create users?\"."

// usageTool answers workos_usage over the project folders (Loader.Workspace). The folders are
// scanned on first use and again when the last scan is older than usageRescan: the assistant edits
// files between calls, and no file watcher runs here.
type usageTool struct {
	folders []string

	mu      sync.Mutex
	ws      *workspace.Workspace
	scanned time.Time
}

const usageRescan = 5 * time.Second

func (u *usageTool) workspace(ctx context.Context) (*workspace.Workspace, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.ws != nil && time.Since(u.scanned) < usageRescan {
		return u.ws, nil
	}
	ws, err := workspace.ScanFolders(ctx, u.folders, workspace.Options{})
	if err != nil {
		return nil, err
	}
	if u.ws != nil {
		u.ws.Shutdown()
	}
	u.ws, u.scanned = ws, time.Now()
	return ws, nil
}

func (h *handlers) usage(ctx context.Context, _ *mcp.CallToolRequest, in UsageInput) (*mcp.CallToolResult, any, error) {
	return paged(in.Page)(h.usageText(ctx, in))
}

func (h *handlers) usageText(ctx context.Context, in UsageInput) (string, error) {
	if h.usageTool == nil || len(h.usageTool.folders) == 0 {
		return "", fmt.Errorf("this server was started without a project folder; start it with `workos-lsp mcp --workspace DIR` (or from the project's folder)")
	}
	set, err := h.get(ctx)
	if err != nil {
		return "", err
	}
	limit := in.Limit
	switch {
	case limit <= 0:
		limit = 50
	case limit > 500:
		limit = 500
	}
	sym := set.Corpus.Symbols()
	var match func(sdkcall.Link) bool
	var what string
	if s := strings.TrimSpace(in.Symbol); s != "" {
		found := docquery.ResolveSymbol(sym, s, "")
		if match = workspace.UsesOf(found.Entries, found.Event); match == nil {
			return "", fmt.Errorf("no WorkOS SDK call or event %q; workos_search finds the right name", s)
		}
		if found.Event != nil {
			what = "event " + found.Event.Name
		} else {
			what = found.Entries[0].Title
		}
	}
	ws, err := h.usageTool.workspace(ctx)
	if err != nil {
		return "", err
	}
	snap := ws.Snapshot()
	us, err := workspace.Usages(ctx, workspace.NewSources(nil, nil), snap, sdkcall.NewIndex(sym), match)
	if err != nil {
		return "", err
	}
	rel := func(p string) string {
		for _, dir := range h.usageTool.folders {
			if r, err := filepath.Rel(dir, p); err == nil && filepath.IsLocal(r) {
				return filepath.ToSlash(r)
			}
		}
		return p
	}
	var b strings.Builder
	scope := fmt.Sprintf("%d source files in %s", snap.Len(), strings.Join(h.usageTool.folders, ", "))
	if match != nil {
		fmt.Fprintf(&b, "# Uses of %s\n\n%d found (%s).\n\n", what, len(us), scope)
		for i, u := range us {
			if i == limit {
				fmt.Fprintf(&b, "\n… and %d more (raise `limit`).\n", len(us)-limit)
				break
			}
			fmt.Fprintf(&b, "- %s:%d:%d `%s`\n", rel(u.Path), u.Line, u.Col, lineOf(u.Text, u.Start))
		}
		return b.String(), nil
	}
	type group struct {
		title, url string
		lang       corpus.Language
		where      []string
	}
	groups := map[string]*group{}
	for _, u := range us {
		key, title := u.URL, u.URL
		if u.Entry != nil {
			key, title = string(u.Lang)+" "+u.Entry.Title, u.Entry.Title
		} else {
			title = "event " + u.Text[u.Start:u.End]
			key = title
		}
		g := groups[key]
		if g == nil {
			g = &group{title: title, url: u.URL, lang: u.Lang}
			groups[key] = g
		}
		g.where = append(g.where, fmt.Sprintf("%s:%d", rel(u.Path), u.Line))
	}
	list := make([]*group, 0, len(groups))
	for _, g := range groups {
		list = append(list, g)
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i].where) != len(list[j].where) {
			return len(list[i].where) > len(list[j].where)
		}
		return list[i].title < list[j].title
	})
	fmt.Fprintf(&b, "# WorkOS in this project\n\n%d uses of %d SDK calls, types and events (%s).\n\n", len(us), len(list), scope)
	for i, g := range list {
		if i == limit {
			fmt.Fprintf(&b, "\n… and %d more (raise `limit`).\n", len(list)-limit)
			break
		}
		where := g.where
		more := ""
		if len(where) > 5 {
			more = fmt.Sprintf(" and %d more", len(where)-5)
			where = where[:5]
		}
		fmt.Fprintf(&b, "- `%s` (%s) ×%d — %s%s — %s\n", g.title, g.lang.DisplayName(), len(g.where), strings.Join(where, ", "), more, g.url)
	}
	return b.String(), nil
}

// lineOf is the trimmed line holding off, cut to a readable length.
func lineOf(text string, off int) string {
	start := strings.LastIndexByte(text[:off], '\n') + 1
	end := strings.IndexByte(text[off:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += off
	}
	line := strings.TrimSpace(text[start:end])
	if r := []rune(line); len(r) > 160 {
		line = string(r[:157]) + "…"
	}
	return strings.ReplaceAll(line, "`", "'")
}
