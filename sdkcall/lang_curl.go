package sdkcall

import (
	"regexp"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// curl and HTTP request files: shell scripts calling api.workos.com and .http request lines are
// scanned line by line for API paths and event names instead of being lexed as code.
var curlDialect = &dialect{lang: corpus.Curl, shell: true}

func init() { register(curlDialect) }

// endpointRef is an API path written in a curl command or an HTTP request line.
type endpointRef struct {
	s, e   int    // the path
	path   string // its text
	method string // "POST"; "" when unknown
	cmd    string // its whole command
}

const apiHost = "api.workos.com"

var httpMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

// scanEndpoints finds API paths in shell or .http text: every path after api.workos.com, and the
// path of request lines such as `POST /user_management/users`. Comment lines are skipped.
func scanEndpoints(src string) []endpointRef {
	var out []endpointRef
	lineStart := 0
	for lineStart <= len(src) {
		le := lineEnd(src, lineStart)
		line := src[lineStart:le]
		trimmed := strings.TrimLeft(line, " \t")
		if !strings.HasPrefix(trimmed, "#") && !strings.HasPrefix(trimmed, "//") {
			out = scanLine(src, lineStart, le, out)
		}
		lineStart = le + 1
	}
	return out
}

func scanLine(src string, ls, le int, out []endpointRef) []endpointRef {
	line := src[ls:le]
	indent := len(line) - len(strings.TrimLeft(line, " \t"))
	// A request line: METHOD /path or METHOD https://api.workos.com/path.
	reqMethod := ""
	for _, m := range httpMethods {
		rest := line[indent:]
		if strings.HasPrefix(rest, m+" ") {
			reqMethod = m
			p := indent + len(m) + 1
			for p < len(line) && line[p] == ' ' {
				p++
			}
			if p < len(line) && line[p] == '/' {
				s, e := pathSpan(src, ls+p)
				if e > s+1 {
					out = append(out, endpointRef{s: s, e: e, path: src[s:e], method: m})
				}
			}
			break
		}
	}
	for from := 0; ; {
		i := strings.Index(line[from:], apiHost)
		if i < 0 {
			break
		}
		p := ls + from + i + len(apiHost)
		from += i + len(apiHost)
		if p >= le || src[p] != '/' {
			continue
		}
		s, e := pathSpan(src, p)
		if e <= s+1 {
			continue
		}
		method := reqMethod
		if method == "" {
			method = curlMethod(src, ls, le)
		}
		cs, ce := curlCommand(src, ls, le)
		out = append(out, endpointRef{s: s, e: e, path: src[s:e], method: method, cmd: src[cs:ce]})
	}
	return out
}

// pathSpan returns the extent of the URL path starting at src[p] == '/'.
func pathSpan(src string, p int) (int, int) {
	e := p
	for e < len(src) {
		c := src[e]
		if c <= ' ' || c == '"' || c == '\'' || c == '?' || c == '#' || c == '`' || c == '\\' || c == ')' || c == '>' || c == '<' {
			break
		}
		e++
	}
	for e > p+1 && (src[e-1] == '.' || src[e-1] == ',' || src[e-1] == ';') {
		e--
	}
	return p, e
}

// curlCommand is the extent of the command around the line [ls, le): lines joined by a trailing
// backslash or inside a quoted argument (a JSON body over several lines).
func curlCommand(src string, ls, le int) (int, int) {
	start := ls
	for start > 0 {
		prevEnd := start - 1 // the '\n'
		pl := strings.LastIndexByte(src[:prevEnd], '\n') + 1
		prev := strings.TrimRight(src[pl:prevEnd], " \t\r")
		if !strings.HasSuffix(prev, "\\") {
			break
		}
		start = pl
		if ls-start > 1<<14 {
			break
		}
	}
	var quote byte
	end := start
	for ; end < len(src) && end-le < 1<<14; end++ {
		switch c := src[end]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '\\':
			end++ // an escaped character, or a line continued
		case c == '\n':
			return start, end
		}
	}
	return start, min(end, len(src))
}

// curlMethod reads the method of the curl command around the line [ls, le): -X/--request, else POST
// when data is sent, else GET. The command spans lines joined by a trailing backslash.
func curlMethod(src string, ls, le int) string {
	start, end := curlCommand(src, ls, le)
	cmd := src[start:end]
	fields := strings.Fields(strings.NewReplacer("\\\n", " ", "\\\r\n", " ").Replace(cmd))
	data := false
	for i, f := range fields {
		switch {
		case f == "-X" || f == "--request":
			if i+1 < len(fields) {
				return strings.ToUpper(strings.Trim(fields[i+1], `"'`))
			}
		case strings.HasPrefix(f, "-X") && len(f) > 2:
			return strings.ToUpper(strings.Trim(f[2:], `"'`))
		case strings.HasPrefix(f, "--request="):
			return strings.ToUpper(strings.Trim(f[len("--request="):], `"'`))
		case f == "-d" || strings.HasPrefix(f, "--data") || f == "-F" || f == "--form" || f == "--json" || strings.HasPrefix(f, "-d"):
			data = true
		}
	}
	if data {
		return "POST"
	}
	if strings.Contains(cmd, "curl") {
		return "GET"
	}
	return ""
}

// endpointEntries finds the curl entries of a path; a method the docs do not list for the path
// falls back to any method. When several operations share the path (POST /user_management/authenticate
// for every grant type), those whose fixed-value parameters the command sends win.
func endpointEntries(s *corpus.Symbols, ep endpointRef) []*corpus.Entry {
	es := s.Endpoint(ep.method, ep.path)
	if len(es) == 0 && ep.method != "" {
		es = s.Endpoint("", ep.path)
	}
	if len(es) < 2 || ep.cmd == "" {
		return es
	}
	best, top := 0, []*corpus.Entry(nil)
	for _, e := range es {
		n := 0
		for _, p := range e.Parameters {
			if v, ok := literalType(p.Type); ok && p.Key != "" && sends(ep.cmd, p.Key, v) {
				n++
			}
		}
		switch {
		case n > best:
			best, top = n, []*corpus.Entry{e}
		case n == best && n > 0:
			top = append(top, e)
		}
	}
	if best == 0 {
		return es
	}
	return top
}

// literalType reads a parameter type that is one string value: `"authorization_code"`.
func literalType(t string) (string, bool) {
	t = strings.TrimSpace(t)
	if len(t) < 3 || t[0] != '"' || t[len(t)-1] != '"' || strings.ContainsAny(t[1:len(t)-1], "\"|") {
		return "", false
	}
	return t[1 : len(t)-1], true
}

// sends reports whether a command sets key to value: `"key": "value"` in a JSON body, key=value in
// a form or query.
func sends(cmd, key, value string) bool {
	re, err := regexp.Compile(`(^|[^\w.-])["']?` + regexp.QuoteMeta(key) + `["']?\s*[:=]\s*["']?` + regexp.QuoteMeta(value) + `($|[^\w.-])`)
	return err == nil && re.MatchString(cmd)
}

// scanDottedWords finds the words with dots in shell or .http text outside comment lines: event
// names in JSON bodies (-d '{"events": ["dsync.user.created"]}') and query strings
// (?events=user.created,user.deleted).
func scanDottedWords(src string) []span {
	var out []span
	for ls := 0; ls <= len(src); {
		le := lineEnd(src, ls)
		line := strings.TrimLeft(src[ls:le], " \t")
		if !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "//") {
			for i := ls; i < le; {
				if !isEventByte(src[i]) {
					i++
					continue
				}
				j := i
				for j < le && isEventByte(src[j]) {
					j++
				}
				if w := src[i:j]; strings.IndexByte(w, '.') > 0 && w[len(w)-1] != '.' && (i == ls || src[i-1] != '/') {
					out = append(out, span{int32(i), int32(j)})
				}
				i = j
			}
		}
		ls = le + 1
	}
	return out
}

func isEventByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.'
}

// curlEvent finds the event name written at offset in a curl/http file.
func (f *File) curlEvent(s *corpus.Symbols, offset int) (Target, bool) {
	for _, w := range f.a.words {
		if offset < int(w.s) || offset > int(w.e) {
			continue
		}
		if ev, ok := s.Event(f.Text[w.s:w.e]); ok {
			return Target{Kind: TargetEvent, Start: int(w.s), End: int(w.e), Event: ev}, true
		}
	}
	return Target{}, false
}

func (f *File) endpointAt(s *corpus.Symbols, offset int) (Target, bool) {
	for _, ep := range f.a.endpoints {
		if offset < ep.s || offset > ep.e {
			continue
		}
		es := endpointEntries(s, ep)
		if len(es) == 0 {
			return Target{}, false
		}
		return Target{Kind: TargetEndpoint, Start: ep.s, End: ep.e, Entries: es}, true
	}
	return f.curlEvent(s, offset)
}
