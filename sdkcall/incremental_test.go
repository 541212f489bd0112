package sdkcall

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// fixtureFiles are the source files of the marker archives: real-looking application code in every
// language.
func fixtureFiles(t testing.TB) (files []txtar.File, langs []corpus.Language) {
	t.Helper()
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no marker archives: %v", err)
	}
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if lang, ok := corpus.LanguageOfPath(f.Name); ok && !strings.HasPrefix(f.Name, "golden/") {
				files, langs = append(files, f), append(langs, lang)
			}
		}
	}
	return files, langs
}

// snippets are what the random edits insert: the characters that change the lexer's state (quotes,
// comment openers, brackets, heredoc markers, interpolations, line breaks), multi-byte UTF-8, and
// ordinary code.
var snippets = []string{"\"", "'", "`", "\"\"\"", "'''", "/*", "*/", "//", "#", "(", ")", "[", "]", "{", "}",
	"${", "#{", "f\"{", "<<~EOS\n", "\nEOS\n", "<<<EOT\n", "\nEOT;\n", "=begin\n", "\n=end\n", "\n", "\n\n",
	"é", "😀", "中文", "\\", "\\\n", "\\\r\n", "/", "/re/g", ":sym", "@x", "$x", "<?php ", "?>", "=", ":=", " ", "\t", "x",
	"workos.", "um.", "createUser(", "{ email: ", "import ", "from ", "const w = new WorkOS(key);\n",
	"client = workos.client.WorkOSClient()\n", "usermanagement.", "def f(x):\n    return x\n", "func f() {}\n"}

// randomEdit picks a replacement of text[start:end] by ins: an insert, a deletion or both, at a
// random place (often at a line break or a bracket, where the state changes).
func randomEdit(r *rand.Rand, text string) (start, end int, ins string) {
	start = r.IntN(len(text) + 1)
	if r.IntN(3) == 0 && len(text) > 0 {
		if j := strings.IndexAny(text[start:], "\n{}()\"'`#/"); j >= 0 {
			start += j + r.IntN(2)
		}
	}
	start = min(start, len(text))
	end = start
	switch r.IntN(4) {
	case 0: // delete
		end = min(len(text), start+1+r.IntN(12))
	case 1: // replace
		end = min(len(text), start+1+r.IntN(4))
		ins = snippets[r.IntN(len(snippets))]
	default:
		ins = snippets[r.IntN(len(snippets))]
	}
	return start, end, ins
}

// eachFixture runs edits on every fixture file in a subtest, with a random source of its own.
func eachFixture(t *testing.T, seed uint64, edits func(t *testing.T, r *rand.Rand, lang corpus.Language, text string)) {
	files, langs := fixtureFiles(t)
	for n, file := range files {
		t.Run(file.Name, func(t *testing.T) {
			edits(t, rand.New(rand.NewPCG(uint64(n), seed)), langs[n], string(file.Data))
		})
	}
}

// TestIncrementalEqualsScratch applies random edit sequences to every fixture file, each edit to the
// previous edit's incremental analysis, and compares it with Analyze of the same text.
func TestIncrementalEqualsScratch(t *testing.T) {
	s := testIndex(t)
	steps := 150
	if testing.Short() {
		steps = 30
	}
	// Checkpoints every few lines, so that the fixtures' edits restart and rejoin in many states.
	defer func(n int) { checkpointEvery = n }(checkpointEvery)
	checkpointEvery = 48
	var restarts, rejoins, relexes int
	relexStats = func(restarted, rejoined bool) {
		relexes++
		if restarted {
			restarts++
		}
		if rejoined {
			rejoins++
		}
	}
	defer func() { relexStats = nil }()
	eachFixture(t, 12, func(t *testing.T, r *rand.Rand, lang corpus.Language, text string) {
		f := Analyze(lang, text)
		for step := range steps {
			start, end, ins := randomEdit(r, text)
			next := text[:start] + ins + text[end:]
			g := f.Edited(next, start, len(text)-end)
			if msg := sameAnalysis(s, g, Analyze(lang, next), r); msg != "" {
				t.Fatalf("step %d: replacing %q at %d with %q: %s\n--- text:\n%s", step, text[start:end], start, ins, msg, next)
			}
			text, f = next, g
		}
	})
	// Most edits must take the short way, or the test would not test it.
	if restarts < relexes*2/3 || rejoins < relexes/3 {
		t.Errorf("of %d relexes, %d restarted after the start and %d rejoined the old run", relexes, restarts, rejoins)
	}

}

// sameAnalysis compares an incremental analysis with one from scratch: everything the questions
// read, and the answers of At, Complete and Signature at sample offsets. It returns "" when equal.
func sameAnalysis(s *Index, got, want *File, r *rand.Rand) string {
	ga, wa := got.a, want.a
	type part struct {
		name      string
		got, want any
	}
	parts := []part{{"tokens", ga.toks.slice(nil, 0, ga.toks.len()), wa.toks.slice(nil, 0, wa.toks.len())}, {"comments", ga.comments, wa.comments}, {"values", ga.vals, wa.vals},
		{"imports", ga.importList, wa.importList}, {"bindings", ga.bindList, wa.bindList}, {"defs", ga.defs, wa.defs},
		{"exports", ga.exports, wa.exports}, {"locals", ga.locals, wa.locals}, {"pkg", ga.pkg, wa.pkg},
		{"uses", ga.uses, wa.uses}, {"imports by name", ga.imports, wa.imports}}
	for _, p := range parts {
		if !reflect.DeepEqual(p.got, p.want) && !(reflect.ValueOf(p.got).Kind() == reflect.Slice &&
			reflect.ValueOf(p.got).Len() == 0 && reflect.ValueOf(p.want).Len() == 0) {
			return fmt.Sprintf("%s differ: %s", p.name, firstDifference(p.got, p.want))
		}
	}
	text := want.Text
	offsets := []int{0, len(text)}
	for range 24 {
		offsets = append(offsets, r.IntN(len(text)+1))
	}
	for _, o := range offsets {
		g1, ok1 := got.At(s, o)
		w1, ok2 := want.At(s, o)
		if ok1 != ok2 || !reflect.DeepEqual(g1, w1) {
			return fmt.Sprintf("At(%d): got %v %v, want %v %v", o, g1, ok1, w1, ok2)
		}
		g2, ok1 := got.Complete(s, o)
		w2, ok2 := want.Complete(s, o)
		if ok1 != ok2 || !reflect.DeepEqual(g2, w2) {
			return fmt.Sprintf("Complete(%d): got %v %v, want %v %v", o, labels(g2.Items), ok1, labels(w2.Items), ok2)
		}
		g3, ok1 := got.Signature(s, o)
		w3, ok2 := want.Signature(s, o)
		if ok1 != ok2 || !reflect.DeepEqual(g3, w3) {
			return fmt.Sprintf("Signature(%d): got %v %v, want %v %v", o, g3, ok1, w3, ok2)
		}
	}
	return ""
}

// FuzzIncremental applies one or two edits to a fixture file (or fuzzed text) and compares the
// incremental analysis with one from scratch.
func FuzzIncremental(f *testing.F) {
	files, langs := fixtureFiles(f)
	for n, file := range files {
		text := string(file.Data)
		f.Add(uint8(n), text, len(text)/2, 0, "\"", len(text)/3, 1, "")
		f.Add(uint8(n), text, len(text)/4, 2, "/*", len(text)/2, 0, "{")
	}
	s := testIndex(f)
	f.Fuzz(func(t *testing.T, li uint8, text string, at1, del1 int, ins1 string, at2, del2 int, ins2 string) {
		lang := langs[int(li)%len(langs)]
		f := Analyze(lang, text)
		r := rand.New(rand.NewPCG(uint64(at1), uint64(at2)))
		for _, e := range []struct {
			at, del int
			ins     string
		}{{at1, del1, ins1}, {at2, del2, ins2}} {
			start := min(max(e.at, 0), len(text))
			end := min(start+min(max(e.del, 0), 64), len(text))
			next := text[:start] + e.ins + text[end:]
			g := f.Edited(next, start, len(text)-end)
			if msg := sameAnalysis(s, g, Analyze(lang, next), r); msg != "" {
				t.Fatalf("%s: replacing %q at %d with %q: %s", lang, text[start:end], start, e.ins, msg)
			}
			text, f = next, g
		}
	})
}

// TestIncrementalPreviousToken: whether a line's "/" starts a regex depends on the token before it,
// which an edit may change far enough from the line (after a comment) for a checkpoint to sit
// between them.
func TestIncrementalPreviousToken(t *testing.T) {
	defer func(n int) { checkpointEvery = n }(checkpointEvery)
	checkpointEvery = 1
	s := testIndex(t)
	text := strings.Repeat("let v = a // a comment after the operand\n/x/g.exec(s) // a regex or a division?\n", 8)
	f := Analyze(corpus.JS, text)
	at := strings.Index(text, "a //")
	next := text[:at] + "typeof" + text[at+1:]
	if msg := sameAnalysis(s, f.Edited(next, at, len(text)-at-1), Analyze(corpus.JS, next), rand.New(rand.NewPCG(1, 2))); msg != "" {
		t.Fatal(msg)
	}
}

// firstDifference shows where two lists part (or the two values, if they are not lists).
func firstDifference(got, want any) string {
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	if g.Kind() != reflect.Slice || w.Kind() != reflect.Slice {
		return fmt.Sprintf("\n got %v\nwant %v", got, want)
	}
	i := 0
	for i < g.Len() && i < w.Len() && reflect.DeepEqual(g.Index(i).Interface(), w.Index(i).Interface()) {
		i++
	}
	window := func(v reflect.Value) any { return v.Slice(max(0, i-2), min(v.Len(), i+3)).Interface() }
	return fmt.Sprintf("lengths %d, %d; from [%d]:\n got %v\nwant %v", g.Len(), w.Len(), max(0, i-2), window(g), window(w))
}

// TestIncrementalTypingUnclosed types a statement into every fixture file one character at a time,
// as an editor without auto-closing brackets does: while its brackets are open, every later
// checkpoint sees other open brackets than the previous version, and the pairing of the rest of
// the file is repaired rather than re-lexed.
func TestIncrementalTypingUnclosed(t *testing.T) {
	s := testIndex(t)
	defer func(n int) { checkpointEvery = n }(checkpointEvery)
	checkpointEvery = 48
	var repairs, passed, gaveUp int
	repairStats = func(n int, ok bool) {
		repairs++
		if n > 0 {
			passed++
		}
		if !ok {
			gaveUp++
		}
	}
	defer func() { repairStats = nil }()
	statements := []string{"v = call(a, [1, {k: f(x", ")}])\n", "if (x) {\n  y(", ")\n}\n", "w(z[", "])\n"}
	eachFixture(t, 7, func(t *testing.T, r *rand.Rand, lang corpus.Language, text string) {
		f := Analyze(lang, text)
		for range 3 {
			// At the start of a random line.
			from := r.IntN(len(text))
			at := strings.IndexByte(text[from:], '\n')
			if at < 0 {
				continue
			}
			at += from + 1
			for _, st := range statements {
				for i := range len(st) {
					next := text[:at] + st[i:i+1] + text[at:]
					g := f.Edited(next, at, len(text)-at)
					if msg := sameAnalysis(s, g, Analyze(lang, next), r); msg != "" {
						t.Fatalf("typing %q at %d: %s\n--- text:\n%s", st[:i+1], at, msg, next)
					}
					text, f, at = next, g, at+1
				}
			}
		}
	})
	if passed < repairs/4 {
		t.Errorf("of %d repairs, %d repaired the pairing after the checkpoint rejoined (%d gave up)", repairs, passed, gaveUp)
	}
	t.Logf("%d repairs, %d passed checkpoints, %d gave up", repairs, passed, gaveUp)
}
