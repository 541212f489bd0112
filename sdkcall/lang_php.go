package sdkcall

import (
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// PHP: code between <?php and ?>, use statements (grouped, aliased), the WorkOS\ namespace, -> and
// ::, named arguments, array options with string keys, typed properties and parameters, heredocs.
var phpDialect = &dialect{
	lang: corpus.PHP,
	lex: lexTable{slashComments: true, hashComments: true, hashAttributes: true, strings: phpString, stringStarts: "'\"`<",
		openTags: true, dollarVars: true, dollarInterp: true, nullsafeArrow: true},
	keywords: phpKeywords, declares: phpDeclares, varSigil: '$',
	seps:    sepArrow | sepColons | sepBackslash,
	sdkName: vNamespace, moduleClasses: true, qualifiedSDK: "\\", evalImport: phpImportValue,
	notMethods: map[string]bool{"class": true}, // Foo::class
	kwargSep:   ":", literal: literalRule{open: '[', sep: "=>", strKeys: true}, keyQuote: '\'',
	namespaceModules: true, classNamesFrom: corpus.Ruby,
	fnShape: func(r *resolver, d defn) fnShape { return r.braceShape(d, retColon) },
}

func init() { register(phpDialect) }

func phpString(lx *lexer) bool {
	i := lx.i
	switch c := lx.src[i]; c {
	case '\'', '`':
		lx.simpleString(c, false, true)
		return true
	case '"':
		lx.interpString(i, i+1, '"', false, false)
		return true
	case '<':
		if lx.hasPrefix("<<<") {
			return lx.phpHeredoc()
		}
	}
	return false
}

// phpHeredoc consumes a heredoc or nowdoc (<<<EOT, <<<'EOT') up to its terminator.
func (lx *lexer) phpHeredoc() bool {
	src, i := lx.src, lx.i
	j := i + 3
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	id, quote, k, ok := lx.heredocID(j, "'\"", func(c byte, _, _ bool) bool { return isIdentByte(c) })
	if !ok {
		return false
	}
	body := min(lineEnd(src, k)+1, len(src))
	for p := body; p < len(src); {
		le := lineEnd(src, p)
		line := strings.TrimLeft(src[p:le], " \t")
		if strings.HasPrefix(line, id) && (len(line) == len(id) || !isIdentByte(line[len(id)])) {
			end := le - len(line) + len(id)
			lx.emitString(i, end, body, max(body, p-1), quote != '\'')
			lx.i = end
			return true
		}
		p = le + 1
	}
	lx.emitString(i, len(src), body, len(src), quote != '\'')
	lx.i = len(src)
	return true
}

var phpKeywords = map[string]func(c *collector, i int) bool{
	"use": func(c *collector, i int) bool {
		if c.parent(i) < 0 || c.is(int(c.parent(i)), "{") && c.nl(i) {
			c.phpUse(i) // a namespace import, not a closure's use (…) or a trait use inside a class
		}
		return true
	},
	"function": defineNext, "class": defineNext, "interface": defineNext, "trait": defineNext, "enum": defineNext,
	"namespace": packageClause("\\"),
	"WorkOS": func(c *collector, i int) bool {
		if c.is(i+1, "\\") && (c.is(i-1, "\\") || c.is(i-1, "new") || c.is(i-1, "use")) {
			c.markUses() // \WorkOS\SSO, new WorkOS\SSO
		}
		return false // WorkOS may also be a declaration's type
	},
}

// phpDeclares reads typed properties and parameters `Type $name`.
func phpDeclares(c *collector, i int) {
	if c.kind(i+1) == tkIdent || c.nextByte(i) == '?' {
		c.typedDecl(i)
	}
}

// phpUse reads `use WorkOS\UserManagement [as UM];` and `use WorkOS\{A, B as C};`.
func (c *collector) phpUse(i int) {
	j := i + 1
	if c.is(j, "function") || c.is(j, "const") {
		j++
	}
	for k := 0; j < c.toks.len() && k < 64; k++ {
		var parts []string
		if c.is(j, "\\") {
			j++
		}
		for c.kind(j) == tkIdent {
			parts = append(parts, c.text(j))
			if !c.is(j+1, "\\") {
				j++
				break
			}
			j += 2
		}
		if c.is(j, "{") { // group use
			close := int(c.match(j))
			if close < 0 {
				return
			}
			for m := j + 1; m < close; m++ {
				if c.kind(m) != tkIdent || !(c.is(m-1, "{") || c.is(m-1, ",")) {
					continue
				}
				sub := append(append([]string{}, parts...), c.text(m))
				for m+2 < close && c.is(m+1, "\\") {
					sub = append(sub, c.text(m+2))
					m += 2
				}
				local := sub[len(sub)-1]
				if c.is(m+1, "as") && c.kind(m+2) == tkIdent {
					local = c.text(m + 2)
				}
				c.addImport(importRef{spec: strings.Join(sub, "\\"), member: sub[len(sub)-1], local: local, as: local != sub[len(sub)-1],
					form: formPHPUse, pos: int32(i), wk: sub[0] == "WorkOS"})
			}
			return
		}
		if len(parts) == 0 {
			return
		}
		r := importRef{spec: strings.Join(parts, "\\"), member: parts[len(parts)-1], local: parts[len(parts)-1], form: formPHPUse,
			pos: int32(i), wk: parts[0] == "WorkOS"}
		if c.is(j, "as") && c.kind(j+1) == tkIdent {
			r.local, r.as = c.text(j+1), true
			j += 2
		}
		c.addImport(r)
		if !c.is(j, ",") {
			return
		}
		j++
	}
}

// phpImportValue evaluates `use WorkOS\A\B`: the SDK namespace's members along the path.
func phpImportValue(r *resolver, imp importRef) value {
	if !imp.wk {
		return value{kind: vForeign}
	}
	v := value{kind: vNamespace}
	parts := strings.Split(imp.spec, "\\")
	for _, p := range parts[1:] {
		v = r.member(v, p)
	}
	return v
}
