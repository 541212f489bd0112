package sdkcall

import (
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// C# (.NET): using WorkOS, …Service module classes, `Type name` declarations, object initializers
// (new CreateUserOptions { Email = … }, target-typed new()), named arguments, verbatim, interpolated
// and raw strings.
var csharpDialect = &dialect{
	lang:     corpus.DotNet,
	lex:      lexTable{slashComments: true, strings: csharpString, stringStarts: "\"'$@", atVars: true, stringLines: true},
	keywords: csharpKeywords, declares: declarations,
	composite: compositeAfterNew, sdkName: vNamespace, moduleClasses: true, evalImport: csharpImportValue,
	typesBeforeNames: true, optionsNamedAfterCalls: true,
	kwargSep: ":", namedArgs: true, typedLiteral: csharpTypedLiteral, namespaceModules: true,
	fnShape: func(r *resolver, d defn) fnShape { return r.braceShape(d, retBefore) },
}

func init() { register(csharpDialect) }

// csharpString consumes "…", '…', @"…" (verbatim), $"…{code}…" (interpolated), $@"…" and raw
// """…""" literals.
func csharpString(lx *lexer) bool {
	src, i := lx.src, lx.i
	j := i
	interp, verbatim := false, false
	for j < len(src) && j-i < 4 {
		switch src[j] {
		case '$':
			interp = true
			j++
			continue
		case '@':
			verbatim = true
			j++
			continue
		}
		break
	}
	if j >= len(src) {
		return false
	}
	switch src[j] {
	case '"':
	case '\'':
		if j == i {
			lx.simpleString('\'', true, true)
			return true
		}
		return false
	default:
		return false
	}
	if strings.HasPrefix(src[j:], `"""`) { // raw string literal: closed by as many quotes
		n := 0
		for j+n < len(src) && src[j+n] == '"' {
			n++
		}
		lx.tripleString(i, j+n, strings.Repeat(`"`, n), false)
		lx.setInterp(lx.last(), interp)
		return true
	}
	if !interp && !verbatim {
		lx.simpleString('"', true, true)
		return true
	}
	if !interp {
		lx.interpString(i, j+1, '"', true, false)
		return true
	}
	lx.interpString(i, j+1, '"', verbatim, true)
	lx.setInterp(lx.last(), true)
	return true
}

var csharpKeywords = map[string]func(c *collector, i int) bool{
	"using": func(c *collector, i int) bool { c.csUsing(i); return true },
	"class": defineNext, "interface": defineNext, "enum": defineNext, "record": defineNext, "struct": defineNext,
	"namespace": packageClause("."),
}

// csUsing reads `using A.B;`, `using static A.B;` and `using X = A.B;` (an alias, which binds X
// like an assignment too).
func (c *collector) csUsing(i int) {
	j := i + 1
	if c.is(j, "static") {
		j++
	}
	local := ""
	if c.kind(j) == tkIdent && c.is(j+1, "=") {
		local = c.text(j)
		j += 2
	}
	parts, _ := c.qualifiedName(j, ".")
	if len(parts) == 0 {
		return
	}
	c.addImport(importRef{spec: strings.Join(parts, "."), member: parts[len(parts)-1], local: local, as: local != "",
		form: formCSUsing, pos: int32(i), wk: parts[0] == "WorkOS"})
}

// csharpImportValue evaluates a using alias: of the SDK, its namespace; another namespace may be the
// project's own, so nothing is known of it.
func csharpImportValue(r *resolver, imp importRef) value {
	if imp.wk {
		return value{kind: vNamespace}
	}
	return value{kind: vUnknown}
}

// csharpTypedLiteral recognises an object initializer of an options class (new CreateUserOptions {
// … }) and target-typed new() { … } passed as an argument.
func csharpTypedLiteral(r *resolver, open int) (container, bool) {
	c := container{open: open, param: -1, sep: "=", insert: " = "}
	j := open - 1
	if r.is(j, ")") && r.toks.at(j).match >= 0 {
		j = int(r.toks.at(j).match) - 1
	}
	if r.is(j, "new") { // target-typed new() { … } as an argument
		p := int(r.toks.at(open).parent())
		if p >= 0 && r.is(p, "(") {
			if es := r.calleeEntries(p); len(es) > 0 {
				c.entries = es
				return c, true
			}
		}
		return container{}, false
	}
	if r.kind(j) != tkIdent {
		return container{}, false
	}
	start := r.chainStart(j)
	if r.is(start, "new") {
		start++
	}
	v, _ := r.evalExpr(start, j+1)
	if v.kind != vOptType {
		return container{}, false
	}
	c.entries, c.param = v.entries, v.param
	return c, true
}
