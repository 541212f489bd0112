package lsp

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"
)

type readOnlyPipe struct {
	io.Reader
	io.Writer
}

func (readOnlyPipe) Close() error { return nil }

// TestShortContentLengthKeepsTheNextFrame: a client that counts characters instead of bytes declares
// too short a length; the rest of its body runs into the next header line, and the frame after it
// must still be read.
func TestShortContentLengthKeepsTheNextFrame(t *testing.T) {
	short := `{"jsonrpc":"2.0","id":1,"method":"workos/x","params":{"q":"café ünïcödé"}}`
	next := `{"jsonrpc":"2.0","id":2,"method":"shutdown"}`
	for _, sep := range []string{"", "\r\n", "\n"} {
		in := fmt.Sprintf("Content-Length: %d\r\n\r\n%s%sContent-Length: %d\r\n\r\n%s", utf8.RuneCountInString(short), short, sep, len(next), next)
		var answers strings.Builder
		s := newStream(readOnlyPipe{strings.NewReader(in), &answers}, slog.New(slog.DiscardHandler))
		body, _, err := s.ReadFrame(context.Background())
		if err != nil || string(body) != next {
			t.Errorf("separator %q: read %q, %v; want the next frame %q", sep, body, err, next)
		}
		if !strings.Contains(answers.String(), `"code":-32700`) {
			t.Errorf("separator %q: the cut frame was not answered with a parse error: %q", sep, answers.String())
		}
	}
}
