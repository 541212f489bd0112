package mcpserver

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
)

// maxLineBytes bounds one inbound message. The SDK's own bound is the same; over it the SDK ends the
// session, while the line reader answers the one message with an error and reads on.
const maxLineBytes = 16 << 20

// lineReader stands between stdin and the SDK's transport. The SDK ends the whole session on the first
// line it cannot decode (not JSON, `[]`, `42`, `{"foo":1}`, a truncated line, a batch after 2025-06-18);
// a client with one bad message should get a JSON-RPC error for that message and keep its session, as
// the npm server's does. So every line is checked here with the SDK's own decoder, a bad one is
// answered on out (-32700 for what is not JSON, -32600 for JSON that is not a message), and only lines
// the SDK accepts reach it, one compact line each.
//
// Batches are answered -32600: MCP dropped them in 2025-06-18, the SDK ends the session on one after
// that version, and the npm server never accepted them.
type lineReader struct {
	in      *bufio.Reader
	out     *lockedWriter
	max     int
	pending []byte // the accepted line being handed to the SDK
}

func newLineReader(in io.Reader, out *lockedWriter, max int) *lineReader {
	return &lineReader{in: bufio.NewReaderSize(in, 64<<10), out: out, max: max}
}

func (r *lineReader) Read(p []byte) (int, error) {
	for len(r.pending) == 0 {
		line, tooLong, err := r.readLine()
		if len(line) > 0 || tooLong {
			if answer := r.check(line, tooLong); answer != nil {
				if _, werr := r.out.Write(answer); werr != nil {
					return 0, werr
				}
			} else {
				r.pending = append(line, '\n')
			}
		}
		if err != nil && len(r.pending) == 0 {
			return 0, err
		}
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	return n, nil
}

// readLine reads up to the next newline; a line over r.max is skipped to its end without being kept.
// The line comes back trimmed of surrounding white space.
func (r *lineReader) readLine() (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := r.in.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > r.max+2 { // +2: a CRLF does not count
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if tooLong {
			return nil, true, err
		}
		return bytes.TrimSpace(buf), false, err
	}
}

// check returns the error response for a line the SDK would not accept, or nil for one it does.
func (r *lineReader) check(line []byte, tooLong bool) []byte {
	if tooLong {
		return errorLine(nil, jsonrpc.CodeInvalidRequest, fmt.Sprintf("message longer than %d bytes", r.max))
	}
	if !json.Valid(line) {
		return errorLine(nil, jsonrpc.CodeParseError, "parse error: the line is not one JSON value")
	}
	if line[0] == '[' {
		return errorLine(nil, jsonrpc.CodeInvalidRequest, "invalid request: JSON-RPC batches are not supported; send one message a line")
	}
	if _, err := jsonrpc.DecodeMessage(line); err != nil {
		return errorLine(requestID(line), jsonrpc.CodeInvalidRequest, "invalid request: "+err.Error())
	}
	return nil
}

// requestID is the id of a rejected message when it has a usable one, so the client can match the
// error to its request; otherwise null, as JSON-RPC asks.
func requestID(line []byte) any {
	var m struct {
		ID any `json:"id"`
	}
	if json.Unmarshal(line, &m) != nil {
		return nil
	}
	switch id := m.ID.(type) {
	case string:
		return id
	case float64:
		return id
	}
	return nil
}

func errorLine(id any, code int64, message string) []byte {
	b, err := json.Marshal(map[string]any{
		"jsonrpc": "2.0",
		"id":      id,
		"error":   map[string]any{"code": code, "message": message},
	})
	if err != nil { // the values above always marshal
		panic(err)
	}
	return append(b, '\n')
}

// lockedWriter keeps the line reader's error responses and the SDK's messages whole: the SDK writes one
// message in one Write, and so does the line reader, under the same lock.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}

func (*lockedWriter) Close() error { return nil }
