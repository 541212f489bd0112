package sdkcall

import (
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// JavaScript and TypeScript (Node, Next.js, React and the AuthKit packages): ES modules and CommonJS,
// template literals with ${…} code, regexes, destructuring, TS annotations and non-null assertions.
var jsDialect = &dialect{
	lang: corpus.JS,
	lex: lexTable{slashComments: true, strings: jsString, stringStarts: "\"'`/",
		dollarAlways: true, hashPrivate: true, dollarInIdent: true},
	keywords: jsKeywords, declares: jsDeclares, stringUse: jsStringUse,
	destructuring: true, annotations: true, arrowFunctions: true,
	declKeywords: map[string]bool{"const": true, "let": true, "var": true, "private": true, "public": true,
		"protected": true, "readonly": true, "static": true, "declare": true},
	nonNull: true, loaders: map[string]bool{"require": true, "import": true}, specifier: jsSpecifier,
	sdkName: vClientClass, evalImport: jsImportValue,
	fnShape: func(r *resolver, d defn) fnShape { return r.braceShape(d, retColon) },
	lambdas: true, objectLiterals: true, exportOf: jsExportOf, moduleExports: jsModuleValue,
	literal: literalRule{open: '{', sep: ":"}, shorthand: true, keyQuote: '\'',
	classNamesFrom: corpus.Ruby,
}

func init() { register(jsDialect) }

func jsString(lx *lexer) bool {
	i := lx.i
	switch c := lx.src[i]; c {
	case '"', '\'':
		lx.simpleString(c, true, true)
		return true
	case '`':
		lx.templatePart(i, i+1, false)
		return true
	case '/':
		if lx.at(i+1) != '/' && lx.at(i+1) != '*' && !lx.prevIsOperand() {
			return lx.regex()
		}
	}
	return false
}

// templatePart consumes template text from body (after the opening backtick or the } closing an
// interpolation) to the closing backtick or the next ${, as one string token starting at s.
func (lx *lexer) templatePart(s, body int, interp bool) {
	src := lx.src
	for j := body; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '`':
			lx.emitString(s, j+1, body, j, interp)
			lx.i = j + 1
			return
		case '$':
			if j+1 < len(src) && src[j+1] == '{' {
				lx.emitString(s, j+2, body, j, true)
				lx.interps = append(lx.interps, interpFrame{depth: len(lx.stack), kind: '`', quote: '`'})
				lx.i = j + 2
				return
			}
		}
	}
	lx.emitString(s, len(src), min(body, len(src)), len(src), interp)
	lx.i = len(src)
}

var jsKeywords = map[string]func(c *collector, i int) bool{
	"import": func(c *collector, i int) bool {
		if !c.is(i-1, ".") {
			c.jsImport(i)
		}
		return true
	},
	"function": jsDefine, "class": jsDefine, "interface": jsDefine, "enum": jsDefine, "type": jsDefine,
	"export":  jsExport,
	"module":  jsModuleExports,
	"exports": jsModuleExports,
}

// jsDefine reads `function f`, `class C`, `interface I`, `enum E`, `type T =` (not a member named
// so, not `function*`).
func jsDefine(c *collector, i int) bool {
	word := c.view(i)
	if c.kind(i+1) == tkIdent && !c.is(i-1, ".") && (word != "type" || c.is(i+2, "=") || c.is(i+2, "<")) {
		c.defAt(i, i+1, word == "function")
	}
	return true
}

// jsDeclares reads method definitions `name(…) {` and annotations `name: Type`.
func jsDeclares(c *collector, i int) {
	switch c.nextByte(i) {
	case '(':
		c.methodDef(i)
	case ':', '?':
		c.typeAnnotation(i)
	}
}

// jsStringUse records require("p") and import("p"), and marks files that load the SDK by string.
func jsStringUse(c *collector, i int) {
	v := c.value(i)
	loader := c.is(i-1, "(") && (c.is(i-2, "require") || c.is(i-2, "import")) && !c.is(i-3, ".")
	if loader {
		r := importRef{spec: v, form: formJSRequire, pos: int32(i - 2), wk: isWorkOSJSPackage(v), rel: isRelativePath(v)}
		if c.is(i-2, "import") {
			r.form = formJSDynamic
		} else if c.is(i-3, "=") && c.kind(i-4) == tkIdent {
			r.local = c.text(i - 4) // const x = require("p"); const { a } = require("p") binds by destructuring
		}
		c.addImport(r)
		return
	}
	if isWorkOSJSPackage(v) && (c.is(i-1, "from") || c.is(i-1, "import")) {
		c.markUses()
	}
}

// jsImport reads `import X from "p"`, `import * as X from "p"`, `import { A, B as C } from "p"`,
// `import type …`, `import "p"` and records the names.
func (c *collector) jsImport(i int) {
	j := i + 1
	if c.kind(j) == tkString { // side-effect import
		p := c.value(j)
		c.addImport(importRef{spec: p, form: formJSSideEffect, pos: int32(i), wk: isWorkOSJSPackage(p), rel: isRelativePath(p)})
		return
	}
	if c.is(j, "(") { // dynamic import: a value, handled by expressions
		return
	}
	type pending struct {
		local, name string
		form        importForm
	}
	var names []pending
	if c.is(j, "type") && !c.is(j+1, "from") && !c.is(j+1, ",") {
		j++
	}
	for k := 0; j < c.toks.len() && k < 512; k++ {
		switch {
		case c.is(j, "from"):
			if c.kind(j+1) != tkString {
				return
			}
			p := c.value(j + 1)
			r := importRef{spec: p, pos: int32(i), wk: isWorkOSJSPackage(p), rel: isRelativePath(p)}
			for _, n := range names {
				r.member, r.local, r.form, r.as = n.name, n.local, n.form, n.form == formJSNamed && n.local != n.name
				c.addImport(r)
			}
			if r.wk {
				c.markUses()
			}
			return
		case c.is(j, "*") && c.is(j+1, "as") && c.kind(j+2) == tkIdent:
			names = append(names, pending{c.text(j + 2), "*", formJSNamespace})
			j += 3
		case c.is(j, "{"):
			close := int(c.match(j))
			if close < 0 {
				return
			}
			for m := j + 1; m < close; m++ {
				if c.kind(m) != tkIdent || !(c.is(m-1, "{") || c.is(m-1, ",") || c.is(m-1, "type")) {
					continue
				}
				if c.is(m, "type") && c.kind(m+1) == tkIdent {
					continue
				}
				name := c.text(m)
				local := name
				if c.is(m+1, "as") && c.kind(m+2) == tkIdent {
					local = c.text(m + 2)
				}
				names = append(names, pending{local, name, formJSNamed})
			}
			j = close + 1
		case c.kind(j) == tkIdent:
			names = append(names, pending{c.text(j), "default", formJSDefault})
			j++
		case c.is(j, ","):
			j++
		default:
			return
		}
	}
}

func isWorkOSJSPackage(p string) bool {
	return strings.HasPrefix(p, "@workos-inc/")
}

// isRelativePath reports whether a specifier names a file of the project: relative, absolute, or
// one of the usual project aliases (@/lib, ~/lib, #lib, $lib).
func isRelativePath(p string) bool {
	return strings.HasPrefix(p, ".") || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "@/") ||
		strings.HasPrefix(p, "~/") || strings.HasPrefix(p, "#") || strings.HasPrefix(p, "$lib")
}

// jsImportValue evaluates an imported name: `import { WorkOS }` is the client class, the default
// export of @workos-inc/node too; namespaces and require are the SDK namespace.
func jsImportValue(r *resolver, imp importRef) value {
	if !imp.wk {
		if imp.rel {
			return r.fromProject(imp)
		}
		return value{kind: vForeign}
	}
	ns := value{kind: vNamespace}
	switch {
	case imp.member == "*" || imp.form == formJSRequire || imp.form == formJSDynamic:
		return ns
	case imp.member == "default":
		if imp.spec == "@workos-inc/node" {
			return value{kind: vClientClass}
		}
		return ns
	}
	return r.member(ns, imp.member)
}

// jsSpecifier evaluates require("p") and import("p").
func jsSpecifier(p string) value {
	switch {
	case isWorkOSJSPackage(p):
		return value{kind: vNamespace}
	case isRelativePath(p):
		return value{kind: vUnknown} // a project file (see resolver.fromProject)
	}
	return value{kind: vForeign}
}

// jsExport reads the export statements: `export const x = …`, `export function f`, `export class C`,
// `export default …`, `export { a as b }`, and the re-exports `export { a as b } from "p"`,
// `export * from "p"`, `export * as ns from "p"`.
func jsExport(c *collector, i int) bool {
	if c.is(i-1, ".") {
		return false
	}
	j := i + 1
	switch {
	case c.is(j, "default"):
		k := j + 1
		if c.is(k, "async") {
			k++
		}
		c.export(exportRec{name: "default", tok: int32(k), imp: -1})
	case c.is(j, "const") || c.is(j, "let") || c.is(j, "var") || c.is(j, "function") || c.is(j, "class") ||
		c.is(j, "async") && c.is(j+1, "function"):
		k := j + 1
		if c.is(j, "async") {
			k++
		}
		if c.is(k, "*") {
			k++
		}
		if c.kind(k) == tkIdent {
			n := c.text(k)
			c.export(exportRec{name: n, local: n, tok: -1, imp: -1})
		}
	case c.is(j, "*"):
		name, member := "*", "*"
		k := j + 1
		if c.is(k, "as") && c.kind(k+1) == tkIdent {
			name = c.text(k + 1)
			k += 2
		}
		if c.is(k, "from") && c.kind(k+1) == tkString {
			c.reExport(i, c.value(k+1), member, name)
		}
	case c.is(j, "{") && c.match(j) > int32(j):
		close := int(c.match(j))
		from := ""
		if c.is(close+1, "from") && c.kind(close+2) == tkString {
			from = c.value(close + 2)
		}
		for m := j + 1; m < close; m++ {
			if c.kind(m) != tkIdent || !(c.is(m-1, "{") || c.is(m-1, ",")) {
				continue
			}
			local, name := c.text(m), c.text(m)
			if c.is(m+1, "as") && c.kind(m+2) == tkIdent {
				name = c.text(m + 2)
			}
			if from != "" {
				c.reExport(i, from, local, name)
				continue
			}
			c.export(exportRec{name: name, local: local, tok: -1, imp: -1})
		}
	}
	return false
}

// reExport records `export … from "p"`: an import that binds nothing here and an export of it.
func (c *collector) reExport(i int, spec, member, name string) {
	c.export(exportRec{name: name, tok: -1, imp: c.base.imports + int32(len(c.a.importList))})
	c.addImport(importRef{spec: spec, member: member, form: formJSReExport, pos: int32(i),
		wk: isWorkOSJSPackage(spec), rel: isRelativePath(spec)})
}

// jsModuleExports reads CommonJS exports: `module.exports = …`, `module.exports.x = …`,
// `exports.x = …`.
func jsModuleExports(c *collector, i int) bool {
	if c.is(i-1, ".") {
		return false
	}
	j := i + 1
	if c.is(i, "module") {
		if !c.is(j, ".") || !c.is(j+1, "exports") {
			return false
		}
		j += 2
		if c.is(j, "=") {
			c.export(exportRec{name: "default", tok: int32(j + 1), cjs: true, imp: -1})
			return false
		}
	}
	if c.is(j, ".") && c.kind(j+1) == tkIdent && c.is(j+2, "=") {
		c.export(exportRec{name: c.text(j + 1), tok: int32(j + 3), imp: -1})
	}
	return false
}

// jsExportOf is the value a name is exported as.
func jsExportOf(r *resolver, name string) (value, bool) {
	var stars []int32
	for _, e := range r.a.exports {
		switch {
		case e.name == "*" && e.imp >= 0:
			stars = append(stars, e.imp)
			continue
		case e.name != name:
			continue
		case e.imp >= 0:
			return r.fromProject(r.a.importList[e.imp]), true
		case e.local != "":
			return r.topValue(e.local), true
		case e.tok >= 0:
			return r.exportedExpr(int(e.tok)), true
		}
	}
	// CommonJS: a member of what module.exports is.
	if v, ok := jsModuleValue(r); ok && name != "default" {
		if w := r.member(v, name); w.kind != vUnknown {
			return w, true
		}
	}
	for _, k := range stars {
		imp := r.a.importList[k]
		imp.member = name
		if v := r.fromProject(imp); v.kind != vUnknown {
			return v, true
		}
	}
	return value{}, false
}

// exportedExpr is the value of `export default <expr>` or `exports.x = <expr>` at token k: a named
// class or function declared there is its definition.
func (r *resolver) exportedExpr(k int) value {
	if (r.is(k, "class") || r.is(k, "function")) && r.kind(k+1) == tkIdent {
		return r.topValue(r.text(k + 1))
	}
	v, _ := r.evalExpr(k, r.stmtEnd(k))
	return v
}

// jsModuleValue is what require() of the file gives when it sets module.exports.
func jsModuleValue(r *resolver) (value, bool) {
	for j := len(r.a.exports) - 1; j >= 0; j-- {
		if e := r.a.exports[j]; e.cjs {
			return r.exportedExpr(int(e.tok)), true
		}
	}
	return value{}, false
}
