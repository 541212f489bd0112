package sdkcall

// Marker tests, in the manner of gopls: testdata/*.txtar archives hold application source files
// written the way users of an SDK write them (a Next.js route, a Flask view, a Rails controller…),
// with questions asked in comments of the file's language:
//
//	// @hover(getAuthoriza‸tionUrl, call:get_authorization_url)
//	# @complete(‸limit, [limit], after, before, +email, !organization_id)
//
// A marker's first argument locates the cursor: a text that occurs once on the marker's own line
// (before the comment) or on the nearest line above that holds it, with ‸ at the cursor (no ‸: its
// middle). The other arguments are the answer it must get, with the real docs (WORKOS_DOCS_DIR);
// a last argument fx says the fixture corpus gives that answer too. Arguments are bare words or Go
// strings ("a, b").
//
//	@hover(loc, none | call:ID | option:ID:path.key | module:M | type:ID | event:NAME | ambiguous:N |
//	       endpoint:ID | endpoint:ID+N)
//	@complete(loc, none | [replaced text], labels…)   first labels in order; +l offered, !l not
//	@sig(loc, none | ID, active parameter key[, active option])
//	@diag(loc, code)   every diagnostic of the file (real docs) has one, and each names one
//	@silent            the file uses no WorkOS SDK: nothing in it may answer
//
// The full answers at every marker, and every diagnostic, are also kept as golden output in the
// archive (golden/fixture, and golden/real when WORKOS_DOCS_DIR is set): `go test ./sdkcall -update`
// rewrites them.

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/workos-lsp/workos-lsp/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden output of the marker tests")

// marker is one question in a source file.
type marker struct {
	name string   // hover, complete, sig, diag, silent
	args []string // after the location
	loc  string
	fx   bool
	line int // 1-based line of the marker
	off  int // the cursor's byte offset
}

func (m *marker) String() string {
	return fmt.Sprintf("%d: @%s(%s)", m.line, m.name, strings.Join(append([]string{m.loc}, m.args...), ", "))
}

// srcFile is one source file of an archive with its markers.
type srcFile struct {
	name    string
	lang    corpus.Language
	text    string
	markers []*marker
	silent  bool
}

type archive struct {
	path  string
	ar    *txtar.Archive
	files []*srcFile
}

func loadArchives(t *testing.T) []*archive {
	t.Helper()
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no marker archives: %v", err)
	}
	var out []*archive
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a := &archive{path: p, ar: ar}
		for _, f := range ar.Files {
			if strings.HasPrefix(f.Name, "golden/") {
				continue
			}
			lang, ok := corpus.LanguageOfPath(f.Name)
			if !ok {
				t.Fatalf("%s: %s: no language for this file name", p, f.Name)
			}
			sf := &srcFile{name: f.Name, lang: lang, text: string(f.Data)}
			if err := sf.parseMarkers(); err != nil {
				t.Fatalf("%s: %s: %v", p, f.Name, err)
			}
			a.files = append(a.files, sf)
		}
		out = append(out, a)
	}
	return out
}

// commentStart is where a line's comment starts, or -1. Markers are only read there.
func commentStart(lang corpus.Language, line string) int {
	var leaders []string
	d := dialectOf(lang)
	if d.lex.slashComments {
		leaders = append(leaders, "//")
	}
	if d.lex.hashComments || d.shell {
		leaders = append(leaders, "#")
	}
	best := -1
	for _, l := range leaders {
		// A marker comment: the leader followed by " @" or "@".
		for from := 0; ; {
			i := strings.Index(line[from:], l)
			if i < 0 {
				break
			}
			i += from
			rest := strings.TrimLeft(line[i+len(l):], " ")
			if strings.HasPrefix(rest, "@") && (best < 0 || i < best) {
				best = i
				break
			}
			from = i + len(l)
		}
	}
	return best
}

var markerNames = []string{"hover", "complete", "sig", "diag", "silent"}

func (sf *srcFile) parseMarkers() error {
	lines := strings.SplitAfter(sf.text, "\n")
	starts := make([]int, len(lines)+1)
	for i, l := range lines {
		starts[i+1] = starts[i] + len(l)
	}
	// code is a line without its marker comment.
	code := func(i int) string {
		l := strings.TrimRight(lines[i], "\n")
		if c := commentStart(sf.lang, l); c >= 0 {
			return l[:c]
		}
		return l
	}
	for i, raw := range lines {
		l := strings.TrimRight(raw, "\n")
		c := commentStart(sf.lang, l)
		if c < 0 {
			continue
		}
		rest := l[c:]
		for {
			at := strings.Index(rest, "@")
			if at < 0 {
				break
			}
			rest = rest[at+1:]
			name := rest
			if j := strings.IndexAny(rest, "( \t:"); j >= 0 {
				name = rest[:j]
			}
			if !slices.Contains(markerNames, name) {
				return fmt.Errorf("line %d: unknown marker @%s", i+1, name)
			}
			m := &marker{name: name, line: i + 1}
			rest = rest[len(name):]
			if name == "silent" {
				sf.silent = true
				continue
			}
			args, after, err := parseArgs(rest)
			if err != nil {
				return fmt.Errorf("line %d: @%s: %v", i+1, name, err)
			}
			rest = after
			if len(args) < 2 {
				return fmt.Errorf("line %d: @%s needs a location and an answer", i+1, name)
			}
			m.loc, m.args = args[0], args[1:]
			if last := m.args[len(m.args)-1]; last == "fx" {
				m.fx, m.args = true, m.args[:len(m.args)-1]
			}
			// The location: on this line's code, or the nearest line above that holds it.
			pat, cur := m.loc, -1
			if k := strings.Index(pat, cursor); k >= 0 {
				pat, cur = pat[:k]+pat[k+len(cursor):], k
			}
			if cur < 0 {
				cur = len(pat) / 2
			}
			found := false
			for j := i; j >= 0 && !found; j-- {
				line := code(j)
				switch n := occurrences(line, pat); {
				case n == 1:
					m.off = starts[j] + strings.Index(line, pat) + cur
					found = true
				case n > 1:
					return fmt.Errorf("line %d: %q occurs %d times on line %d", i+1, m.loc, n, j+1)
				}
			}
			if !found {
				return fmt.Errorf("line %d: %q is not on this line or above", i+1, m.loc)
			}
			sf.markers = append(sf.markers, m)
		}
	}
	return nil
}

// occurrences counts where pat occurs in s, overlapping ones too ("1.1.1.1" holds ".1." twice).
func occurrences(s, pat string) int {
	n := 0
	for i := 0; i+len(pat) <= len(s); i++ {
		if s[i:i+len(pat)] == pat {
			n++
		}
	}
	return n
}

// parseArgs reads `(a, "b, c", d)` at the start of s and returns the arguments and what follows.
func parseArgs(s string) ([]string, string, error) {
	if !strings.HasPrefix(s, "(") {
		return nil, s, fmt.Errorf("no arguments")
	}
	var args []string
	i := 1
	for {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) {
			return nil, "", fmt.Errorf("unclosed arguments")
		}
		if s[i] == '"' {
			q, err := strconv.QuotedPrefix(s[i:])
			if err != nil {
				return nil, "", err
			}
			v, _ := strconv.Unquote(q)
			args = append(args, v)
			i += len(q)
		} else {
			j := strings.IndexAny(s[i:], ",)")
			if j < 0 {
				return nil, "", fmt.Errorf("unclosed arguments")
			}
			args = append(args, strings.TrimSpace(s[i:i+j]))
			i += j
		}
		for i < len(s) && s[i] == ' ' {
			i++
		}
		switch {
		case i < len(s) && s[i] == ',':
			i++
		case i < len(s) && s[i] == ')':
			return args, s[i+1:], nil
		default:
			return nil, "", fmt.Errorf("expected , or )")
		}
	}
}

// TestMarkers asks every marker's question against the fixture corpus (fx markers) and, with
// WORKOS_DOCS_DIR, against the real docs (all markers), and compares the full answers with the
// golden output.
func TestMarkers(t *testing.T) {
	archives := loadArchives(t)
	corpora := []struct {
		name string
		ix   func(t *testing.T) *Index
		real bool
	}{
		{"fixture", func(t *testing.T) *Index { return testIndex(t) }, false},
		{"real", func(t *testing.T) *Index {
			if os.Getenv("WORKOS_DOCS_DIR") == "" {
				return nil
			}
			return realIndex(t)
		}, true},
	}
	counts := map[string]int{}
	for _, a := range archives {
		changed := false
		for _, c := range corpora {
			ix := c.ix(t)
			if ix == nil {
				continue
			}
			var golden strings.Builder
			for _, sf := range a.files {
				t.Run(filepath.Base(a.path)+"/"+sf.name+"/"+c.name, func(t *testing.T) {
					counts[c.name] += runFile(t, sf, ix, c.real, &golden)
				})
			}
			name := "golden/" + c.name
			if *update {
				changed = setGolden(a.ar, name, golden.String()) || changed
				continue
			}
			if want, ok := goldenOf(a.ar, name); !ok {
				t.Errorf("%s: no %s section (go test ./sdkcall -run TestMarkers -update)", a.path, name)
			} else if got := golden.String(); got != want {
				t.Errorf("%s: %s differs (go test ./sdkcall -run TestMarkers -update rewrites it):\n%s", a.path, name, diffLines(want, got))
			}
		}
		if changed {
			if err := os.WriteFile(a.path, txtar.Format(a.ar), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("checks: %d with the fixture corpus, %d with the real docs", counts["fixture"], counts["real"])
}

// runFile checks one file's markers and writes the full answers to golden; it returns the number of
// checks made.
func runFile(t *testing.T, sf *srcFile, ix *Index, real bool, golden *strings.Builder) int {
	f := Analyze(sf.lang, sf.text)
	n := 0
	fmt.Fprintf(golden, "== %s\n", sf.name)
	if f.UsesWorkOS() == sf.silent {
		t.Fatalf("UsesWorkOS = %v, but the file is marked @silent = %v", f.UsesWorkOS(), sf.silent)
	}
	if sf.silent {
		checkSilent(t, f, ix)
		fmt.Fprintf(golden, "silent\n")
		return 1
	}
	var diagMarkers []*marker
	for _, m := range sf.markers {
		if m.name == "diag" {
			diagMarkers = append(diagMarkers, m)
			continue
		}
		got, full := answer(t, f, ix, m)
		fmt.Fprintf(golden, "%s\n\t%s\n", m, full)
		if !real && !m.fx {
			continue
		}
		n++
		if want := m.name + " " + strings.Join(m.args, " "); got != want {
			t.Errorf("%s:%s\n got  %s\n want %s", sf.name, m, got, want)
		}
	}
	// Diagnostics: with the real docs, exactly one per @diag marker.
	diags := f.Diagnostics(ix)
	for _, d := range diags {
		fmt.Fprintf(golden, "diagnostic %s %s %s\n", position(sf.text, d.Start), sf.text[d.Start:d.End], d.Code)
	}
	if real {
		n++
		var got, want []string
		for _, d := range diags {
			got = append(got, fmt.Sprintf("%s %s %s", position(sf.text, d.Start), sf.text[d.Start:d.End], d.Code))
		}
		for _, m := range diagMarkers {
			i := slices.IndexFunc(diags, func(d Diagnostic) bool { return d.Start <= m.off && m.off <= d.End })
			w := ""
			if i >= 0 {
				w = got[i]
			}
			if i < 0 || diags[i].Code != m.args[0] {
				t.Errorf("%s:%s: no %s diagnostic there (%s)", sf.name, m, m.args[0], w)
			}
			want = append(want, w)
		}
		slices.Sort(want)
		sorted := slices.Sorted(slices.Values(got))
		if !slices.Equal(sorted, want) {
			t.Errorf("%s: diagnostics\n got  %q\n want one per @diag marker %q", sf.name, got, want)
		}
	}
	return n
}

func position(text string, off int) string {
	line := strings.Count(text[:off], "\n") + 1
	col := off - strings.LastIndex(text[:off], "\n")
	return fmt.Sprintf("%d:%d", line, col)
}

// answer asks marker m's question: the answer in the marker's own terms, and the full answer.
func answer(t *testing.T, f *File, ix *Index, m *marker) (got, full string) {
	switch m.name {
	case "hover":
		got = hoverAnswer(describeAt(t, f, ix, m.off))
		full = got
		if tg, ok := f.At(ix, m.off); ok {
			full = fmt.Sprintf("%s %q %v", got, f.Text[tg.Start:tg.End], entryIDs(tg.Entries))
		}
		return got, full
	case "complete":
		want := "complete " + strings.Join(m.args, " ")
		got = matchCompletion(t, f, ix, m.off, want)
		full = "complete none"
		if cc, ok := f.Complete(ix, m.off); ok {
			var items []string
			for _, it := range cc.Items {
				items = append(items, it.Label+"="+strconv.Quote(it.Insert))
			}
			full = fmt.Sprintf("complete [%s] %s", f.Text[cc.Start:cc.End], strings.Join(items, " "))
		}
		return got, full
	case "sig":
		got = describeSig(f, ix, m.off)
		return got, got
	}
	t.Fatalf("%s: unknown marker", m)
	return "", ""
}

// hoverAnswer writes describeAt's "hover option create_user session.sealSession" as a marker answer:
// "hover option:create_user:session.sealSession" (and "hover endpoint:id+7").
func hoverAnswer(d string) string {
	fs := strings.Fields(strings.TrimPrefix(d, "hover "))
	var b strings.Builder
	for i, f := range fs {
		switch {
		case i == 0:
		case strings.HasPrefix(f, "+"):
		default:
			b.WriteByte(':')
		}
		b.WriteString(f)
	}
	return "hover " + b.String()
}

func goldenOf(ar *txtar.Archive, name string) (string, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

func setGolden(ar *txtar.Archive, name, data string) bool {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			if string(ar.Files[i].Data) == data {
				return false
			}
			ar.Files[i].Data = []byte(data)
			return true
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
	return true
}

// diffLines shows the first lines that differ.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}
