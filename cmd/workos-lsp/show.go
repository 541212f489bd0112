package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

func runShow(e env, args []string) error {
	var d docsFlags
	fs := newFlagSet("show", e)
	d.register(fs)
	asJSON := fs.Bool("json", false, "print JSON {path, url, title, anchor, markdown}")
	if err := fs.Parse(reorderFlags(fs, args)); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: workos-lsp show PATH|URL[#anchor]", errUsage)
	}
	set, err := d.load(e)
	if err != nil {
		return err
	}
	defer set.Close()
	ref := fs.Arg(0)
	page, anchor, ok := set.Corpus.Page(ref)
	if !ok {
		return fmt.Errorf("no page %q%s", ref, closestPages(set.Corpus, ref))
	}
	md, url := page.Markdown, page.URL()
	if anchor != "" {
		sec, ok := page.Section(anchor)
		if !ok {
			return fmt.Errorf("page %s has no section #%s (sections: %s)", page.Path, anchor, anchors(page))
		}
		md, url = sec.Markdown, page.SectionURL(anchor)
	} else if page.Title != "" && !strings.HasPrefix(strings.TrimSpace(md), "# ") {
		md = "# " + page.Title + "\n\n" + md
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

// closestPages suggests pages whose path contains the last part of a path that matched nothing.
func closestPages(c *corpus.Corpus, ref string) string {
	ref = strings.Trim(strings.TrimPrefix(ref, corpus.SiteURL), "/")
	ref, _, _ = strings.Cut(ref, "#")
	last := ref
	if i := strings.LastIndexByte(ref, '/'); i >= 0 {
		last = ref[i+1:]
	}
	var hits []string
	for _, p := range c.Pages {
		if last != "" && strings.Contains(p.Path, last) {
			hits = append(hits, p.Path)
			if len(hits) == 8 {
				break
			}
		}
	}
	if len(hits) == 0 {
		return ""
	}
	return "; did you mean: " + strings.Join(hits, ", ")
}
