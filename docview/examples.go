package docview

import (
	"fmt"
	"strings"

	"github.com/workos-lsp/workos-lsp/docquery"
)

// Examples renders an examples answer: up to limit examples in full, grouped by area and page, then the others
// as a list, then what else there is.
func Examples(s docquery.ExampleSet, limit int) string {
	var b strings.Builder
	langNote := ""
	if s.Language != "" {
		langNote = " in " + s.Language
	}
	switch s.Match {
	case "list", "none":
		if s.Match == "none" {
			fmt.Fprintf(&b, "# No code examples match %q%s\n\n", s.Query, langNote)
			b.WriteString("No code block in the WorkOS docs matches. Try a product area below, other words, or workos_search to find the page that explains it.\n\n")
		} else {
			fmt.Fprintf(&b, "# WorkOS code examples%s\n\n", langNote)
			b.WriteString("Code blocks from the WorkOS docs, by product area. Call workos_examples with an area, a page path or words to look for.\n\n")
		}
		writeAreas(&b, s.Areas)
		return b.String()
	}
	heading := s.Query
	if s.Area != "" {
		heading = s.Area
	}
	fmt.Fprintf(&b, "# WorkOS code examples: %s%s\n\n", heading, langNote)
	if s.Area != "" && s.Area != strings.ToLower(strings.TrimSpace(s.Query)) && s.Match == "area" {
		fmt.Fprintf(&b, "*%q is the `%s` area of the docs.*\n\n", s.Query, s.Area)
	}
	n := len(s.Examples)
	if n > limit {
		fmt.Fprintf(&b, "%d examples; the first %d in full, the others listed after them. Narrow the question (a page path such as `%s`, or words) to see those.\n\n", n, limit, s.Examples[limit].Page)
	} else {
		fmt.Fprintf(&b, "%s from the WorkOS docs %s.\n\n", plural(n, "example"), s.Version)
	}
	page := ""
	for i, e := range s.Examples {
		if i == limit {
			break
		}
		if e.Page != page {
			page = e.Page
			fmt.Fprintf(&b, "## %s (`%s`)\n\n", e.PageTitle, e.Page)
		}
		title := e.Title
		if title == "" {
			title = e.Section
		} else if e.Section != "" && e.Section != e.Title {
			title += " — " + e.Section
		}
		if title == "" {
			title = "Example"
		}
		fmt.Fprintf(&b, "### %s\n\n", title)
		fence := "```"
		for strings.Contains(e.Code, fence) {
			fence += "`"
		}
		fmt.Fprintf(&b, "%s%s\n%s\n%s\n\n", fence, e.Language, strings.TrimRight(e.Code, "\n"), fence)
		fmt.Fprintf(&b, "Source: %s\n", e.URL)
		if len(e.AlsoOn) > 0 {
			fmt.Fprintf(&b, "The same code is also on: %s\n", strings.Join(e.AlsoOn, ", "))
		}
		b.WriteString("\n")
	}
	if n > limit {
		b.WriteString("## More examples\n\n")
		for _, e := range s.Examples[limit:] {
			title := e.Title
			if title == "" {
				title = e.Section
			}
			ref := e.Page
			if e.Anchor != "" {
				ref += "#" + e.Anchor
			}
			fmt.Fprintf(&b, "- `%s` — %s: %s (%s)\n", ref, e.PageTitle, title, e.Language)
		}
		b.WriteString("\n")
	}
	if s.Match == "area" {
		var others []string
		for _, a := range s.Areas {
			if a.Name != s.Area {
				others = append(others, "`"+a.Name+"`")
			}
		}
		if len(others) > 0 {
			fmt.Fprintf(&b, "Other areas with examples: %s\n", strings.Join(others, ", "))
		}
	}
	return b.String()
}

func writeAreas(b *strings.Builder, areas []docquery.Area) {
	if len(areas) == 0 {
		b.WriteString("These docs have no code examples.\n")
		return
	}
	b.WriteString("| Area | Examples |\n|---|---|\n")
	for _, a := range areas {
		name := "`" + a.Name + "`"
		if a.Title != "" {
			name += " — " + a.Title
		}
		fmt.Fprintf(b, "| %s | %d |\n", name, a.Examples)
	}
	b.WriteString("\nAliases: `user-management` is `authkit`, `webhooks` is `events`.\n")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
