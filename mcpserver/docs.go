package mcpserver

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/search"
	"github.com/workos-lsp/workos-lsp/docquery"
	"github.com/workos-lsp/workos-lsp/docview"
)

// Docs answers workos_docs: the page or section ref names, as Markdown with navigation (a reference
// page with its SDK entries in full: lang's only, or every SDK's when lang is empty); the pages below
// a folder (or all areas for an empty ref); or, when nothing matches, an error listing the closest
// paths.
func Docs(ctx context.Context, c *corpus.Corpus, ix *search.Index, ref string, lang corpus.Language) (string, error) {
	m := docquery.ResolvePage(c, ref)
	switch {
	case m.Path == "":
		return listing(c, "", c.Pages), nil
	case m.Page != nil && m.Alias:
		note := fmt.Sprintf("*There is no page `%s`; this is `%s`.*\n\n", m.Path, m.Page.Path)
		return note + RenderPage(c, m.Page, m.Anchor, lang, true), nil
	case m.Page != nil:
		return RenderPage(c, m.Page, m.Anchor, lang, true), nil
	}
	if under := docquery.PagesUnder(c, m.Path); len(under) > 0 {
		return listing(c, m.Path, under), nil
	}
	var b strings.Builder
	shown := strings.TrimSpace(ref)
	if len(shown) > 200 {
		shown = fmt.Sprintf("%.200s…", shown) // %.200s counts runes, so the cut stays UTF-8
	}
	fmt.Fprintf(&b, "No WorkOS docs page has the path %q.\n\n", shown)
	if near := docquery.ClosestPages(ctx, c, ix, m.Path, 10); len(near) > 0 {
		b.WriteString("Closest pages:\n")
		for _, np := range near {
			fmt.Fprintf(&b, "- `%s` — %s\n", np.Path, np.Title)
		}
		b.WriteString("\n")
	}
	b.WriteString("Top-level areas: ")
	var areas []string
	for _, a := range docquery.TopFolders(c) {
		areas = append(areas, "`"+a+"`")
	}
	b.WriteString(strings.Join(areas, ", "))
	b.WriteString("\n\nCall workos_docs with one of these paths, with an empty path to list every area, or use workos_search to find a page by its content.")
	return "", errText(b.String())
}

// maxListed is how many pages a listing names one by one; bigger folders are shown by subfolder.
const maxListed = 120

// listing renders the pages below folder with their titles, grouped by subfolder when there are many.
func listing(c *corpus.Corpus, folder string, pages []*corpus.Page) string {
	var b strings.Builder
	if folder == "" {
		fmt.Fprintf(&b, "# WorkOS docs %s\n\n%d pages. ", c.Version, len(pages))
	} else {
		fmt.Fprintf(&b, "# WorkOS docs: `%s/`\n\n%d pages. ", folder, len(pages))
	}
	if len(pages) <= maxListed {
		b.WriteString("Read one with workos_docs and its path.\n\n")
	} else {
		b.WriteString("Call workos_docs with a folder to list its pages, or with a page path to read it.\n\n")
	}
	writePageList(&b, folder, pages, maxListed)
	return b.String()
}

// writePageList lists pages ("- `path` — Title"), or, when there are more than limit, the subfolders
// of folder with their page counts.
func writePageList(b *strings.Builder, folder string, pages []*corpus.Page, limit int) {
	if len(pages) <= limit {
		for _, p := range pages {
			fmt.Fprintf(b, "- `%s` — %s\n", p.Path, titleOf(p))
		}
		return
	}
	type group struct {
		name  string
		index *corpus.Page
		count int
	}
	var groups []*group
	byName := map[string]*group{}
	prefix := ""
	if folder != "" {
		prefix = folder + "/"
	}
	for _, p := range pages {
		if p.Path == folder {
			fmt.Fprintf(b, "- `%s` — %s\n", p.Path, titleOf(p))
			continue
		}
		child, _, _ := strings.Cut(strings.TrimPrefix(p.Path, prefix), "/")
		g := byName[child]
		if g == nil {
			g = &group{name: prefix + child}
			byName[child] = g
			groups = append(groups, g)
		}
		g.count++
		if p.Path == g.name {
			g.index = p
		}
	}
	for _, g := range groups {
		title := ""
		if g.index != nil {
			title = " — " + titleOf(g.index)
		}
		if g.count == 1 && g.index != nil {
			fmt.Fprintf(b, "- `%s`%s\n", g.name, title)
			continue
		}
		fmt.Fprintf(b, "- `%s/`%s (%s)\n", g.name, title, plural(g.count, "page"))
	}
}

func titleOf(p *corpus.Page) string {
	if p.Title != "" {
		return p.Title
	}
	return p.Path
}

// RenderPage renders a page (or, with an anchor, one section of it) as Markdown: the title, the
// description, the body, the SDK reference entries the page declares in full (lang's only, when not
// empty), the source URL and, with nav, the sections and the pages nearby.
func RenderPage(c *corpus.Corpus, p *corpus.Page, anchor string, lang corpus.Language, nav bool) string {
	var b strings.Builder
	langs := docview.PageLanguages{First: lang, Only: lang != ""}
	if anchor != "" {
		if sec, ok := p.Section(anchor); ok {
			fmt.Fprintf(&b, "*From [%s](%s) (`%s`)*\n\n", titleOf(p), p.URL(), p.Path)
			b.WriteString(strings.TrimSpace(sec.Markdown) + "\n\n")
			if ref := docview.ReferencePage(p, anchor, langs); ref != "" {
				b.WriteString(ref + "\n")
			}
			fmt.Fprintf(&b, "Source: %s\n", p.SectionURL(anchor))
			if nav {
				b.WriteString("\n")
				writeSections(&b, p, anchor)
				fmt.Fprintf(&b, "The whole page: workos_docs with path `%s`.\n", p.Path)
			}
			return b.String()
		}
		fmt.Fprintf(&b, "*Page `%s` has no section `#%s`; here is the whole page.*\n\n", p.Path, anchor)
	}
	md := strings.TrimSpace(p.Markdown)
	if !strings.HasPrefix(md, "# ") && !strings.HasPrefix(md, "## "+p.Title+"\n") {
		fmt.Fprintf(&b, "# %s\n\n", titleOf(p))
	}
	if d := strings.TrimSpace(p.Description); d != "" && !strings.Contains(md, d) {
		fmt.Fprintf(&b, "%s\n\n", d)
	}
	if md != "" {
		b.WriteString(md + "\n\n")
	}
	if ref := docview.ReferencePage(p, "", langs); ref != "" {
		b.WriteString(ref + "\n")
		if lang == "" {
			b.WriteString("*One SDK only: workos_docs with this path and `language` (node, go, python, ruby, php, java, dotnet, curl).*\n\n")
		}
	}
	fmt.Fprintf(&b, "Source: %s · WorkOS docs %s\n", p.URL(), c.Version)
	if nav {
		b.WriteString("\n---\n\n")
		writeSections(&b, p, "")
		writeNearby(&b, c, p)
	}
	return b.String()
}

// writeSections lists a page's section anchors so that a client can ask for one.
func writeSections(b *strings.Builder, p *corpus.Page, current string) {
	var items []string
	for _, s := range p.Sections {
		if s.Anchor == "" || s.Anchor == current || s.Level > 3 {
			continue
		}
		items = append(items, fmt.Sprintf("`#%s` %s", s.Anchor, s.Heading))
	}
	if len(items) < 2 && current == "" {
		return
	}
	if len(items) == 0 {
		return
	}
	const maxSections = 40
	if len(items) > maxSections {
		items = append(items[:maxSections], "…")
	}
	fmt.Fprintf(b, "**Sections** (workos_docs with `%s#anchor`): %s\n\n", p.Path, strings.Join(items, " · "))
}

// writeNearby lists the pages below p, or else its parent and siblings.
func writeNearby(b *strings.Builder, c *corpus.Corpus, p *corpus.Page) {
	const maxNearby = 40
	list := func(title, folder string, pages []*corpus.Page) {
		if len(pages) == 0 {
			return
		}
		fmt.Fprintf(b, "**%s**\n", title)
		writePageList(b, folder, pages, maxNearby)
		b.WriteString("\n")
	}
	var below []*corpus.Page
	for _, q := range docquery.PagesUnder(c, p.Path) {
		if q != p {
			below = append(below, q)
		}
	}
	if len(below) > 0 {
		list(fmt.Sprintf("Pages under `%s/`", p.Path), p.Path, below)
		return
	}
	parent := path.Dir(p.Path)
	if parent == "." {
		return
	}
	if up, _, ok := c.Page(parent); ok {
		fmt.Fprintf(b, "**Up:** `%s` — %s\n\n", up.Path, titleOf(up))
	}
	var siblings []*corpus.Page
	for _, q := range c.Pages {
		if q != p && path.Dir(q.Path) == parent {
			siblings = append(siblings, q)
		}
	}
	list(fmt.Sprintf("Other pages in `%s/`", parent), parent, siblings)
}
