package lsp

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// maxFrame bounds the body a single frame may declare (a 5,000-line file is a few hundred KB).
const maxFrame = 256 << 20

// stream is the LSP base-protocol framing, reading tolerant of garbage. jsonrpc2's own header framer
// ends the connection on the first malformed header or body; a language server should survive a
// client's bad frame where the framing allows it:
//
//   - a header block without a usable Content-Length is logged, and the reader resynchronises on the
//     next "Content-Length:" it sees;
//   - a well-framed body that is not JSON is answered with a ParseError (id null), one that is JSON
//     but not a JSON-RPC message with an InvalidRequest (id null); both are logged and skipped.
//
// Only frames that jsonrpc2 can decode reach the connection. Writes go through jsonrpc2's header framer
// on the same transport, which serialises writers so every frame is one contiguous write.
type stream struct {
	rwc  io.ReadWriteCloser
	in   *bufio.Reader
	out  jsonrpc2.Stream
	log  *slog.Logger
	body []byte
}

func newStream(rwc io.ReadWriteCloser, log *slog.Logger) *stream {
	return &stream{rwc: rwc, in: bufio.NewReaderSize(rwc, 64<<10), out: jsonrpc2.NewHeaderStream(rwc), log: log}
}

var errBadHeader = errors.New("malformed header")

// ReadFrame returns the next decodable frame body. The slice is valid until the next call.
func (s *stream) ReadFrame(ctx context.Context) ([]byte, int64, error) {
	resync := false
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		length, hdr, err := s.readHeader(resync)
		if errors.Is(err, errBadHeader) {
			s.log.Warn("skipping malformed frame header; resynchronising", "error", err)
			resync = true
			continue
		}
		if err != nil {
			return nil, 0, err
		}
		resync = false
		if cap(s.body) < length {
			s.body = make([]byte, length)
		}
		body := s.body[:length]
		if _, err := io.ReadFull(s.in, body); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, 0, err
		}
		if bad := s.check(ctx, body); bad {
			continue
		}
		return body, int64(hdr + length), nil
	}
}

// check answers a body jsonrpc2 could not decode and reports whether it did.
func (s *stream) check(ctx context.Context, body []byte) bool {
	trimmed := bytes.TrimSpace(body)
	var err error
	if len(trimmed) > 0 && trimmed[0] == '[' {
		_, err = jsonrpc2.ParseRequests(trimmed)
	} else {
		_, err = jsonrpc2.DecodeMessage(body)
	}
	if err == nil {
		return false
	}
	code := jsonrpc2.InvalidRequest
	var werr *jsonrpc2.Error
	if errors.As(err, &werr) && werr.Code == jsonrpc2.ParseError {
		code = jsonrpc2.ParseError
	}
	msg := "invalid JSON-RPC message"
	if code == jsonrpc2.ParseError {
		msg = "invalid JSON in message body"
	}
	s.log.Warn("rejecting undecodable frame", "error", err, "bytes", len(body))
	if _, werr := s.out.Write(ctx, jsonrpc2.NewResponse(jsonrpc2.ID{}, nil, jsonrpc2.NewError(code, msg))); werr != nil {
		s.log.Warn("writing error response", "error", werr)
	}
	return true
}

// readHeader reads one header block and returns the body length and header size. With resync set, it
// first discards input up to the next "Content-Length:" field name.
func (s *stream) readHeader(resync bool) (length, consumed int, err error) {
	have := false
	if resync {
		if err := s.skipToContentLength(); err != nil {
			return 0, 0, err
		}
		line, err := s.in.ReadSlice('\n')
		if err != nil {
			return 0, 0, eofMid(err)
		}
		n, ok := parseLength(line)
		if !ok {
			return 0, 0, fmt.Errorf("%w: Content-Length %q", errBadHeader, bytes.TrimSpace(line))
		}
		length, have = n, true
	}
	for {
		line, err := s.in.ReadSlice('\n')
		if err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				return 0, 0, fmt.Errorf("%w: header line too long", errBadHeader)
			}
			if err == io.EOF && consumed == 0 && len(line) == 0 && !have {
				return 0, 0, io.EOF
			}
			return 0, 0, eofMid(err)
		}
		consumed += len(line)
		trimmed := bytes.TrimRight(line, "\r\n")
		if len(trimmed) == 0 {
			break
		}
		if i := indexContentLength(trimmed); i > 0 {
			// The tail of a body whose Content-Length was too short (a client counting characters, not
			// bytes) runs into the next frame's header line: the frame starts at the field name.
			s.log.Warn("skipping bytes before a Content-Length header", "bytes", i)
			trimmed, consumed = trimmed[i:], consumed-i
		}
		name, value, ok := bytes.Cut(trimmed, []byte(":"))
		if !ok {
			return 0, 0, fmt.Errorf("%w: %q", errBadHeader, trimmed)
		}
		if bytes.EqualFold(bytes.TrimSpace(name), []byte("Content-Length")) {
			n, ok := parseLength(value)
			if !ok {
				return 0, 0, fmt.Errorf("%w: Content-Length %q", errBadHeader, bytes.TrimSpace(value))
			}
			length, have = n, true
		}
	}
	if !have {
		return 0, 0, fmt.Errorf("%w: no Content-Length", errBadHeader)
	}
	return length, consumed, nil
}

// indexContentLength is where a case-insensitive "Content-Length:" starts in line, or -1.
func indexContentLength(line []byte) int {
	const want = "content-length:"
	for i := 0; i+len(want) <= len(line); i++ {
		if bytes.EqualFold(line[i:i+len(want)], []byte(want)) {
			return i
		}
	}
	return -1
}

func parseLength(v []byte) (int, bool) {
	n, err := strconv.Atoi(string(bytes.TrimSpace(v)))
	if err != nil || n <= 0 || n > maxFrame {
		return 0, false
	}
	return n, true
}

// skipToContentLength discards bytes until just after a case-insensitive "Content-Length:".
func (s *stream) skipToContentLength() error {
	const want = "content-length:"
	matched := 0
	for {
		c, err := s.in.ReadByte()
		if err != nil {
			return eofMid(err)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		switch {
		case c == want[matched]:
			matched++
			if matched == len(want) {
				return nil
			}
		case c == want[0]:
			matched = 1
		default:
			matched = 0
		}
	}
}

func eofMid(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// WriteFrame writes an encoded body as one frame.
func (s *stream) WriteFrame(ctx context.Context, data []byte) (int64, error) {
	return s.out.(interface {
		WriteFrame(context.Context, []byte) (int64, error)
	}).WriteFrame(ctx, data)
}

// Read implements jsonrpc2.Stream for completeness; the connection uses ReadFrame.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	body, n, err := s.ReadFrame(ctx)
	if err != nil {
		return nil, 0, err
	}
	msg, err := jsonrpc2.DecodeMessage(body)
	return msg, n, err
}

func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	return s.out.Write(ctx, msg)
}

func (s *stream) Close() error { return s.rwc.Close() }

// codec encodes payloads with the protocol package's union-aware codec (protocol.NewServer installs
// the same one, unexported, on its connections), with one difference: Unmarshal always decodes a copy.
// jsonrpc2 v1 unmarshals small numeric-id responses straight from its reused frame buffer, and
// protocol.Unmarshal copies its input only for destinations with a generated byte walker: a union root
// such as *[]protocol.CommandOrCodeAction decodes strings that alias the buffer, which the next frame
// then overwrites.
type codec struct{}

func (codec) Marshal(v any) ([]byte, error) {
	switch m := v.(type) {
	case jsonrpc2.RawMessage:
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	case nil:
		return []byte("null"), nil
	}
	return protocol.Marshal(v)
}

func (codec) Unmarshal(data []byte, v any) error {
	if p, ok := v.(*jsonrpc2.RawMessage); ok {
		*p = append(jsonrpc2.RawMessage(nil), data...)
		return nil
	}
	return protocol.Unmarshal(slices.Clone(data), v)
}
