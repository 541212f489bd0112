package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/docquery"
	"github.com/workos-lsp/workos-lsp/docset"
	"github.com/workos-lsp/workos-lsp/docview"
)

func runShow(e env, args []string) error {
	fs, d := docsCommand("show", e)
	asJSON := fs.Bool("json", false, "print JSON {path, url, title, anchor, markdown}")
	lang := fs.String("lang", "", "on a reference page, only this SDK (js, go, python, ruby, php, java, dotnet, curl); empty: all")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: workos-lsp show [--lang L] PATH|URL[#anchor]", errUsage)
	}
	language, err := languageFlag(*lang)
	if err != nil {
		return err
	}
	set, err := d.load(e)
	if err != nil {
		return err
	}
	defer set.Close()
	ref := fs.Arg(0)
	m := docquery.ResolvePage(set.Corpus, ref)
	if m.Page == nil {
		return fmt.Errorf("no page %q%s", ref, suggestPages(e, set, m.Path))
	}
	page, anchor := m.Page, m.Anchor
	if m.Alias {
		fmt.Fprintf(e.stderr, "workos-lsp: there is no page %s; showing %s\n", m.Path, page.Path)
	}
	md, url := page.Markdown, page.URL()
	if anchor != "" {
		sec, ok := page.Section(anchor)
		if !ok {
			return fmt.Errorf("page %s has no section #%s (sections: %s)", page.Path, anchor, anchors(page))
		}
		md, url = sec.Markdown, page.SectionURL(anchor)
	} else if t := strings.TrimSpace(md); page.Title != "" && !strings.HasPrefix(t, "# ") && !strings.HasPrefix(t, "## "+page.Title+"\n") {
		md = "# " + page.Title + "\n\n" + md
	}
	if ref := docview.ReferencePage(page, anchor, docview.PageLanguages{First: language, Only: language != ""}); ref != "" {
		md = strings.TrimRight(md, "\n") + "\n\n" + ref
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Path     string `json:"path"`
			URL      string `json:"url"`
			Title    string `json:"title"`
			Anchor   string `json:"anchor,omitempty"`
			Markdown string `json:"markdown"`
		}{page.Path, url, page.Title, anchor, md})
	}
	fmt.Fprintln(e.stdout, strings.TrimRight(md, "\n"))
	fmt.Fprintf(e.stdout, "\nSource: %s\n", url)
	return nil
}

func anchors(p *corpus.Page) string {
	var out []string
	for _, s := range p.Sections {
		if s.Anchor != "" {
			out = append(out, s.Anchor)
		}
	}
	return strings.Join(out, ", ")
}

// suggestPages names the pages below a folder, or else the pages closest to a path that names none.
func suggestPages(e env, set *docset.Set, path string) string {
	if under := docquery.PagesUnder(set.Corpus, path); path != "" && len(under) > 0 {
		return fmt.Sprintf("; %s/ is a folder of %d pages: %s", path, len(under), pagePaths(under, 20))
	}
	if near := docquery.ClosestPages(e.ctx, set.Corpus, set.Index, path, 8); len(near) > 0 {
		return "; did you mean: " + pagePaths(near, len(near))
	}
	return ""
}

func pagePaths(pages []*corpus.Page, limit int) string {
	var out []string
	for i, p := range pages {
		if i == limit {
			out = append(out, fmt.Sprintf("… (%d more)", len(pages)-limit))
			break
		}
		out = append(out, p.Path)
	}
	return strings.Join(out, ", ")
}
