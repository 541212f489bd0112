package sdkcall

import (
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Python: import and from-import (relative with leading dots), keyword arguments, dict options,
// annotations, string prefixes and f-strings with {…} code.
var pythonDialect = &dialect{
	lang: corpus.Python,
	lex: lexTable{hashComments: true, strings: pythonStringAt, stringStarts: "\"'", stringPrefixes: true, walrus: true, lineJoin: true,
		statementWords: pythonStatementWords},
	keywords: pythonKeywords, declares: pythonDeclares, multiAssign: true, kwargsInParens: true, annotations: true,
	sdkName: vNamespace, moduleClasses: true, nsClient: "client", evalImport: pythonImportValue,
	kwargSep: "=", literal: literalRule{open: '{', sep: ":", strKeys: true}, keyQuote: '"',
	classNamesFrom: corpus.Ruby,
	fnShape:        func(r *resolver, d defn) fnShape { return r.indentShape(d, retArrow, false) },
	indentBlocks:   true, wordOr: true, lineEndsChain: true,
	exported: func(name string) bool { return !strings.HasPrefix(name, "_") },
}

func init() { register(pythonDialect) }

func pythonStringAt(lx *lexer) bool {
	src, i := lx.src, lx.i
	c := src[i]
	if c == '"' || c == '\'' {
		lx.pythonString(i, i, false)
		return true
	}
	if !isIdentStart(c) {
		return false
	}
	// String prefixes: r, b, u, f, rb, br, fr, rf, t (any case).
	j := i
	for j < len(src) && j-i < 3 && isIdentByte(src[j]) {
		j++
	}
	if j >= len(src) || src[j] != '"' && src[j] != '\'' || !isStringPrefix(src[i:j]) {
		return false
	}
	if strings.ContainsAny(src[i:j], "fF") {
		q := src[j]
		triple := j+2 < len(src) && src[j+1] == q && src[j+2] == q
		body := j + 1
		if triple {
			body = j + 3
		}
		lx.fstringPart(i, body, q, triple)
		return true
	}
	lx.pythonString(i, j, strings.ContainsAny(src[i:j], "tT"))
	return true
}

func isStringPrefix(p string) bool {
	if len(p) == 0 || len(p) > 2 {
		return false
	}
	for _, c := range p {
		switch c | 0x20 {
		case 'r', 'b', 'u', 'f', 't':
		default:
			return false
		}
	}
	return true
}

// fstringPart consumes Python f-string text from body to the closing quote or the next {, as one
// string token starting at s; {{ and }} are literal braces.
func (lx *lexer) fstringPart(s, body int, q byte, triple bool) {
	src := lx.src
	for j := body; j < len(src); j++ {
		switch c := src[j]; {
		case c == '\\':
			j++
		case c == '{':
			if j+1 < len(src) && src[j+1] == '{' {
				j++
				continue
			}
			lx.emitString(s, j+1, body, j, true)
			lx.interps = append(lx.interps, interpFrame{depth: len(lx.stack), kind: 'f', quote: q, triple: triple})
			lx.i = j + 1
			return
		case c == q && (!triple || j+2 < len(src) && src[j+1] == q && src[j+2] == q):
			end := j + 1
			if triple {
				end = j + 3
			}
			lx.emitString(s, end, body, j, true)
			lx.i = end
			return
		case c == '\n' && !triple:
			lx.emitString(s, j, body, j, true)
			lx.i = j
			return
		}
	}
	lx.emitString(s, len(src), min(body, len(src)), len(src), true)
	lx.i = len(src)
}

func (lx *lexer) pythonString(s, q int, interp bool) {
	src := lx.src
	quote := src[q]
	if q+2 < len(src) && src[q+1] == quote && src[q+2] == quote {
		lx.tripleString(s, q+3, tripleQuote(quote), true)
		lx.setInterp(lx.last(), interp)
		return
	}
	lx.i = q
	lx.simpleString(quote, true, true)
	t := &lx.toks[len(lx.toks)-1]
	t.s = int32(s)
	lx.setInterp(lx.last(), interp)
}

func tripleQuote(q byte) string {
	if q == '\'' {
		return "'''"
	}
	return `"""`
}

// pythonStatementWords are the keywords that can start a line only as a statement: not for, if,
// else, async, lambda, await, yield or from, which continue comprehensions and expressions.
var pythonStatementWords = map[string]bool{"def": true, "class": true, "return": true, "import": true,
	"elif": true, "while": true, "with": true, "try": true, "except": true, "finally": true, "raise": true,
	"pass": true, "break": true, "continue": true, "del": true, "global": true, "nonlocal": true, "assert": true}

var pythonKeywords = map[string]func(c *collector, i int) bool{
	"import": func(c *collector, i int) bool {
		if !c.is(i-1, ".") && c.stmtStart(i) {
			c.pyImport(i)
		}
		return true
	},
	"from":  func(c *collector, i int) bool { c.pyFrom(i); return true },
	"def":   defineNext,
	"class": defineNext,
}

// pythonDeclares reads annotations `name: Type`.
func pythonDeclares(c *collector, i int) {
	if c.nextByte(i) == ':' {
		c.typeAnnotation(i)
	}
}

// pyImport reads `import a.b [as x], c`.
func (c *collector) pyImport(i int) {
	j := i + 1
	for k := 0; j < c.toks.len() && k < 64; k++ {
		parts, next := c.qualifiedName(j, ".")
		if len(parts) == 0 {
			return
		}
		j = next
		r := importRef{spec: strings.Join(parts, "."), local: parts[0], form: formPyImport, pos: int32(i), wk: parts[0] == "workos"}
		if c.is(j, "as") && c.kind(j+1) == tkIdent {
			r.local, r.as = c.text(j+1), true // import a.b as c binds c to a.b; import a.b binds a
			j += 2
		}
		c.addImport(r)
		if !c.is(j, ",") {
			return
		}
		j++
	}
}

// pyFrom reads `from a.b import x [as y], (z)`.
func (c *collector) pyFrom(i int) {
	j := i + 1
	dots := 0
	for ; c.is(j, ".") || c.is(j, "..."); j++ {
		dots += len(c.view(j))
	}
	var parts []string
	if !c.is(j, "import") {
		parts, j = c.qualifiedName(j, ".")
	}
	if !c.is(j, "import") {
		return
	}
	path := strings.Join(parts, ".")
	wk := dots == 0 && len(parts) > 0 && parts[0] == "workos"
	j++
	end := c.toks.len()
	if c.is(j, "(") {
		if m := c.match(j); m > 0 {
			end = int(m)
		}
		j++
	}
	for ; j < end; j++ {
		if c.kind(j) != tkIdent {
			if c.is(j, ",") {
				continue
			}
			break
		}
		r := importRef{spec: path, member: c.text(j), local: c.text(j), form: formPyFrom, dots: dots, pos: int32(i), wk: wk, rel: dots > 0}
		if c.is(j+1, "as") && c.kind(j+2) == tkIdent {
			r.local, r.as = c.text(j+2), true
			j += 2
		}
		c.addImport(r)
		if !c.is(j+1, ",") && end == c.toks.len() {
			break
		}
	}
}

// pythonImportValue evaluates an imported name: `import workos` is the SDK namespace, `from workos
// import WorkOSClient` its member; `import a.b` binds a, `import a.b as c` binds a.b.
func pythonImportValue(r *resolver, imp importRef) value {
	if !imp.wk {
		if imp.rel {
			return r.fromProject(imp)
		}
		if containsFold(imp.spec, "workos") {
			return value{kind: vUnknown} // the app's own wrapper module (myapp.workos_client)
		}
		return value{kind: vForeign}
	}
	ns := value{kind: vNamespace}
	if imp.member != "" {
		return r.member(ns, imp.member)
	}
	path := imp.spec
	if imp.form == formPyImport && !imp.as {
		path, _, _ = strings.Cut(path, ".")
	}
	if path == "workos" {
		return ns
	}
	return r.member(ns, path[strings.LastIndexByte(path, '.')+1:])
}
