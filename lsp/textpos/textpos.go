// Package textpos is the one place that converts between LSP positions (line + character counted in
// the negotiated encoding: UTF-16 code units by default, UTF-8 bytes or UTF-32 code points when the
// client asks) and byte offsets into a document's text.
//
// Lines end at "\n", "\r\n" or "\r", as the LSP specification says. Every conversion clamps: a
// character past the end of its line maps to the end of that line (before the terminator), a line past
// the end of the text maps to the end of the text, and a character that falls inside a multi-unit
// character (the second half of a surrogate pair, a byte inside a UTF-8 sequence) maps to the start of
// that character. Invalid UTF-8 is tolerated: each invalid byte counts as one code unit in every
// encoding, like the U+FFFD an editor would show in its place. Nothing here panics on any input.
package textpos

import (
	"encoding/binary"
	"sort"
	"strings"
	"unicode/utf8"
)

// Encoding is the unit the Character of a position counts.
type Encoding uint8

const (
	UTF16 Encoding = iota // LSP default: UTF-16 code units
	UTF8                  // bytes
	UTF32                 // Unicode code points
)

// String names the encoding as LSP's PositionEncodingKind does.
func (e Encoding) String() string {
	switch e {
	case UTF8:
		return "utf-8"
	case UTF32:
		return "utf-32"
	}
	return "utf-16"
}

// Position is a zero-based line and character in some Encoding.
type Position struct {
	Line, Character uint32
}

// Mapper converts positions for one immutable text. Build it once per document version; it is safe for
// concurrent use.
type Mapper struct {
	text  string
	lines []int32 // byte offset where each line starts; lines[0] == 0; a trailing terminator opens a last, empty line (int32: half the bytes a version copies)
	ascii bool    // the whole text is 7-bit ASCII: every encoding counts bytes
	wide  int     // the offset of the first byte ≥ 0x80 (-1: ascii), so that an edit after it need not look
}

// Edited is the mapper of text, which is m's text with the bytes after its first prefix and before
// its last suffix bytes replaced: the line starts before the edit are kept, those after it moved,
// and only the edited lines scanned. The caller vouches for prefix and suffix.
func (m *Mapper) Edited(text string, prefix, suffix int) *Mapper {
	n := min(len(m.text), len(text))
	prefix = max(0, min(prefix, n))
	suffix = max(0, min(suffix, n-prefix))
	// Rescan from the start of the line holding the edit (a "\r" before it may pair with a "\n"
	// of the edit) to the first line start after it.
	line := sort.Search(len(m.lines), func(i int) bool { return int(m.lines[i]) >= prefix }) - 1
	line = max(0, line-1)
	from := int(m.lines[line])
	oldTail := len(m.text) - suffix
	after := sort.Search(len(m.lines), func(i int) bool { return int(m.lines[i]) > oldTail })
	delta := len(text) - len(m.text)
	to, last := len(text), true
	if after < len(m.lines) {
		to, last = int(m.lines[after])+delta, false
	}
	out := &Mapper{text: text, lines: make([]int32, 0, len(m.lines)+8)}
	out.lines = append(out.lines, m.lines[:line+1]...)
	out.lines = appendLineStarts(out.lines, text, from, to, last)
	for _, l := range m.lines[after:] {
		out.lines = append(out.lines, l+int32(delta))
	}
	switch {
	case m.wide >= 0 && m.wide < prefix:
		out.wide = m.wide // before the edit: still there
	case m.wide < 0:
		if i := nonASCII(text[prefix : len(text)-suffix]); i >= 0 {
			out.wide = prefix + i
		} else {
			out.wide = -1
		}
	default:
		out.wide = nonASCII(text)
	}
	out.ascii = out.wide < 0
	return out
}

// appendLineStarts appends the starts of the lines that begin in text(from, to), and at to when
// last (to is the end of the text, not a kept line start).
func appendLineStarts(lines []int32, text string, from, to int, last bool) []int32 {
	for i := from; i < to; i++ {
		switch text[i] {
		case '\n':
			if i+1 < to || last {
				lines = append(lines, int32(i+1))
			}
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			if i+1 < to || last {
				lines = append(lines, int32(i+1))
			}
		}
	}
	return lines
}

// New indexes text's line starts. Cost is one pass over the text.
func New(text string) *Mapper {
	m := &Mapper{text: text, lines: make([]int32, 1, 16+len(text)/32), wide: nonASCII(text)}
	m.ascii = m.wide < 0
	if strings.IndexByte(text, '\r') < 0 {
		// The common case, LF only: IndexByte scans many bytes per step.
		for off := 0; ; {
			i := strings.IndexByte(text[off:], '\n')
			if i < 0 {
				return m
			}
			off += i + 1
			m.lines = append(m.lines, int32(off))
		}
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			m.lines = append(m.lines, int32(i+1))
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			m.lines = append(m.lines, int32(i+1))
		}
	}
	return m
}

// nonASCII is the offset of the first byte ≥ 0x80 in s, -1 when there is none; eight bytes at a time.
func nonASCII(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}

// Text is the text the mapper indexes.
func (m *Mapper) Text() string { return m.text }

// Lines is the number of lines (at least 1).
func (m *Mapper) Lines() int { return len(m.lines) }

// LineStart is the byte offset where line starts, clamped to the text.
func (m *Mapper) LineStart(line int) int {
	if line < 0 {
		return 0
	}
	if line >= len(m.lines) {
		return len(m.text)
	}
	return int(m.lines[line])
}

// LineEnd is the byte offset where line's content ends (before its terminator), clamped to the text.
func (m *Mapper) LineEnd(line int) int {
	if line < 0 {
		line = 0
	}
	if line >= len(m.lines)-1 {
		return len(m.text)
	}
	end := int(m.lines[line+1]) - 1 // the '\n' or lone '\r'
	if m.text[end] == '\n' && end > int(m.lines[line]) && m.text[end-1] == '\r' {
		end--
	}
	return end
}

// Offset converts a position to a byte offset, clamping as the package comment describes.
func (m *Mapper) Offset(p Position, enc Encoding) int {
	if int64(p.Line) >= int64(len(m.lines)) {
		return len(m.text)
	}
	line := int(p.Line)
	start, end := int(m.lines[line]), m.LineEnd(line)
	if m.ascii || (enc == UTF8 && asciiRange(m.text[start:end])) {
		return start + min(int(p.Character), end-start)
	}
	want := int64(p.Character)
	var units int64
	off := start
	for off < end {
		r, size := utf8.DecodeRuneInString(m.text[off:end])
		u := width(r, size, enc)
		if units+u > want {
			break
		}
		units += u
		off += size
	}
	return off
}

// Position converts a byte offset to a position. Offsets outside the text are clamped to it; an offset
// inside a line terminator maps to the end of that line; one inside a character maps to its start.
func (m *Mapper) Position(offset int, enc Encoding) Position {
	offset = max(0, min(offset, len(m.text)))
	line := sort.Search(len(m.lines), func(i int) bool { return int(m.lines[i]) > offset }) - 1
	start, end := int(m.lines[line]), m.LineEnd(line)
	offset = min(offset, end)
	if m.ascii {
		return Position{Line: uint32(line), Character: uint32(offset - start)}
	}
	var units int64
	for off := start; off < offset; {
		r, size := utf8.DecodeRuneInString(m.text[off:end])
		if off+size > offset {
			break
		}
		units += width(r, size, enc)
		off += size
	}
	return Position{Line: uint32(line), Character: uint32(min(units, int64(^uint32(0))))}
}

// width is how many code units of enc one decoded character takes. An invalid byte (RuneError of
// size 1) counts as one unit everywhere.
func width(r rune, size int, enc Encoding) int64 {
	switch enc {
	case UTF8:
		return int64(size)
	case UTF32:
		return 1
	}
	if r >= 0x10000 {
		return 2
	}
	return 1
}

func asciiRange(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
