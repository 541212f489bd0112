package sdkcall

import (
	"slices"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// TestLexIdentifiers checks that only code identifiers become identifier tokens: every name written
// inside a comment or a string of the language's syntax (marked "hidden" in these snippets) is
// skipped, and the code after each tricky construct is still seen ("seen").
func TestLexIdentifiers(t *testing.T) {
	tests := []struct {
		lang corpus.Language
		src  string
		want []string
	}{
		{corpus.JS, "a // hidden\nb /* hidden\nhidden */ c", []string{"a", "b", "c"}},
		{corpus.JS, "x = 'hid\\'den' + \"hid\\\"den\" + seen", []string{"x", "seen"}},
		// The code of an interpolation is code; the text around it is not.
		{corpus.JS, "t = `hidden ${ inner + `nested ${deep} hidden` } hidden`; seen", []string{"t", "inner", "deep", "seen"}},
		{corpus.JS, "t = `${ {a: 1}.b } hidden ${c}`; seen", []string{"t", "a", "b", "c", "seen"}},
		{corpus.JS, "t = `${ f( } hidden`; seen", []string{"t", "f", "seen"}}, // an unclosed bracket inside is dropped
		{corpus.JS, "t = `hidden \\${hidden} $hidden`; seen", []string{"t", "seen"}},
		{corpus.JS, "r = /hid'den[/]x/gi; seen", []string{"r", "seen"}},
		{corpus.JS, "q = a / b / c; seen", []string{"q", "a", "b", "c", "seen"}},
		{corpus.JS, "<p>Don't</p>\nseen", []string{"p", "Don", "seen"}}, // JSX text: a stray quote only hides the rest of its line
		{corpus.JS, "$el.#priv?.seen", []string{"$el", "#priv", "seen"}},
		{corpus.Go, "a // hidden\nb /* hidden */ c := `hidden\nhidden` + \"hidden\" + 'x'; seen", []string{"a", "b", "c", "seen"}},
		{corpus.Python, "a # hidden\nb = '''hidden\nhidden''' + \"\"\"hidden\"\"\" + r'hid\\'den' + f\"{x} hidden\"; seen", []string{"a", "b", "x", "seen"}},
		{corpus.Python, "s = f'{{hidden}} {x:>{width}} hidden' + F\"\"\"{y}\nhidden\"\"\" + f'{d[\"k\"]}'; seen", []string{"s", "x", "width", "y", "d", "seen"}},
		{corpus.Python, "rb = 1; f = 2; seen", []string{"rb", "f", "seen"}},
		{corpus.Ruby, "a # hidden\n=begin\nhidden\n=end\nb = \"#{x + \"hidden\"} hidden\" + 'hidden'; seen", []string{"a", "b", "x", "seen"}},
		{corpus.Ruby, "s = \"#{a} hidden #{h[:k]} hidden\" + `#{c}`; seen", []string{"s", "a", "h", "c", "seen"}},
		{corpus.Ruby, "s = <<~EOS\n  hidden\n  EOS\nseen", []string{"s", "seen"}},
		{corpus.Ruby, "f(<<-A, seen)\n hidden\n A\nalso", []string{"f", "seen", "also"}},
		{corpus.Ruby, "w = %w[hidden hidden]; r = %r{hid/den}; x = a % b; seen", []string{"w", "r", "x", "a", "b", "seen"}},
		{corpus.Ruby, "ok? && save! && @ivar && @@cvar && $glob; seen", []string{"ok?", "save!", "@ivar", "@@cvar", "$glob", "seen"}},
		{corpus.PHP, "<?php a // hidden\nb # hidden\nc /* hidden */ $d = 'hidden' . \"hidden {$e}\"; #[Attr] seen", []string{"a", "b", "c", "$d", "Attr", "seen"}},
		{corpus.PHP, "<p>hidden's</p><?php $a ?><p>hidden</p><?= $b ?>", []string{"$a", "$b"}},
		{corpus.PHP, "<?php $s = <<<EOT\nhidden\nEOT;\n$t = <<<'X'\nhidden\n  X;\nseen", []string{"$s", "$t", "seen"}},
		{corpus.Java, "a // hidden\nString s = \"\"\"\n hidden \" hidden\n\"\"\"; char c = '\"'; seen", []string{"a", "String", "s", "char", "c", "seen"}},
		{corpus.DotNet, "var a = @\"hid\"\"den\"; var b = $\"{x} hidden {{\"; var c = $@\"{y}\nhidden\"; seen", []string{"var", "a", "var", "b", "x", "var", "c", "y", "seen"}},
		{corpus.DotNet, "var d = @\"{hidden}\" + $\"{a,10:N2} hidden {{hidden}} {b}\" + $@\"hidden \"\"q\"\" {c}\nhidden\"; seen", []string{"var", "d", "a", "N2", "b", "c", "seen"}},
		{corpus.DotNet, "var r = \"\"\"\n  hidden \"\" hidden\n  \"\"\"; @class seen", []string{"var", "r", "@class", "seen"}},
	}
	for _, tt := range tests {
		toks, _, _ := lex(dialectOf(tt.lang), tt.src)
		var got []string
		for _, tk := range toks {
			if tk.kind() == tkIdent {
				got = append(got, tt.src[tk.s:tk.e])
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.lang, tt.src, got, tt.want)
		}
	}
}

func TestLexBracketsAndValues(t *testing.T) {
	src := "f(a, { b: [1, 'x'] }, g(c)) ]"
	toks, _, vals := lex(jsDialect, src)
	f := &analysis{toks: flatTokens(toks), vals: vals}
	open := -1
	for k, tk := range toks {
		switch src[tk.s:tk.e] {
		case "(":
			if open < 0 {
				open = k
			}
		case "'x'":
			vs, ve := f.value(k)
			if src[vs:ve] != "x" {
				t.Errorf("string value = %q", src[vs:ve])
			}
			if src[toks[tk.parent()].s] != '[' {
				t.Errorf("string parent = %q", src[toks[tk.parent()].s])
			}
		case "]":
			if k == len(toks)-1 && tk.match != -1 {
				t.Errorf("stray ] matched %d", tk.match)
			}
		}
	}
	closeTok := toks[open].match
	if closeTok < 0 || src[toks[closeTok].s:toks[closeTok].e] != ")" || toks[closeTok].match != int32(open) {
		t.Fatalf("first ( matches %d", closeTok)
	}
	if int(closeTok) != len(toks)-2 {
		t.Errorf("first ( matches token %d, want %d", closeTok, len(toks)-2)
	}
}

func TestLexNewlinesAndComments(t *testing.T) {
	src := "a /* x\ny */ b\n// c\nd"
	toks, comments, _ := lex(jsDialect, src)
	if len(toks) != 3 || toks[0].nl() || !toks[1].nl() || !toks[2].nl() {
		t.Errorf("tokens %+v", toks)
	}
	if len(comments) != 2 || src[comments[1].s:comments[1].e] != "// c" {
		t.Errorf("comments %+v", comments)
	}
	f := &analysis{comments: comments}
	if !f.inComment(strings.Index(src, "x")) || f.inComment(strings.Index(src, "b")) || !f.inComment(len(src)-2) {
		t.Error("inComment is wrong")
	}
	if f.inComment(strings.Index(src, "*/")+2) || !f.inComment(strings.Index(src, "// c")+4) {
		t.Error("inComment at the end of a block or line comment is wrong")
	}
}
