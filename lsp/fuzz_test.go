package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzRun feeds arbitrary bytes to the server as its stdin. Whatever arrives, Run returns once the
// input ends, and stdout holds nothing but well-formed frames of JSON.
func FuzzRun(f *testing.F) {
	session := func(msgs ...string) []byte {
		var b strings.Builder
		for _, m := range msgs {
			b.WriteString(frame(m))
		}
		return []byte(b.String())
	}
	initialize := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"window":{"workDoneProgress":true}}}}`
	open := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.ts","languageId":"typescript","version":1,"text":"import { WorkOS } from '@workos-inc/node';\nconst workos = new WorkOS();\nworkos.userManagement.createUser({ email });\n"}}}`
	f.Add(session(initialize, `{"jsonrpc":"2.0","method":"initialized","params":{}}`, open,
		`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.ts"},"position":{"line":2,"character":30}}}`,
		`{"jsonrpc":"2.0","id":3,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///a.ts"},"position":{"line":2,"character":22}}}`,
		`{"jsonrpc":"2.0","id":4,"method":"shutdown"}`, `{"jsonrpc":"2.0","method":"exit"}`))
	f.Add(session(initialize, `{"jsonrpc":"2.0","id":2,"method":`, `[]`, `{"jsonrpc":"2.0","id":3,"result":1,"method":"x"}`))
	f.Add([]byte("Content-Length: banana\r\n\r\n{}garbage without colon\r\n"))
	f.Add(session(initialize, `{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.ts","version":9},"contentChanges":[{"range":{"start":{"line":99,"character":99},"end":{"line":0,"character":0}},"text":"\xff"}]}}`))
	docs := fixtureDocs(f)
	f.Fuzz(func(t *testing.T, input []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		loader := &fixtureLoader{docs: docs}
		var stdout bytes.Buffer
		done := make(chan int, 1)
		go func() {
			done <- Run(ctx, bytes.NewReader(input), &stdout, io.Discard, Options{Loader: loader.load, CacheDir: t.TempDir(), DiagnosticsDelay: time.Millisecond})
		}()
		select {
		case <-done:
		case <-ctx.Done():
			t.Fatal("Run did not return after the end of its input")
		}
		if err := onlyFrames(stdout.Bytes()); err != nil {
			t.Fatalf("stdout: %v\n%q", err, stdout.String())
		}
	})
}

// onlyFrames checks that out is a sequence of Content-Length frames, each a JSON value.
func onlyFrames(out []byte) error {
	r := bufio.NewReader(bytes.NewReader(out))
	for {
		if _, err := r.Peek(1); err == io.EOF {
			return nil
		}
		header, err := textproto.NewReader(r).ReadMIMEHeader()
		if err != nil {
			return err
		}
		n, err := strconv.Atoi(header.Get("Content-Length"))
		if err != nil || n < 0 {
			return errors.New("bad Content-Length")
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return err
		}
		if !json.Valid(body) {
			return errors.New("a frame is not JSON: " + string(body))
		}
	}
}
