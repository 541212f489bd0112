package sdkcall

import (
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Java: imports of com.workos classes, `Type name` declarations, options builders
// (CreateUserOptions.builder().email(…).build()), module classes named …Api, text blocks.
var javaDialect = &dialect{
	lang:     corpus.Java,
	lex:      lexTable{slashComments: true, strings: javaString, stringStarts: "\"'"},
	keywords: javaKeywords, declares: declarations,
	sdkName: vClientClass, moduleClasses: true, moduleSuffixes: []string{"Api", "API", "Client"},
	evalImport: javaImportValue, typesBeforeNames: true, optionsNamedAfterCalls: true, namespaceModules: true,
	fnShape: func(r *resolver, d defn) fnShape { return r.braceShape(d, retBefore) },
}

func init() { register(javaDialect) }

func javaString(lx *lexer) bool {
	i := lx.i
	switch c := lx.src[i]; c {
	case '"':
		if lx.hasPrefix(`"""`) { // text block
			lx.tripleString(i, i+3, `"""`, true)
			return true
		}
		lx.simpleString(c, true, true)
		return true
	case '\'':
		lx.simpleString(c, true, true)
		return true
	}
	return false
}

var javaKeywords = map[string]func(c *collector, i int) bool{
	"import": func(c *collector, i int) bool { c.javaImport(i); return true },
	"class":  defineNext, "interface": defineNext, "enum": defineNext, "record": defineNext,
	"package": packageClause("."),
}

// declarations reads what a capitalised word starts in Java and C#: a method definition
// `Name(…) {` or a declaration `Type name` (fields, locals, parameters).
func declarations(c *collector, i int) {
	switch {
	case c.nextByte(i) == '(':
		c.methodDef(i)
	case c.kind(i+1) == tkIdent || c.nextByte(i) == '?':
		c.typedDecl(i)
	}
}

// javaImport reads `import a.b.C;`, `import a.b.*;` and `import static a.b.C.m;`.
func (c *collector) javaImport(i int) {
	j := i + 1
	if c.is(j, "static") {
		j++
	}
	var parts []string
	for c.kind(j) == tkIdent || c.is(j, "*") {
		parts = append(parts, c.text(j))
		if !c.is(j+1, ".") {
			break
		}
		j += 2
	}
	if len(parts) == 0 {
		return
	}
	last := parts[len(parts)-1]
	r := importRef{spec: strings.Join(parts, "."), member: last, local: last, form: formJavaImport, pos: int32(i),
		wk: len(parts) >= 2 && parts[0] == "com" && parts[1] == "workos"}
	if last == "*" {
		r.local = "" // a wildcard binds no one name
	}
	c.addImport(r)
}

// javaImportValue evaluates `import com.workos.…Name`: that member of the SDK.
func javaImportValue(r *resolver, imp importRef) value {
	if !imp.wk {
		return value{kind: vForeign}
	}
	return r.member(value{kind: vNamespace}, imp.member)
}
