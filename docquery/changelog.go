package docquery

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// PlatformChangelog is the package name of the WorkOS platform changelog.
const PlatformChangelog = "workos-platform"

// Changelog is one package's changelog.
type Changelog struct {
	Package string                 `json:"package"`
	Note    string                 `json:"note,omitempty"` // how the asked name was read, when it was not exact
	Items   []corpus.ChangelogItem `json:"items"`
	Version string                 `json:"docsVersion"`
}

// ChangelogPackages lists the packages the corpus has a changelog for.
func ChangelogPackages(c *corpus.Corpus) []string {
	var out []string
	for _, it := range c.Changelog {
		if !slices.Contains(out, it.Package) {
			out = append(out, it.Package)
		}
	}
	sort.Strings(out)
	return out
}

// platformAliases are names people use for the platform changelog; the original server wanted the
// exact package name and failed on these.
var platformAliases = map[string]bool{"": true, "workos": true, "platform": true, "workos platform": true,
	"workos-inc": true, "changelog": true, "all": true, "latest": true, "what's new": true, "whats new": true}

// sdkReleases says where each SDK publishes its release notes, by the names people use for it.
var sdkReleases = []struct {
	names []string
	title string
	url   string
}{
	{[]string{"@workos/node", "@workos-inc/node", "workos-node", "node", "nodejs", "js", "javascript", "typescript"}, "Node SDK", "https://github.com/workos/workos-node/releases"},
	{[]string{"@workos/python", "workos-python", "python", "py"}, "Python SDK", "https://github.com/workos/workos-python/releases"},
	{[]string{"@workos/ruby", "workos-ruby", "ruby", "rb"}, "Ruby SDK", "https://github.com/workos/workos-ruby/releases"},
	{[]string{"@workos/go", "workos-go", "go", "golang"}, "Go SDK", "https://github.com/workos/workos-go/releases"},
	{[]string{"@workos/php", "workos-php", "php"}, "PHP SDK", "https://github.com/workos/workos-php/releases"},
	{[]string{"@workos/kotlin", "@workos/java", "workos-kotlin", "workos-java", "kotlin", "java"}, "Java/Kotlin SDK", "https://github.com/workos/workos-kotlin/releases"},
	{[]string{"@workos/dotnet", "workos-dotnet", "dotnet", ".net", "csharp", "c#"}, ".NET SDK", "https://github.com/workos/workos-dotnet/releases"},
	{[]string{"@workos-inc/authkit-nextjs", "authkit-nextjs", "@workos/authkit-nextjs"}, "AuthKit Next.js library", "https://github.com/workos/authkit-nextjs/releases"},
}

// FindChangelog finds a changelog (the MCP tool workos_changelogs and the command changelog). "workos-platform" (and loose names for it: "workos",
// "platform", empty) gives the platform changelog; any other name is an error that lists what there
// is and where SDK release notes live.
func FindChangelog(c *corpus.Corpus, pkg string) (Changelog, error) {
	name := strings.TrimSpace(pkg)
	key := strings.ToLower(name)
	available := ChangelogPackages(c)
	cl := Changelog{Version: c.Version, Items: []corpus.ChangelogItem{}}
	for _, p := range available {
		if strings.ToLower(p) == key {
			cl.Package = p
		}
	}
	if cl.Package == "" && platformAliases[key] && slices.Contains(available, PlatformChangelog) {
		cl.Package = PlatformChangelog
		if name != "" {
			cl.Note = fmt.Sprintf("%q is read as %q, the WorkOS platform changelog.", name, PlatformChangelog)
		}
	}
	if cl.Package == "" {
		return cl, errors.New(unknownChangelog(c, name, available))
	}
	for _, it := range c.Changelog {
		if it.Package == cl.Package {
			cl.Items = append(cl.Items, it)
		}
	}
	return cl, nil
}

func unknownChangelog(c *corpus.Corpus, name string, available []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "No changelog for %q in the WorkOS docs %s.\n\n", name, c.Version)
	if len(available) == 0 {
		b.WriteString("These docs have no changelogs.\n\n")
	} else {
		b.WriteString("Available changelogs:\n")
		for _, p := range available {
			n := 0
			for _, it := range c.Changelog {
				if it.Package == p {
					n++
				}
			}
			desc := ""
			if p == PlatformChangelog {
				desc = ": WorkOS platform updates, new features, \"what's new\""
			}
			fmt.Fprintf(&b, "- `%s` (%d entries%s)\n", p, n, desc)
		}
		b.WriteString("\n")
	}
	key := strings.ToLower(name)
	for _, sdk := range sdkReleases {
		if slices.Contains(sdk.names, key) {
			fmt.Fprintf(&b, "The %s publishes its release notes at %s\n\n", sdk.title, sdk.url)
		}
	}
	b.WriteString("SDK release notes are not part of the docs; each SDK publishes them on GitHub:\n")
	for _, sdk := range sdkReleases {
		fmt.Fprintf(&b, "- %s (`%s`): %s\n", sdk.title, sdk.names[0], sdk.url)
	}
	return b.String()
}
