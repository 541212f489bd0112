package textpos

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOffsetAndPosition(t *testing.T) {
	type tc struct {
		name   string
		text   string
		pos    Position
		enc    Encoding
		offset int  // expected Offset(pos)
		exact  bool // Position(offset) must give pos back
	}
	const emoji = "a😀b" // 😀 is 4 bytes, 2 UTF-16 units, 1 code point
	const cjk = "中文x"   // 3 bytes each, 1 UTF-16 unit each
	cases := []tc{
		{"ascii start", "hello\nworld", Position{0, 0}, UTF16, 0, true},
		{"ascii second line", "hello\nworld", Position{1, 3}, UTF16, 9, true},
		{"ascii past end of line clamps", "hello\nworld", Position{0, 99}, UTF16, 5, false},
		{"past last line clamps to end", "hello\nworld", Position{7, 0}, UTF16, 11, false},
		{"huge line and char", "x", Position{^uint32(0), ^uint32(0)}, UTF16, 1, false},
		{"empty text", "", Position{0, 5}, UTF16, 0, false},
		{"trailing newline opens empty line", "a\n", Position{1, 0}, UTF16, 2, true},

		{"emoji before cursor utf16", emoji, Position{0, 3}, UTF16, 5, true},
		{"emoji itself utf16", emoji, Position{0, 1}, UTF16, 1, true},
		{"inside surrogate pair clamps to its start", emoji, Position{0, 2}, UTF16, 1, false},
		{"emoji end utf16", emoji, Position{0, 4}, UTF16, 6, true},
		{"emoji utf8", emoji, Position{0, 5}, UTF8, 5, true},
		{"inside utf8 sequence clamps", emoji, Position{0, 3}, UTF8, 1, false},
		{"emoji utf32", emoji, Position{0, 2}, UTF32, 5, true},

		{"cjk utf16", cjk, Position{0, 2}, UTF16, 6, true},
		{"cjk utf8", cjk, Position{0, 6}, UTF8, 6, true},
		{"cjk utf32", cjk, Position{0, 1}, UTF32, 3, true},
		{"cjk past end", cjk, Position{0, 40}, UTF16, 7, false},

		{"crlf second line", "ab\r\ncd", Position{1, 1}, UTF16, 5, true},
		{"crlf end of first line", "ab\r\ncd", Position{0, 2}, UTF16, 2, true},
		{"crlf past end of line stays before \\r", "ab\r\ncd", Position{0, 9}, UTF16, 2, false},
		{"lone cr is a line break", "ab\rcd", Position{1, 0}, UTF16, 3, true},
		{"crlf with emoji", "😀\r\n😀x", Position{1, 2}, UTF16, 10, true},

		{"invalid utf8 byte is one unit", "a\xffb", Position{0, 2}, UTF16, 2, true},
		{"invalid utf8 utf8 encoding", "a\xff\xfeb", Position{0, 3}, UTF8, 3, true},
		{"truncated sequence", "\xe4\xb8x", Position{0, 2}, UTF16, 2, true},
		{"valid U+FFFD is one unit", "\uFFFDx", Position{0, 1}, UTF16, 3, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := New(c.text)
			got := m.Offset(c.pos, c.enc)
			if got != c.offset {
				t.Fatalf("Offset(%v, %v) = %d, want %d", c.pos, c.enc, got, c.offset)
			}
			back := m.Position(got, c.enc)
			if c.exact && back != c.pos {
				t.Fatalf("Position(%d, %v) = %v, want %v", got, c.enc, back, c.pos)
			}
			if again := m.Offset(back, c.enc); again != got {
				t.Fatalf("Offset(Position(%d)) = %d, not stable", got, again)
			}
		})
	}
}

func TestPositionClamps(t *testing.T) {
	m := New("ab\r\ncd")
	for _, tc := range []struct {
		off  int
		want Position
	}{
		{-5, Position{0, 0}},
		{3, Position{0, 2}}, // between \r and \n: end of line 0
		{100, Position{1, 2}},
	} {
		if got := m.Position(tc.off, UTF16); got != tc.want {
			t.Errorf("Position(%d) = %v, want %v", tc.off, got, tc.want)
		}
	}
	m = New("a😀")
	if got := m.Position(3, UTF16); got != (Position{0, 1}) { // inside the emoji's bytes
		t.Errorf("mid-rune Position = %v, want {0 1}", got)
	}
}

func TestLines(t *testing.T) {
	m := New("a\nb\r\nc\rd\n")
	if m.Lines() != 5 {
		t.Fatalf("Lines = %d, want 5", m.Lines())
	}
	wantEnds := []int{1, 3, 6, 8, 9}
	for i, w := range wantEnds {
		if got := m.LineEnd(i); got != w {
			t.Errorf("LineEnd(%d) = %d, want %d", i, got, w)
		}
	}
	if m.LineStart(99) != 9 || m.LineEnd(99) != 9 || m.LineStart(-1) != 0 {
		t.Error("LineStart/LineEnd do not clamp")
	}
}

// FuzzRoundTrip checks, for every encoding, that conversions never panic, stay inside the text and
// are stable, and that every character boundary outside a line terminator survives a round trip.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"", "hello\nworld", "a😀b\r\n中文\rx", "a\xffb\xe4\xb8", "\r\n\r\n", "😀😀\n"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, text string, off int) {
		m := New(text)
		boundary := map[int]bool{len(text): true}
		for i := 0; i < len(text); {
			boundary[i] = true
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
		}
		inTerminator := off > 0 && off < len(text) && text[off-1] == '\r' && text[off] == '\n'
		for _, enc := range []Encoding{UTF16, UTF8, UTF32} {
			p := m.Position(off, enc)
			back := m.Offset(p, enc)
			if back < 0 || back > len(text) {
				t.Fatalf("%v: Offset out of range: %d", enc, back)
			}
			if m.Position(back, enc) != p {
				t.Fatalf("%v: Position(Offset(%v)) = %v", enc, p, m.Position(back, enc))
			}
			if off >= 0 && off <= len(text) && boundary[off] && !inTerminator && back != off {
				t.Fatalf("%v: offset %d → %v → %d", enc, off, p, back)
			}
			// Arbitrary positions clamp.
			q := Position{Line: uint32(off) % 7, Character: uint32(off)}
			if o := m.Offset(q, enc); o < 0 || o > len(text) {
				t.Fatalf("%v: Offset(%v) = %d out of range", enc, q, o)
			}
		}
	})
}

func BenchmarkOffsetASCII(b *testing.B) {
	text := ""
	for range 5000 {
		text += "	usermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{Email: \"a@b.c\"})\n"
	}
	m := New(text)
	b.ResetTimer()
	for i := range b.N {
		_ = m.Offset(Position{Line: uint32(i % 5000), Character: 30}, UTF16)
	}
}

// BenchmarkNew indexes a 5,000-line source file, as every new document version does.
func BenchmarkNew(b *testing.B) {
	text := strings.Repeat("  const user = await workos.userManagement.createUser({ email, firstName: 'Zoë' });\n", 5000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		New(text)
	}
}

// TestEditedEqualsNew applies random edits (line breaks of every kind, multi-byte characters) and
// compares the edited mapper with one built from scratch.
func TestEditedEqualsNew(t *testing.T) {
	pieces := []string{"\n", "\r", "\r\n", "\n\r", "a", "bc ", "é", "😀", "", "\r\r\n\n"}
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 200 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		m := New(text)
		for step := range 20 {
			start := r.IntN(len(text) + 1)
			end := min(len(text), start+r.IntN(4))
			next := text[:start] + pieces[r.IntN(len(pieces))] + text[end:]
			got, want := m.Edited(next, start, len(text)-end), New(next)
			if !slices.Equal(got.lines, want.lines) || got.ascii != want.ascii || got.wide != want.wide {
				t.Fatalf("round %d step %d: %q → %q: lines %v ascii %v, want %v %v", round, step, text, next, got.lines, got.ascii, want.lines, want.ascii)
			}
			text, m = next, got
		}
	}
}
