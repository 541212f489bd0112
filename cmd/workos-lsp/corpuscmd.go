package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/docset"
)

func runCorpus(e env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: workos-lsp corpus fetch|info [flags]", errUsage)
	}
	sub, args := args[0], args[1:]
	fs, d := docsCommand("corpus "+sub, e)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs, ""); err != nil {
		return err
	}
	switch sub {
	case "fetch", "info":
	default:
		return fmt.Errorf("%w: unknown corpus command %q (want fetch or info)", errUsage, sub)
	}
	// fetch asks the registry for the newest docs; info describes what a command would use.
	var set *docset.Set
	var err error
	if sub == "fetch" {
		set, err = d.open(e, docset.Load)
	} else {
		set, err = d.load(e)
	}
	if err != nil {
		return err
	}
	defer set.Close()
	info := describe(set)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(info)
	}
	if sub == "fetch" {
		fmt.Fprintf(e.stdout, "WorkOS docs %s ready in %s (%d pages, %d reference entries)\n", info.Version, info.Dir, info.Pages, info.Entries)
		return nil
	}
	w := e.stdout
	fmt.Fprintf(w, "version:        %s\n", info.Version)
	fmt.Fprintf(w, "digest:         %s\n", info.Digest)
	fmt.Fprintf(w, "docs folder:    %s\n", info.Dir)
	fmt.Fprintf(w, "index folder:   %s\n", info.IndexDir)
	fmt.Fprintf(w, "pages:          %d\n", info.Pages)
	fmt.Fprintf(w, "events:         %d\n", info.Events)
	fmt.Fprintf(w, "changelog:      %d items\n", info.ChangelogItems)
	fmt.Fprintf(w, "entries:        %d (%s)\n", info.Entries, joinCounts(info.EntriesPerLanguage))
	fmt.Fprintf(w, "descriptions:   %d keys referenced, %d unresolved\n", info.DescriptionKeys, len(info.UnresolvedKeys))
	if len(info.UnresolvedKeys) > 0 {
		fmt.Fprintf(w, "  unresolved:   %s\n", strings.Join(info.UnresolvedKeys, ", "))
	}
	fmt.Fprintf(w, "problems:       %d\n", len(info.Problems))
	for _, p := range info.Problems {
		fmt.Fprintf(w, "  %s\n", p)
	}
	fmt.Fprintf(w, "load time:      fetch %s, parse %s, index %s\n", info.FetchTime, info.ParseTime, info.IndexTime)
	return nil
}

// corpusInfo is the stable JSON shape of `corpus info --json`.
type corpusInfo struct {
	Version            string         `json:"version"`
	Digest             string         `json:"digest"`
	Dir                string         `json:"dir"`
	IndexDir           string         `json:"indexDir,omitempty"`
	FromCache          bool           `json:"fromCache"`
	Note               string         `json:"note,omitempty"`
	Pages              int            `json:"pages"`
	Events             int            `json:"events"`
	ChangelogItems     int            `json:"changelogItems"`
	Entries            int            `json:"entries"`
	EntriesPerLanguage map[string]int `json:"entriesPerLanguage"`
	DescriptionKeys    int            `json:"descriptionKeys"`
	UnresolvedKeys     []string       `json:"unresolvedKeys"`
	Problems           []string       `json:"problems"`
	FetchTime          string         `json:"fetchTime"`
	ParseTime          string         `json:"parseTime"`
	IndexTime          string         `json:"indexTime"`
}

func describe(set *docset.Set) corpusInfo {
	c := set.Corpus
	info := corpusInfo{
		Version:            c.Version,
		Digest:             c.Digest,
		Dir:                set.Source.Dir,
		IndexDir:           set.IndexDir,
		FromCache:          set.Source.FromCache,
		Note:               set.Note(),
		Pages:              len(c.Pages),
		Events:             len(c.Symbols().Events()),
		ChangelogItems:     len(c.Changelog),
		Entries:            len(c.Entries),
		EntriesPerLanguage: map[string]int{},
		DescriptionKeys:    c.DescriptionKeys,
		UnresolvedKeys:     append([]string{}, c.UnresolvedKeys...),
		Problems:           []string{},
		FetchTime:          set.FetchTime.Round(1e6).String(),
		ParseTime:          set.ParseTime.Round(1e6).String(),
		IndexTime:          set.IndexTime.Round(1e6).String(),
	}
	for _, e := range c.Entries {
		info.EntriesPerLanguage[string(e.Language)]++
	}
	for _, p := range c.Problems {
		info.Problems = append(info.Problems, p.String())
	}
	return info
}

func joinCounts(m map[string]int) string {
	var parts []string
	for _, l := range corpus.ReferenceLanguages {
		if n, ok := m[string(l)]; ok {
			parts = append(parts, fmt.Sprintf("%s %d", l, n))
		}
	}
	var rest []string
	for k := range m {
		if _, ok := corpus.ParseLanguage(k); !ok {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}
