package docview

import (
	"fmt"
	"strings"

	"github.com/workos-lsp/workos-lsp/docquery"
)

// Changelog renders a changelog newest first, the way the original server did.
func Changelog(cl docquery.Changelog) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s changelog\n\n", cl.Package)
	if cl.Note != "" {
		fmt.Fprintf(&b, "*%s*\n\n", cl.Note)
	}
	if len(cl.Items) == 0 {
		b.WriteString("No entries.\n")
		return b.String()
	}
	for _, it := range cl.Items {
		fmt.Fprintf(&b, "## %s\n", it.Title)
		if it.Date != "" {
			fmt.Fprintf(&b, "**Date:** %s\n", it.Date)
		}
		if it.URL != "" {
			fmt.Fprintf(&b, "**Link:** %s\n", it.URL)
		}
		b.WriteString("\n")
		for _, ch := range it.Changes {
			fmt.Fprintf(&b, "%s\n", strings.TrimSpace(ch))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "---\n%d entries from the WorkOS docs %s. SDK release notes: workos_changelogs with an SDK name says where they are.\n", len(cl.Items), cl.Version)
	return b.String()
}
