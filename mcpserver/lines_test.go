package mcpserver

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
)

// rawSession runs the server over pipes and returns a function that sends one raw line and reads the
// one response line it gets.
func rawSession(t *testing.T) (send func(line string) map[string]any) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, Failed(io.ErrUnexpectedEOF), "test", inR, outW) }()
	t.Cleanup(func() {
		inW.Close()
		cancel()
		select {
		case <-done:
		case <-time.After(time.Minute):
			t.Error("the server did not end")
		}
	})
	responses := bufio.NewScanner(outR)
	responses.Buffer(nil, 1<<20)
	return func(line string) map[string]any {
		t.Helper()
		if _, err := io.WriteString(inW, line+"\n"); err != nil {
			t.Fatalf("write %q: %v (the server stopped reading)", line, err)
		}
		got := make(chan map[string]any, 1)
		go func() {
			var m map[string]any
			if responses.Scan() {
				_ = json.Unmarshal(responses.Bytes(), &m)
			}
			got <- m
		}()
		select {
		case m := <-got:
			if m == nil {
				t.Fatalf("after %q: no response (the server ended: %v)", line, responses.Err())
			}
			return m
		case err := <-done:
			t.Fatalf("after %q: the server ended: %v", line, err)
		case <-time.After(time.Minute):
			t.Fatalf("after %q: no response", line)
		}
		return nil
	}
}

// TestRunAnswersMalformedLinesAndKeepsServing: one bad line gets a JSON-RPC error and the session
// goes on; the SDK alone ends the session on the first.
func TestRunAnswersMalformedLinesAndKeepsServing(t *testing.T) {
	send := rawSession(t)
	init := `{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`
	if r := send(init); r["result"] == nil {
		t.Fatalf("initialize: %v", r)
	}
	for _, c := range []struct {
		line string
		code float64
		id   any
	}{
		{"not json", -32700, nil},
		{`{"jsonrpc":"2.0","id":7,"method":"pi`, -32700, nil},
		{"[]", -32600, nil},
		{`[{"jsonrpc":"2.0","id":8,"method":"ping"}]`, -32600, nil},
		{"42", -32600, nil},
		{`{"foo":1}`, -32600, nil},
		{`{"jsonrpc":"1.0","id":"a","method":"ping"}`, -32600, "a"},
		{`{"jsonrpc":"2.0","id":true,"method":"ping"}`, -32600, nil},
		{`{"jsonrpc":"2.0","id":9,"method":"ping"} {"x":1}`, -32700, nil},
	} {
		r := send(c.line)
		e, _ := r["error"].(map[string]any)
		if e == nil || e["code"] != c.code || r["id"] != c.id {
			t.Errorf("%q: got %v, want error %v with id %v", c.line, r, c.code, c.id)
		}
		if r := send(`{"jsonrpc":"2.0","id":1,"method":"ping"}`); r["id"] != float64(1) || r["result"] == nil {
			t.Fatalf("ping after %q: %v", c.line, r)
		}
	}
	if r := send(" \t" + `{"jsonrpc":"2.0","id":2,"method":"ping"}` + " \r"); r["id"] != float64(2) || r["result"] == nil {
		t.Errorf("a message with white space around it: %v", r)
	}
}

func TestLineReaderSkipsOverlongLines(t *testing.T) {
	var out strings.Builder
	long := `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"` + strings.Repeat("a", 300) + `"}}`
	ok := `{"jsonrpc":"2.0","id":2,"method":"ping"}`
	r := newLineReader(strings.NewReader(long+"\n"+ok+"\n"), &lockedWriter{w: &out}, 100)
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != ok+"\n" {
		t.Errorf("passed on %q, want only the short message", got)
	}
	if !strings.Contains(out.String(), `"code":-32600`) || strings.Count(out.String(), "\n") != 1 {
		t.Errorf("answered %q, want one -32600", out.String())
	}
}

// FuzzLineReader: whatever arrives, each line is either handed on as one message the SDK decodes, or
// answered with one JSON-RPC error; nothing else is passed on and nothing is lost.
//
// The line limit is small (fuzzLineMax) so that the inputs which reach the overlong path stay short:
// with 1 KiB, each new such input was over a kilobyte, and the fuzzer's minimisation of it (whose
// execs are not counted until it ends, and whose subset removal is quadratic in the input's length)
// ran up to its 60 s limit, which showed as 0 execs/s after the first ten seconds.
func FuzzLineReader(f *testing.F) {
	f.Add(`{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"` + strings.Repeat("a", fuzzLineMax) + `"}}` + "\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
	for _, s := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"ping"}`, "not json", "[]", "42", `{"foo":1}`, `{"jsonrpc":"2.0","id":1,"result":{}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r\n\n\n", `[{"jsonrpc":"2.0","id":1,"method":"ping"}]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		var out strings.Builder
		passed, err := io.ReadAll(newLineReader(strings.NewReader(input), &lockedWriter{w: &out}, fuzzLineMax))
		if err != nil {
			t.Fatal(err)
		}
		accepted := 0
		for line := range strings.Lines(string(passed)) {
			accepted++
			if _, err := jsonrpc.DecodeMessage([]byte(line)); err != nil || !json.Valid([]byte(line)) {
				t.Fatalf("passed on %q, which the SDK rejects: %v", line, err)
			}
		}
		answered := 0
		for line := range strings.Lines(out.String()) {
			answered++
			var m struct {
				Error struct{ Code int } `json:"error"`
			}
			if json.Unmarshal([]byte(line), &m) != nil || (m.Error.Code != -32700 && m.Error.Code != -32600) {
				t.Fatalf("answered %q", line)
			}
		}
		// Every line that is not blank gets one of the two, and so does an overlong one even when it is
		// only white space: the reader skips it unread (its +2 spares a CRLF), so it cannot tell.
		want := 0
		for line := range strings.Lines(input) {
			if strings.TrimSpace(line) != "" || len(line) > fuzzLineMax+2 {
				want++
			}
		}
		if accepted+answered != want {
			t.Fatalf("%d lines to answer, %d passed on and %d answered", want, accepted, answered)
		}
	})
}

// fuzzLineMax is FuzzLineReader's line limit (see there).
const fuzzLineMax = 64
