package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"
)

// Request kinds of the editor measurements, in report order.
const (
	kindHover      = "hover"
	kindCompletion = "completion"
	kindSignature  = "signature help"
	kindSymbol     = "workspace/symbol"
	kindEditHover  = "didChange + hover"
	// kindEditCompletion is keystroke → completion (issue 12): a character typed, then completion
	// at the cursor after it, as an editor asks while one types a word.
	kindEditCompletion = "didChange + completion"
)

var editorKinds = []string{kindHover, kindCompletion, kindSignature, kindSymbol}

const burstEdits = 200

type editorCell struct {
	Lang      string
	Size      int                // the requested size (500, 5000, 20000)
	Lines     int                // the generated file's actual line count
	Sites     int                // SDK call sites in the file that the bench asks about
	Dropped   []string           // call templates the loaded docs do not answer (skipped)
	Open      time.Duration      // didOpen → first hover answered (median over rounds)
	Steady    map[string]latency // before any edit
	After     map[string]latency // after the burst of edits (plus edit+hover typing)
	Burst     time.Duration      // 200 incremental didChange + the next hover answered (median over rounds)
	openTimes []time.Duration
	bursts    []time.Duration
}

type editorResult struct {
	Cells     []*editorCell
	Rounds    int
	Samples   int // per kind, cell and round
	PeakRSSKB int64
	InProcess bool // a profiling run: the server ran inside the bench process
}

func (r *editorResult) cell(lang string, lines int) *editorCell {
	for _, c := range r.Cells {
		if c.Lang == lang && c.Lines == lines {
			return c
		}
	}
	return nil
}

// runEditor opens generated files in one server and measures request latency over stdio.
func runEditor(cfg *config, env []string, log io.Writer) (*editorResult, error) {
	var c *lspClient
	if cfg.profiling() {
		c = inProcessServer(cfg)
	} else {
		var err error
		if c, err = startLSP(cfg.bin, cfg.serveArgs(), env); err != nil {
			return nil, err
		}
	}
	defer c.kill()
	if _, err := c.initialize(cfg.rootURI()); err != nil {
		return nil, err
	}
	if err := waitDocsLoaded(c, cfg.rootURI(), 2*time.Minute); err != nil {
		return nil, err
	}
	res := &editorResult{Rounds: cfg.editorRounds, Samples: cfg.samples, InProcess: cfg.profiling()}
	if cfg.profiling() {
		stop, err := startProfile(cfg, log)
		if err != nil {
			return nil, err
		}
		defer func() {
			if err := stop(); err != nil {
				fmt.Fprintln(log, "  profile:", err)
			}
		}()
	}
	for _, lang := range languages {
		for _, lines := range cfg.sizes {
			f := generate(lang, lines)
			cell := &editorCell{Lang: lang.name, Size: lines, Lines: f.lines, Steady: map[string]latency{}, After: map[string]latency{}}
			steady := map[string][]latency{}
			after := map[string][]latency{}
			for round := 0; round < cfg.editorRounds; round++ {
				uri := fmt.Sprintf("%s/round%d/handlers_%d%s", cfg.rootURI(), round, lines, lang.ext)
				if err := runEditorRound(c, cfg, f, uri, round, cell, steady, after); err != nil {
					return nil, fmt.Errorf("%s %d lines: %w", lang.name, lines, err)
				}
			}
			for k, v := range steady {
				cell.Steady[k] = medianLatency(v)
			}
			for k, v := range after {
				cell.After[k] = medianLatency(v)
			}
			cell.Open, cell.Burst = median(cell.openTimes), median(cell.bursts)
			res.Cells = append(res.Cells, cell)
			fmt.Fprintf(log, "  %-6s %6d lines: hover p50 %s p99 %s · completion p99 %s · signature p99 %s · symbol p99 %s · burst %s ms\n",
				lang.name, f.lines, ms(cell.Steady[kindHover].P50), ms(cell.Steady[kindHover].P99), ms(cell.Steady[kindCompletion].P99),
				ms(cell.Steady[kindSignature].P99), ms(cell.Steady[kindSymbol].P99), ms(cell.Burst))
		}
	}
	if c.pid != 0 {
		if kb, err := procStatusKB(c.pid, "VmHWM"); err == nil {
			res.PeakRSSKB = kb
		}
	}
	return res, c.shutdown()
}

func runEditorRound(c *lspClient, cfg *config, f *genFile, uri string, round int, cell *editorCell, steady, after map[string][]latency) error {
	t0 := time.Now()
	if err := c.open(uri, f.lang.languageID, f.text); err != nil {
		return err
	}
	// The first answer after didOpen pays for analysing the new document.
	if _, _, err := c.call("textDocument/hover", positionParams{textDocumentID{uri}, f.sites[0].hover}, time.Minute); err != nil {
		return err
	}
	cell.openTimes = append(cell.openTimes, time.Since(t0))

	sites, dropped, err := calibrate(c, uri, f.sites)
	if err != nil {
		return err
	}
	if round == 0 {
		cell.Sites, cell.Dropped = len(sites), dropped
	}
	if len(sites) == 0 {
		return fmt.Errorf("no SDK call in the generated file gets a hover from the loaded docs")
	}
	measure := func(into map[string][]latency, kinds []string, version *int) error {
		samples := map[string][]time.Duration{}
		empty := map[string]int{}
		stride := max(1, len(sites)/cfg.samples)
		for i := 0; i < cfg.samples; i++ {
			s := sites[(i*stride+round*7)%len(sites)]
			for _, kind := range kinds {
				d, isEmpty, err := request(c, uri, kind, s, i, f, version)
				if err != nil {
					return err
				}
				samples[kind] = append(samples[kind], d)
				if isEmpty {
					empty[kind]++
				}
			}
		}
		for _, kind := range kinds {
			l := summarize(samples[kind])
			l.Empty = empty[kind]
			into[kind] = append(into[kind], l)
		}
		return nil
	}
	version := 1
	if err := measure(steady, editorKinds, &version); err != nil {
		return err
	}

	// A burst of typing: one character per didChange, then the next request.
	t0 = time.Now()
	for i := 0; i < burstEdits; i++ {
		if err := typeChar(c, uri, f, &version); err != nil {
			return err
		}
	}
	if _, _, err := c.call("textDocument/hover", positionParams{textDocumentID{uri}, sites[0].hover}, time.Minute); err != nil {
		return err
	}
	cell.bursts = append(cell.bursts, time.Since(t0))

	if err := measure(after, append(slices.Clone(editorKinds), kindEditHover, kindEditCompletion), &version); err != nil {
		return err
	}
	return c.close(uri)
}

// typeChar inserts the next character of the language's typing text at the end of the typing line.
func typeChar(c *lspClient, uri string, f *genFile, version *int) error {
	typed := *version - 1
	ch := f.lang.typing[typed%len(f.lang.typing)]
	*version++
	at := position{Line: f.typingLine, Character: f.typingCol + typed}
	var p didChangeParams
	p.TextDocument.URI, p.TextDocument.Version = uri, *version
	p.ContentChanges = []contentChange{{Range: &lspRange{Start: at, End: at}, Text: string(ch)}}
	return c.notify("textDocument/didChange", p)
}

// request sends one request of kind at site s and returns its round trip.
func request(c *lspClient, uri, kind string, s callSite, i int, f *genFile, version *int) (time.Duration, bool, error) {
	var method string
	var params any
	switch kind {
	case kindHover:
		method, params = "textDocument/hover", positionParams{textDocumentID{uri}, s.hover}
	case kindCompletion:
		method, params = "textDocument/completion", map[string]any{
			"textDocument": textDocumentID{uri}, "position": s.completion,
			"context": map[string]any{"triggerKind": 2, "triggerCharacter": "."},
		}
	case kindSignature:
		method, params = "textDocument/signatureHelp", map[string]any{
			"textDocument": textDocumentID{uri}, "position": s.signature,
			"context": map[string]any{"triggerKind": 2, "triggerCharacter": "(", "isRetrigger": false},
		}
	case kindSymbol:
		method, params = "workspace/symbol", map[string]any{"query": symbolQueries[i%len(symbolQueries)]}
	case kindEditHover:
		t0 := time.Now()
		if err := typeChar(c, uri, f, version); err != nil {
			return 0, false, err
		}
		raw, _, err := c.call("textDocument/hover", positionParams{textDocumentID{uri}, s.hover}, time.Minute)
		return time.Since(t0), isEmptyAnswer("textDocument/hover", raw), err
	case kindEditCompletion:
		t0 := time.Now()
		cursor := position{Line: f.typingLine, Character: f.typingCol + *version} // after the character typed
		if err := typeChar(c, uri, f, version); err != nil {
			return 0, false, err
		}
		_, _, err := c.call("textDocument/completion", map[string]any{
			"textDocument": textDocumentID{uri}, "position": cursor, "context": map[string]any{"triggerKind": 1},
		}, time.Minute)
		return time.Since(t0), false, err // empty where the word typed so far completes to nothing
	}
	raw, d, err := c.call(method, params, time.Minute)
	if err != nil {
		return 0, false, err
	}
	return d, isEmptyAnswer(method, raw), nil
}

// calibrate keeps the call sites whose method the loaded docs answer (all of them on the real
// docs; the fixture corpus only has a few methods), so that the figures are about real answers.
func calibrate(c *lspClient, uri string, sites []callSite) (kept []callSite, dropped []string, err error) {
	answered := map[string]bool{}
	seen := map[string]bool{}
	key := func(s callSite) string { return fmt.Sprintf("%s@%d", s.method, s.hover.Character) }
	for _, s := range sites {
		k := key(s)
		if seen[k] {
			continue
		}
		seen[k] = true
		raw, _, err := c.call("textDocument/hover", positionParams{textDocumentID{uri}, s.hover}, time.Minute)
		if err != nil {
			return nil, nil, err
		}
		answered[k] = !isEmptyAnswer("textDocument/hover", raw)
		if !answered[k] {
			dropped = append(dropped, s.method)
		}
	}
	for _, s := range sites {
		if answered[key(s)] {
			kept = append(kept, s)
		}
	}
	return kept, dropped, nil
}

// waitDocsLoaded opens a small file and asks for a hover until one has content: the docs load in
// the background after initialized. The server's end of work-done progress is the signal to ask
// again; a 5 ms tick covers clients that get no progress.
func waitDocsLoaded(c *lspClient, root string, timeout time.Duration) error {
	text, pos := smallFile()
	uri := root + "/startup.ts"
	if err := c.open(uri, "typescript", text); err != nil {
		return err
	}
	_, err := firstHover(c, uri, pos, timeout)
	return err
}

// firstHover asks for a hover at pos until it is a docs answer and returns the time since the process
// started. A server that says in the hover that its docs are still loading answers before it can
// answer from them, so only a hover with the call's signature (a code block) counts.
func firstHover(c *lspClient, uri string, pos position, timeout time.Duration) (time.Duration, error) {
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		raw, _, err := c.call("textDocument/hover", positionParams{textDocumentID{uri}, pos}, timeout)
		if err != nil {
			return 0, err
		}
		if !isEmptyAnswer("textDocument/hover", raw) && bytes.Contains(raw, []byte("```")) {
			return time.Since(c.started), nil
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("no hover within %s; server stderr: %s", timeout, tail(c.stderr.String(), 800))
		}
		select {
		case <-c.progressEnd:
		case <-tick.C:
		case <-c.done:
			return 0, fmt.Errorf("server exited; stderr: %s", tail(c.stderr.String(), 800))
		}
	}
}

func fileURI(path string) string {
	abs, _ := filepath.Abs(path)
	return "file://" + filepath.ToSlash(abs)
}
