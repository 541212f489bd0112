package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

type report struct {
	cfg      *config
	Started  time.Time
	Finished time.Time
	Machine  *machine
	Editor   *editorResult
	Warm     *startupResult
	Cold     *startupResult
	Search   *searchCompare
	Scale    []*scaleResult
	// Workspace is the project model's part (workspace.go).
	Workspace *workspaceResult
}

type target struct {
	Name   string
	Target string
	Figure string
	Pass   bool
	Known  bool // false when the part was not run
}

func (t target) mark() string {
	switch {
	case !t.Known:
		return "n/a"
	case t.Pass:
		return "pass"
	default:
		return "FAIL"
	}
}

func (t target) emoji() string {
	switch {
	case !t.Known:
		return "—"
	case t.Pass:
		return "✅ pass"
	default:
		return "❌ miss"
	}
}

// targetSize is the file size the editor targets are stated for (5,000 lines), or the nearest
// size that was measured.
func (r *report) targetSize() int {
	best := 0
	for _, c := range r.Editor.Cells {
		if best == 0 || abs(c.Size-5000) < abs(best-5000) {
			best = c.Size
		}
	}
	return best
}

// editorCells are the editor measurements of files of the given size.
func (r *report) editorCells(size int) []*editorCell {
	if r.Editor == nil {
		return nil
	}
	var out []*editorCell
	for _, c := range r.Editor.Cells {
		if c.Size == size {
			out = append(out, c)
		}
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// targets are the performance goals from the issues, each with this run's figure.
func (r *report) targets() []target {
	var out []target
	var real *scaleResult
	if len(r.Scale) > 0 {
		real = r.Scale[0]
	}
	add := func(name, goal string, known bool, value, limit float64, figure string) {
		out = append(out, target{Name: name, Target: goal, Figure: figure, Known: known, Pass: known && value <= limit})
	}
	if real != nil {
		add("Parse the full corpus", "≤ 500 ms", true, msf(real.Parse), 500, ms(real.Parse)+" ms")
		add("Build the search index (on disk, as the cache)", "≤ 3 s", true, msf(real.BuildDisk), 3000,
			fmt.Sprintf("%s ms (in memory %s ms)", ms(real.BuildDisk), ms(real.BuildMem)))
		add("Open the cached index", "≤ 100 ms", true, msf(real.Open), 100, ms(real.Open)+" ms")
		add("Search p99 (in-process, "+real.Label+")", "≤ 5 ms", true, msf(real.Search.P99), 5, ms(real.Search.P99)+" ms")
		add("Heap after load (snapshot + index, live)", "≤ 60 MB", true, real.HeapMB, 60, fmt.Sprintf("%.1f MB", real.HeapMB))
	} else {
		for _, t := range [][2]string{{"Parse the full corpus", "≤ 500 ms"}, {"Build the search index", "≤ 3 s"}, {"Open the cached index", "≤ 100 ms"},
			{"Search p99 (in-process)", "≤ 5 ms"}, {"Heap after load", "≤ 60 MB"}} {
			out = append(out, target{Name: t[0], Target: t[1]})
		}
	}
	// The 10× synthetic corpus (issue 12).
	if len(r.Scale) > 1 {
		big := r.Scale[1]
		add("Search p99, "+big.Label+" corpus", "≤ 8 ms", true, msf(big.Search.P99), 8, ms(big.Search.P99)+" ms")
		add("Build the search index, "+big.Label+" corpus (on disk)", "≤ 15 s", true, msf(big.BuildDisk), 15000, ms(big.BuildDisk)+" ms")
	}
	if m := r.Machine; m != nil && m.ReleaseMB > 0 {
		add("Release binary (CGO_ENABLED=0, -trimpath -ldflags \"-s -w\")", "≤ 20 MB", true, m.ReleaseMB, 20, fmt.Sprintf("%.1f MB", m.ReleaseMB))
	}
	ws := r.Workspace
	add("Workspace scan, 10,000 files + 50,000 in node_modules", "≤ 3 s", ws != nil, wsf(ws, func(w *workspaceResult) float64 { return msf(w.Scan) }), 3000,
		wsFigure(ws, func(w *workspaceResult) string { return ms(w.Scan) + " ms" }))
	add("Workspace: a saved client module re-resolved (1,000 importers)", "≤ 5 ms", ws != nil, wsf(ws, func(w *workspaceResult) float64 { return msf(w.SavedChange) }), 5,
		wsFigure(ws, func(w *workspaceResult) string { return fmt.Sprintf("%.2f ms", msf(w.SavedChange)) }))
	add("Workspace model memory (10,000 files)", "≤ 40 MB", ws != nil, wsf(ws, func(w *workspaceResult) float64 { return w.HeapMB }), 40,
		wsFigure(ws, func(w *workspaceResult) string { return fmt.Sprintf("%.1f MB", w.HeapMB) }))
	type edTarget struct {
		kind  string
		limit float64
	}
	for _, t := range []edTarget{{kindHover, 2}, {kindCompletion, 5}, {kindSignature, 2}, {kindSymbol, 5}} {
		name := fmt.Sprintf("%s p99", t.kind)
		goal := fmt.Sprintf("≤ %g ms", t.limit)
		if r.Editor == nil {
			out = append(out, target{Name: name, Target: goal})
			continue
		}
		size := r.targetSize()
		name = fmt.Sprintf("%s p99, %s-line files", t.kind, thousands(size))
		worst := time.Duration(0)
		var parts []string
		for _, c := range r.Editor.Cells {
			if c.Size != size {
				continue
			}
			l := c.Steady[t.kind]
			worst = max(worst, l.P99)
			parts = append(parts, fmt.Sprintf("%s %s", c.Lang, ms(l.P99)))
		}
		add(name, goal, true, msf(worst), t.limit, strings.Join(parts, " · ")+" ms")
	}
	// Keystroke → completion (issue 12), worst of the languages at each size it is stated for.
	for _, t := range []struct {
		lines int
		limit float64
	}{{5000, 1}, {20000, 2}} {
		name, goal := fmt.Sprintf("Keystroke → completion p99, %s-line files", thousands(t.lines)), fmt.Sprintf("≤ %g ms", t.limit)
		worst, parts := time.Duration(0), []string(nil)
		for _, c := range r.editorCells(t.lines) {
			l := c.After[kindEditCompletion]
			worst = max(worst, l.P99)
			parts = append(parts, fmt.Sprintf("%s %s", c.Lang, ms(l.P99)))
		}
		figure := ""
		if len(parts) > 0 {
			figure = strings.Join(parts, " · ") + " ms"
		}
		add(name, goal, len(parts) > 0, msf(worst), t.limit, figure)
	}
	if r.Warm != nil {
		add("Cached (warm) start → first hover", "≤ 150 ms", true, msf(r.Warm.FirstHover), 150, ms(r.Warm.FirstHover)+" ms")
		add("Peak RSS after start + first hover", "≤ 80 MB", true, float64(r.Warm.HWMKB)/1024, 80, fmt.Sprintf("%.1f MB", float64(r.Warm.HWMKB)/1024))
	}
	if r.Cold != nil {
		add("Cold start (docs on disk, nothing parsed or indexed) → first hover", "≤ 400 ms", true, msf(r.Cold.FirstHover), 400, ms(r.Cold.FirstHover)+" ms")
		peak := max(r.Cold.HWMKB, r.Cold.IndexedHWMKB)
		add("Peak RSS of a cold start, search index built", "≤ 100 MB", true, float64(peak)/1024, 100, fmt.Sprintf("%.1f MB", float64(peak)/1024))
	}
	if r.Warm == nil {
		out = append(out, target{Name: "Cached start → first hover", Target: "≤ 150 ms"}, target{Name: "Peak RSS", Target: "≤ 80 MB"})
	}
	if r.Editor != nil && r.Editor.PeakRSSKB > 0 {
		add(fmt.Sprintf("Peak RSS over the editor session (files up to %s lines)", thousands(slices.Max(r.cfg.sizes))), "≤ 60 MB", true,
			float64(r.Editor.PeakRSSKB)/1024, 60, fmt.Sprintf("%.1f MB", float64(r.Editor.PeakRSSKB)/1024))
	}
	return out
}

func (r *report) markdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	cfg := r.cfg
	w("# Benchmarks\n\n")
	w("Measured by `cd bench && go run .` (see [bench/README.md](../bench/README.md)); this file and [benchmarks.png](benchmarks.png) are generated, do not edit them by hand.")
	if cfg.quick {
		w(" **This is a `-quick` smoke run: few samples, small files only; its figures are not the reference.**")
	}
	w("\n\n![Benchmark plots](benchmarks.png)\n\n")

	m := r.Machine
	w("## Machine and versions\n\n| | |\n|---|---|\n")
	w("| CPU | %d cores, %s (%s) |\n", m.Cores, m.CPU, m.OS)
	w("| Go | %s |\n", m.GoVersion)
	w("| workos-lsp | %s (commit %s) |\n", m.Server, orDash(m.Commit))
	if m.ReleaseMB > 0 {
		w("| Release binary (linux build as shipped) | %.1f MB |\n", m.ReleaseMB)
	}
	w("| Docs (editor, start-up, scale) | %s |\n", m.Docs)
	if r.Search != nil {
		if r.Search.Theirs != nil {
			w("| Docs (search comparison) | %s, served by both servers |\n", r.Search.Version)
		} else {
			w("| Docs (search comparison) | %s (the original server was not run) |\n", r.Search.Version)
		}
	}
	w("| Node (original server) | %s |\n", orDash(m.Node))
	w("| Load average (1/5/15 min) | %s at the start, %s at the end |\n", m.LoadBefore, m.LoadAfter)
	w("| Run | %s, %s |\n\n", r.Started.UTC().Format("2006-01-02 15:04 MST"), r.Finished.Sub(r.Started).Round(time.Second))
	w("Other work on the machine (a load average near or above the number of cores) inflates the tails (p99, max) most; compare runs taken at a similar load.\n\n")

	w("## Targets\n\n| Goal | Target | This run | |\n|---|---|---|---|\n")
	for _, t := range r.targets() {
		w("| %s | %s | %s | %s |\n", t.Name, t.Target, orDash(t.Figure), t.emoji())
	}
	w("\nEditor targets are the worst of the three languages.\n\n")

	if e := r.Editor; e != nil {
		w("## Editor latency over stdio\n\n")
		if e.InProcess {
			w("**Profiling run: the server ran inside the bench process (over pipes), sharing its cores; these latencies are not the reference.**\n\n")
		}
		w("One `workos-lsp serve` process, driven over its stdin/stdout by a JSON-RPC client written for the bench. ")
		w("Generated request handlers in TypeScript, Go and Python call the SDK densely, as the docs write it (`workos.userManagement.createUser({ email, firstName })`, ")
		w("`usermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{Email: email})`, `workos_client.user_management.create_user(email=email)`, ")
		w("plus listUsers, getProfileAndToken, createOrganization, directory sync listUsers, audit log createEvent and authenticateWithCode), with ordinary code around the calls; ")
		w("%s SDK call sites per file. Requests go to call sites spread over the whole file: hover on the method name, completion just after the receiver's dot ", sitesRange(e))
		w("(`workos.userManagement.|`), signature help just inside the parentheses, workspace/symbol with %d realistic queries. ", len(symbolQueries))
		w("Round trip = request written → answer read. Each figure is the median over %d rounds of that round's percentile over %d requests (one file version per round). ", e.Rounds, e.Samples)
		w("\"After edits\" is the same after a burst of %d incremental `didChange` edits (typing, one character each, in the middle of the file).\n\n", burstEdits)
		for _, kind := range editorKinds {
			w("### %s\n\n| Language | Lines | p50 | p90 | p99 | max | after edits p50 | after edits p99 | empty answers |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n", kind)
			for _, c := range e.Cells {
				s, a := c.Steady[kind], c.After[kind]
				w("| %s | %s | %s | %s | %s | %s | %s | %s | %d/%d |\n", c.Lang, thousands(c.Lines), ms(s.P50), ms(s.P90), ms(s.P99), ms(s.Max), ms(a.P50), ms(a.P99), s.Empty+a.Empty, s.N+a.N)
			}
			w("\n")
		}
		w("### Opening and typing\n\n| Language | Lines | didOpen → first hover | %d edits → next hover | didChange + hover p50 | p99 | max | didChange + completion p50 | p99 | max |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n", burstEdits)
		for _, c := range e.Cells {
			t, k := c.After[kindEditHover], c.After[kindEditCompletion]
			w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", c.Lang, thousands(c.Lines), ms(c.Open), ms(c.Burst), ms(t.P50), ms(t.P99), ms(t.Max),
				ms(k.P50), ms(k.P99), ms(k.Max))
		}
		w("\nAll times in milliseconds.")
		var dropped []string
		for _, c := range e.Cells {
			if len(c.Dropped) > 0 {
				dropped = append(dropped, fmt.Sprintf("%s: %s", c.Lang, strings.Join(dedupe(c.Dropped), ", ")))
			}
		}
		if len(dropped) > 0 {
			w(" Call sites the loaded docs do not document were left out: %s.", strings.Join(dedupe(dropped), "; "))
		}
		w("\n\n")
	}

	if r.Warm != nil || r.Cold != nil {
		w("## Start-up and memory\n\n")
		w("Spawn → `initialize` answered, and spawn → first non-empty hover answered (the client sends `initialized`, opens a small TypeScript file and asks again whenever the server ends its loading progress, or every 5 ms). ")
		w("Warm: the parsed snapshot and the search index are cached. Cold: the downloaded docs are cached but `<cache>/snapshots/` and `<cache>/index/` are removed before each start, so the server parses the pages and builds the index. ")
		w("Server CPU is the server's user + system time at the first hover (`/proc/<pid>/stat`, 10 ms ticks), which other processes on the machine sway less than the wall time. Peak RSS is `VmHWM` from `/proc/<pid>/status` right after the first hover. A server that builds the search index after it serves hovers is also timed until it ends its indexing progress (search ready), with the peak RSS then. Medians of %d starts each.\n\n", cfg.startRepeats)
		w("| Cache | initialize | first hover | first hover min–max | server CPU | peak RSS | search ready | peak RSS, indexed |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, s := range []*startupResult{r.Warm, r.Cold} {
			if s == nil {
				continue
			}
			lo, hi := time.Duration(0), time.Duration(0)
			for i, run := range s.Runs {
				if i == 0 || run.FirstHover < lo {
					lo = run.FirstHover
				}
				hi = max(hi, run.FirstHover)
			}
			ready, indexed := "—", "—"
			if s.SearchReady > 0 {
				ready, indexed = ms(s.SearchReady)+" ms", fmt.Sprintf("%.1f MB", float64(s.IndexedHWMKB)/1024)
			}
			w("| %s | %s ms | %s ms | %s–%s ms | %s ms | %.1f MB | %s | %s |\n", s.Mode, ms(s.Init), ms(s.FirstHover), ms(lo), ms(hi), ms(s.CPU), float64(s.HWMKB)/1024, ready, indexed)
		}
		if r.Editor != nil && r.Editor.PeakRSSKB > 0 {
			w("\nPeak RSS of the editor-latency server after all its files (up to %s lines, opened and closed one after the other): %.1f MB.\n", thousands(slices.Max(cfg.sizes)), float64(r.Editor.PeakRSSKB)/1024)
		}
		w("\n")
	}

	if s := r.Search; s != nil {
		w("## Search: workos-lsp against the original server\n\n")
		w("Both servers run as MCP servers over stdio and are driven by the official Go SDK client (`mcp.CommandTransport`) with the same `tools/call workos_search {query, maxResults: 10}` calls, alternating which goes first. ")
		w("The original is `@workos/mcp-docs-server@%s` from the npm registry run with `node`; ours is `workos-lsp mcp --corpus-version %s` (the same docs). ", s.Version, s.Version)
		w("Each answer is parsed into its list of pages (ours: the `` `path` `` line under each numbered result; the original: its `## 📄 path` headings), pages deduplicated at their best rank. ")
		w("Relevance is judged on the %d queries of [bench/queries.tsv](../bench/queries.tsv) (method names in several SDK spellings, HTTP endpoints, error codes, concepts, event names), each with the pages that answer it, decided by reading the %s pages. ", len(s.Queries), s.Version)
		w("Top-1/top-3: share of queries with a relevant page first / in the first three; nDCG@10 with binary gains. Latency: median over %d rounds of each round's percentile over %d calls (%d passes over the %d queries).\n\n", s.Rounds, s.Passes*len(s.Queries), s.Passes, len(s.Queries))
		w("| Server | p50 | p99 | max | top-1 | top-3 | nDCG@10 | no result |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, side := range []*searchSide{s.Ours, s.Theirs} {
			if side == nil {
				continue
			}
			if side.relevanceValid {
				w("| %s | %s ms | %s ms | %s ms | %.0f%% | %.0f%% | %.3f | %d/%d |\n", side.Name, ms(side.Latency.P50), ms(side.Latency.P99), ms(side.Latency.Max), 100*side.Top1, 100*side.Top3, side.NDCG, side.NoResult, len(s.Queries))
			} else {
				w("| %s | %s ms | %s ms | %s ms | — | — | — | %d/%d |\n", side.Name, ms(side.Latency.P50), ms(side.Latency.P99), ms(side.Latency.Max), side.NoResult, len(s.Queries))
			}
		}
		if s.Theirs != nil {
			w("\nRatios in this run: our p50 / their p50 = **%s**, our p99 / their p99 = **%s**; top-1 %.0f%% vs %.0f%%, top-3 %.0f%% vs %.0f%%, nDCG@10 %.3f vs %.3f.\n",
				ratio(s.Ours.Latency.P50, s.Theirs.Latency.P50), ratio(s.Ours.Latency.P99, s.Theirs.Latency.P99),
				100*s.Ours.Top1, 100*s.Theirs.Top1, 100*s.Ours.Top3, 100*s.Theirs.Top3, s.Ours.NDCG, s.Theirs.NDCG)
			w("\n<details><summary>Per query: rank of the first relevant page (— = none in the top 10)</summary>\n\n| Query | Relevant pages | workos-lsp | original |\n|---|---|---:|---:|\n")
			for i, q := range s.Queries {
				w("| `%s` | %s | %s | %s |\n", strings.ReplaceAll(q.Query, "|", "\\|"), strings.Join(q.Relevant, " "), rankText(s.Ours.Scores[i].Rank), rankText(s.Theirs.Scores[i].Rank))
			}
			w("\n</details>\n")
		} else {
			w("\nThe original server was not run (`-original=false`).\n")
		}
		w("\n")
	}

	if len(r.Scale) > 0 {
		w("## Index and search at scale\n\n")
		w("In-process, with the packages the binary uses: `corpus.Parse` over the pages, `corpus.ReadSnapshot` (what a warm start does instead of parsing), `search.Build` (in memory) and `search.Open` on an empty folder (build + write + open, what a cold start does), `search.Open` of the cached index, and `Index.Search` for the judged and symbol queries (%d rounds × 5 passes). ", cfg.searchRounds)
		if len(r.Scale) > 1 {
			w("The synthetic corpus is the real pages copied under %d prefixes (`p0/…`–`p%d/…`) and read as a local docs folder. ", cfg.synthetic, cfg.synthetic-1)
		}
		w("Heap after load: live heap (after GC) held by the snapshot read back from its file and the cached index opened (bleve maps the index files; they are not heap). ")
		for i, s := range r.Scale {
			if i > 0 {
				w("; ")
			}
			w("%s: medians of %d runs, builds of %d", s.Label, s.Repeats, s.BuildRepeats)
		}
		w(".\n\n")
		w("| Corpus | Pages | Entries | Index docs | Parse | Snapshot read | Build (memory) | Build (disk) | Open cached | Index size | Search p50 | Search p99 | Heap after load |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, s := range r.Scale {
			heap := "—"
			if s.HeapMB != 0 {
				heap = fmt.Sprintf("%.1f MB", s.HeapMB)
			}
			w("| %s | %s | %s | %s | %s ms | %s ms | %s ms | %s ms | %s ms | %.1f MB | %s ms | %s ms | %s |\n", s.Label, thousands(s.Pages), thousands(s.Entries), thousands(int(s.IndexDocs)),
				ms(s.Parse), ms(s.ReadSnapshot), ms(s.BuildMem), ms(s.BuildDisk), ms(s.Open), s.IndexMB, ms(s.Search.P50), ms(s.Search.P99), heap)
		}
		w("\n")
	}
	w("## Reproduce\n\n```sh\ncd bench && go run .                    # full run (about %s here)\ncd bench && go run . -quick -out /tmp/b  # smoke run\n```\n", r.Finished.Sub(r.Started).Round(time.Minute))
	if ws := r.Workspace; ws != nil {
		w("## Workspace model\n\n")
		w("`go test ./workspace -bench 'Scan/sdkcall|ModelMemory|SavedChange' -benchtime 3x` on the monorepo the workspace package generates: a Next.js app whose `src/lib/workos.ts` half of its 2,000 files import through tsconfig paths, 40 packages of 200 files importing each other, and a 50,000-file `node_modules` the scan must never read. ")
		w("Scan: the folder walked (`.gitignore`, skipped folders) and its %d source files read and summarised with the server's summarizer (sdkcall outlines) on every core. ", ws.Files)
		w("Saved change: `lib/workos.ts` rewritten on disk and refreshed, as on didSave without a file watcher, its %d importers found. ", ws.Dependants)
		w("Memory: the heap the model holds after the scan.\n\n")
		w("| Scan | Saved change | Model heap |\n|---:|---:|---:|\n| %s ms | %.2f ms | %.1f MB |\n\n", ms(ws.Scan), msf(ws.SavedChange), ws.HeapMB)
	}
	return b.String()
}

// sitesRange says how many call sites the files had, from the smallest file to the largest.
func sitesRange(e *editorResult) string {
	lo, hi := 0, 0
	for i, c := range e.Cells {
		if i == 0 || c.Sites < lo {
			lo = c.Sites
		}
		hi = max(hi, c.Sites)
	}
	if lo == hi {
		return thousands(lo)
	}
	return fmt.Sprintf("%s to %s", thousands(lo), thousands(hi))
}

func ratio(a, b time.Duration) string {
	if b == 0 {
		return "—"
	}
	r := float64(a) / float64(b)
	if r < 0.1 {
		return fmt.Sprintf("%.3f (%.0f× faster)", r, 1/r)
	}
	return fmt.Sprintf("%.2f", r)
}

func rankText(r int) string {
	if r == 0 {
		return "—"
	}
	return strconv.Itoa(r)
}

func dedupe(s []string) []string {
	var out []string
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 10000 && n > -10000 {
		if n >= 1000 {
			return s[:len(s)-3] + "," + s[len(s)-3:]
		}
		return s
	}
	var parts []string
	for len(s) > 3 {
		parts = append([]string{s[len(s)-3:]}, parts...)
		s = s[:len(s)-3]
	}
	return strings.Join(append([]string{s}, parts...), ",")
}

func trimFloat(v float64, prec int) string {
	return strconv.FormatFloat(v, 'f', prec, 64)
}

func wsf(w *workspaceResult, f func(*workspaceResult) float64) float64 {
	if w == nil {
		return 0
	}
	return f(w)
}

func wsFigure(w *workspaceResult, f func(*workspaceResult) string) string {
	if w == nil {
		return ""
	}
	return f(w)
}
