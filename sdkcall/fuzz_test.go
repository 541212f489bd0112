package sdkcall

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/workos-lsp/workos-lsp/corpus"
)

var fuzzLangs = append([]corpus.Language{}, corpus.ReferenceLanguages...)

// FuzzAnalyze feeds random text and offsets to every language: nothing may panic, and every range
// returned must lie inside the text.
func FuzzAnalyze(f *testing.F) {
	tables := [][]atCase{atJSCases, atGoCases, atPythonCases, atRubyCases, atPHPCases, atJavaCases, atDotNetCases, atCurlCases}
	for li, table := range tables {
		for _, tc := range table {
			src := strings.Replace(tc.src, cursor, "", 1)
			f.Add(uint8(li), src, strings.Index(tc.src, cursor))
		}
	}
	// Broken constructs.
	for _, s := range []string{"`${", "\"\"\"", "<<~EOS\n", "<<<EOT\n", "@\"", "$\"{", "/*", "=begin\n", "%w[", "'\\", "\xff\xfe(", "{[(", ")]}", "<?php ?><?php"} {
		for li := range fuzzLangs {
			f.Add(uint8(li), s, len(s))
		}
	}
	s := testIndex(f)
	f.Fuzz(func(t *testing.T, li uint8, src string, off int) {
		lang := fuzzLangs[int(li)%len(fuzzLangs)]
		text := src
		file := Analyze(lang, text)
		inText := func(what string, a, b int) {
			if a < 0 || b > len(text) || a > b {
				t.Fatalf("%s: %s range [%d,%d) outside %d bytes", lang, what, a, b, len(text))
			}
		}
		for _, o := range []int{off, off % (len(text) + 1), len(text), 0, -1, len(text) + 1} {
			if tg, ok := file.At(s, o); ok {
				inText("target", tg.Start, tg.End)
				if len(tg.Entries) == 0 && tg.Kind != TargetModule && tg.Kind != TargetEvent {
					t.Fatalf("%s: target %v without entries", lang, tg.Kind)
				}
			}
			if cc, ok := file.Complete(s, o); ok {
				inText("completion", cc.Start, cc.End)
				if len(cc.Items) == 0 {
					t.Fatalf("%s: completion without items", lang)
				}
			}
			if sc, ok := file.Signature(s, o); ok && sc.Entry == nil {
				t.Fatalf("%s: signature without entry", lang)
			}
		}
		for _, d := range file.Diagnostics(s) {
			inText("diagnostic", d.Start, d.End)
			for _, fx := range d.Fixes {
				inText("fix", fx.Start, fx.End)
			}
		}
		for _, l := range file.Links(s) {
			inText("link", l.Start, l.End)
			if l.URL == "" {
				t.Fatalf("%s: link without URL", lang)
			}
		}
	})
}

// TestInvalidUTF8 makes sure invalid bytes neither panic nor break recognition around them.
func TestInvalidUTF8(t *testing.T) {
	s := testIndex(t)
	src := jsHead + "const bad = '\xff\xfe';\n\xc3\x28 workos.userManagement.createU‸ser({})"
	if utf8.ValidString(src) {
		t.Fatal("test text is valid UTF-8")
	}
	text, off := snippet(t, src)
	tg, ok := Analyze(corpus.JS, text).At(s, off)
	if !ok || tg.Kind != TargetCall || tg.Entries[0].ID != "create_user" {
		t.Fatalf("At = %+v %v", tg, ok)
	}
}

// TestConcurrentUse asks one File many questions from several goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	s := testIndex(t)
	text, off := bigFile(corpus.JS, 300)
	f := Analyze(corpus.JS, text)
	want, ok := f.At(s, off)
	if !ok {
		t.Fatal("no target")
	}
	done := make(chan error, 8)
	for range 8 {
		go func() {
			for range 20 {
				tg, _ := f.At(s, off)
				if tg.Kind != want.Kind || tg.Start != want.Start {
					done <- fmt.Errorf("At = %+v, want %+v", tg, want)
					return
				}
				f.Complete(s, off-4)
				f.Signature(s, off+10)
			}
			f.Links(s)
			f.Diagnostics(s)
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
