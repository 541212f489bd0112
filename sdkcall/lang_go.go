package sdkcall

import (
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Go: packages imported by path (the package is the module), composite literals for options
// structs, typed parameters, vars and struct fields, multi-assignment.
var goDialect = &dialect{
	lang:     corpus.Go,
	lex:      lexTable{slashComments: true, strings: goString, stringStarts: "\"'`", chanArrow: true, walrus: true},
	keywords: goKeywords, declares: goDeclares, multiAssign: true,
	composite: compositeAlways, sdkName: vUnknown, moduleSelf: goModuleSelf, evalImport: goImportValue,
	typedLiteral: goTypedLiteral, namespaceModules: true,
	fnShape:  func(r *resolver, d defn) fnShape { return r.braceShape(d, retAfter) },
	exported: func(name string) bool { return name != "" && name[0] >= 'A' && name[0] <= 'Z' },
}

func init() { register(goDialect) }

func goString(lx *lexer) bool {
	src, i := lx.src, lx.i
	switch c := src[i]; c {
	case '"', '\'':
		lx.simpleString(c, true, true)
		return true
	case '`': // raw string
		e := strings.IndexByte(src[i+1:], '`')
		end := len(src)
		if e >= 0 {
			end = i + 1 + e + 1
		}
		lx.emitString(i, end, i+1, min(end-1, len(src)), false)
		lx.i = end
		return true
	}
	return false
}

var goKeywords = map[string]func(c *collector, i int) bool{
	"import": func(c *collector, i int) bool { c.goImport(i); return true },
	"func":   func(c *collector, i int) bool { c.goFunc(i); return true },
	"type":   defineNext,
	"package": func(c *collector, i int) bool {
		if c.kind(i+1) == tkIdent {
			c.setPkg(c.text(i + 1))
		}
		return true
	},
	"var": func(c *collector, i int) bool {
		if c.kind(i+1) == tkIdent {
			c.goTypedName(i+1, i+2)
		} else if c.is(i+1, "(") {
			c.goParams(i + 1)
		}
		return true
	},
}

// goFunc reads `func (recv *T) Name(params)`, `func Name(params)` and `func(params)` literals.
func (c *collector) goFunc(i int) {
	j := i + 1
	if c.is(j, "(") { // method receiver
		if m := c.match(j); m > 0 {
			c.goParams(j)
			j = int(m) + 1
		}
	}
	if c.kind(j) == tkIdent {
		c.defAt(i, j, true)
		if c.is(i+1, "(") {
			c.a.defs[len(c.a.defs)-1].recv = int32(c.receiverType(i + 1))
		}
		if c.is(j+1, "(") {
			c.goParams(j + 1)
		}
	} else if c.is(j, "(") {
		c.goParams(j)
	}
}

// goDeclares reads struct fields `name [*]pkg.Type` at the start of a line in braces.
func goDeclares(c *collector, i int) {
	if c.is(i-1, "{") || c.nl(i) {
		if p := c.parent(i); p >= 0 && c.is(int(p), "{") {
			c.goTypedName(i, i+1) // struct field
		}
	}
}

func (c *collector) goImport(i int) {
	one := func(j int) int {
		alias, as := "", false
		if c.kind(j) == tkIdent || c.is(j, ".") || c.is(j, "_") {
			alias, as = c.text(j), true
			j++
		}
		if c.kind(j) != tkString {
			return j + 1
		}
		p := c.value(j)
		if alias == "" {
			alias = goPackageName(p)
		}
		c.addImport(importRef{spec: p, local: alias, as: as, form: formGoImport, pos: int32(i), wk: isGoWorkOSPath(p)})
		return j + 1
	}
	j := i + 1
	if c.is(j, "(") {
		close := int(c.match(j))
		if close < 0 {
			close = c.toks.len()
			c.see(close)
		}
		for k := j + 1; k < close; {
			if c.is(k, ";") {
				k++
				continue
			}
			k = one(k)
		}
		return
	}
	one(j)
}

// goPackageName is the default name of an imported package: the last path element that is not a
// major version suffix (…/workos-go/v4/pkg/usermanagement → usermanagement).
func goPackageName(p string) string {
	parts := strings.Split(p, "/")
	for k := len(parts) - 1; k >= 0; k-- {
		s := parts[k]
		if len(s) >= 2 && s[0] == 'v' && strings.Trim(s[1:], "0123456789") == "" && k > 0 {
			continue
		}
		return strings.ReplaceAll(s, "-", "")
	}
	return p
}

// goParams reads a Go parameter or var list `(a, b *pkg.T, c int)`.
func (c *collector) goParams(open int) {
	close := int(c.match(open))
	if close < 0 {
		return
	}
	var names []int
	for j := open + 1; j < close; j++ {
		if c.parent(j) != int32(open) {
			continue
		}
		if c.kind(j) == tkIdent && (c.is(j-1, "(") || c.is(j-1, ",") || c.nl(j) || c.is(j-1, ";")) {
			names = append(names, j)
			if !(c.is(j+1, ",")) {
				typ := j + 1
				for _, n := range names {
					c.goBindType(n, typ)
				}
				names = names[:0]
			}
		}
	}
}

// goTypedName reads `name [*]Type` / `name [*]pkg.Type` (var declarations, struct fields).
func (c *collector) goTypedName(name, typ int) {
	if c.kind(name) != tkIdent {
		return
	}
	c.goBindType(name, typ)
}

func (c *collector) goBindType(name, typ int) {
	for c.is(typ, "*") || c.is(typ, "&") {
		typ++
	}
	if c.kind(typ) != tkIdent {
		return
	}
	switch c.view(typ) {
	case "func", "map", "chan", "struct", "interface":
		return
	}
	c.bind(binding{kind: bindType, pos: int32(name), tok: int32(typ)})
}

func isGoWorkOSPath(p string) bool {
	return p == "github.com/workos/workos-go" || strings.HasPrefix(p, "github.com/workos/workos-go/")
}

// goImportValue evaluates an imported package: a WorkOS package is its module.
func goImportValue(r *resolver, imp importRef) value {
	if !imp.wk {
		return value{kind: vForeign}
	}
	pkg := goPackageName(imp.spec)
	if m, ok := r.moduleOf(pkg); ok {
		return value{kind: vModule, module: m}
	}
	if s, ok := r.s.Module(pkg); ok {
		return value{kind: vWk, module: s}
	}
	return value{kind: vWk}
}

// goModuleSelf: a package's client type and constructors stand for the package (usermanagement.Client,
// usermanagement.DefaultClient, usermanagement.NewClient(…)).
func goModuleSelf(name string) bool {
	return name == "Client" || name == "DefaultClient" || strings.HasPrefix(name, "New")
}

// goTypedLiteral recognises an options struct literal: usermanagement.CreateUserOpts{…}.
func goTypedLiteral(r *resolver, open int) (container, bool) {
	if r.kind(open-1) != tkIdent {
		return container{}, false
	}
	start := r.chainStart(open - 1)
	v, _ := r.evalExpr(start, open)
	if v.kind != vOptType {
		return container{}, false
	}
	return container{open: open, entries: v.entries, param: v.param, sep: ":", insert: ": "}, true
}

// receiverType is the type name of a method receiver list `(c *Client)`, `(Client)`, `(c *Client[T])`.
func (c *collector) receiverType(open int) int {
	close := int(c.match(open))
	for j := close - 1; j > open; j-- {
		if c.kind(j) == tkIdent && (c.is(j-1, "*") || c.is(j-1, "(") || c.kind(j-1) == tkIdent) {
			return j
		}
	}
	return -1
}
