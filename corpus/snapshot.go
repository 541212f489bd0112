package corpus

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"io"
)

// snapshotFormat changes whenever parsing or the model changes what a parsed corpus holds, so that
// a snapshot written by an older build is never read as current.
const snapshotFormat = 3

// Parsing every page costs a few hundred milliseconds (YAML and MDX); an editor starting the server
// wants its first hover sooner. A snapshot is the parsed corpus in gob form, written to the cache
// once per corpus digest and read back in a fraction of that time.

type snapshot struct {
	Format          int
	Version, Digest string
	Pages           []Page
	Entries         []snapshotEntry
	Events          []snapshotEvent
	Changelog       []ChangelogItem
	Problems        []Problem
	DescriptionKeys int
	UnresolvedKeys  []string
	ModuleAliases   map[string]string
}

type snapshotEntry struct {
	Entry
	PageIndex int // into snapshot.Pages, -1 for none
}

type snapshotEvent struct {
	Name, Description, Anchor string
	PageIndex                 int
}

// WriteSnapshot writes c in a form ReadSnapshot restores.
func WriteSnapshot(w io.Writer, c *Corpus) error {
	index := make(map[*Page]int, len(c.Pages))
	s := snapshot{
		Format: snapshotFormat, Version: c.Version, Digest: c.Digest,
		Pages:     make([]Page, len(c.Pages)),
		Changelog: c.Changelog, Problems: c.Problems,
		DescriptionKeys: c.DescriptionKeys, UnresolvedKeys: c.UnresolvedKeys, ModuleAliases: c.moduleAliases,
	}
	for i, p := range c.Pages {
		index[p] = i
		s.Pages[i] = *p
		s.Pages[i].Entries = nil // rebuilt from the entries' page indexes
	}
	pageIndex := func(p *Page) int {
		if i, ok := index[p]; ok {
			return i
		}
		return -1
	}
	s.Entries = make([]snapshotEntry, len(c.Entries))
	for i, e := range c.Entries {
		s.Entries[i] = snapshotEntry{Entry: *e, PageIndex: pageIndex(e.Page)}
		s.Entries[i].Page = nil
	}
	s.Events = make([]snapshotEvent, len(c.Events))
	for i, ev := range c.Events {
		s.Events[i] = snapshotEvent{Name: ev.Name, Description: ev.Description, Anchor: ev.Anchor, PageIndex: pageIndex(ev.Page)}
	}
	bw := bufio.NewWriter(w)
	if err := gob.NewEncoder(bw).Encode(&s); err != nil {
		return fmt.Errorf("write corpus snapshot: %w", err)
	}
	return bw.Flush()
}

// ReadSnapshot restores a corpus written by WriteSnapshot, symbol table included. A snapshot from
// another format is an error; callers then parse the docs again.
func ReadSnapshot(r io.Reader) (*Corpus, error) {
	var s snapshot
	if err := gob.NewDecoder(bufio.NewReader(r)).Decode(&s); err != nil {
		return nil, fmt.Errorf("read corpus snapshot: %w", err)
	}
	if s.Format != snapshotFormat {
		return nil, fmt.Errorf("read corpus snapshot: format %d, want %d", s.Format, snapshotFormat)
	}
	c := &Corpus{
		Version: s.Version, Digest: s.Digest,
		Changelog: s.Changelog, Problems: s.Problems,
		DescriptionKeys: s.DescriptionKeys, UnresolvedKeys: s.UnresolvedKeys,
		moduleAliases: s.ModuleAliases,
		pagesByPath:   make(map[string]*Page, len(s.Pages)),
		Pages:         make([]*Page, len(s.Pages)),
	}
	page := func(i int) (*Page, error) {
		if i == -1 {
			return nil, nil
		}
		if i < 0 || i >= len(c.Pages) {
			return nil, fmt.Errorf("read corpus snapshot: page index %d out of range", i)
		}
		return c.Pages[i], nil
	}
	for i := range s.Pages {
		c.Pages[i] = &s.Pages[i]
		c.pagesByPath[c.Pages[i].Path] = c.Pages[i]
	}
	c.Entries = make([]*Entry, len(s.Entries))
	for i := range s.Entries {
		e := &s.Entries[i].Entry
		p, err := page(s.Entries[i].PageIndex)
		if err != nil {
			return nil, err
		}
		e.Page = p
		if p != nil {
			p.Entries = append(p.Entries, e)
		}
		c.Entries[i] = e
	}
	c.Events = make([]*Event, len(s.Events))
	for i, ev := range s.Events {
		p, err := page(ev.PageIndex)
		if err != nil {
			return nil, err
		}
		if p == nil {
			return nil, fmt.Errorf("read corpus snapshot: event %s has no page", ev.Name)
		}
		c.Events[i] = &Event{Name: ev.Name, Description: ev.Description, Anchor: ev.Anchor, Page: p}
	}
	c.symbols = newSymbols(c)
	return c, nil
}
