package sdkcall

import (
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Ruby: require, the WorkOS:: namespace, calls without parentheses, .new, labels and hash rockets,
// symbols, heredocs, %-literals and "#{…}" code.
var rubyDialect = &dialect{
	lang: corpus.Ruby,
	lex: lexTable{hashComments: true, blockBegin: true, strings: rubyString, stringStarts: "'\"`/%<",
		dollarVars: true, atVars: true, atClassVars: true, predicates: true, symbols: true, hashInterp: true, safeNav: true, lineJoin: true},
	keywords: rubyKeywords, stringUse: rubyStringUse,
	seps: sepColons, newMember: "new", parenless: true,
	sdkName: vNamespace, moduleClasses: true, nsClientClass: "Client", evalImport: rubyImportValue,
	notMethods: map[string]bool{"new": true},
	kwargSep:   ":", literal: literalRule{open: '{', sep: ":"}, labels: true, hashRockets: true, keyQuote: '\'',
	namespaceModules: true,
	fnShape:          func(r *resolver, d defn) fnShape { return r.indentShape(d, retNone, true) },
	indentBlocks:     true, wordOr: true,
}

func init() { register(rubyDialect) }

func rubyString(lx *lexer) bool {
	i := lx.i
	switch c := lx.src[i]; c {
	case '\'':
		lx.simpleString(c, false, true)
		return true
	case '"', '`':
		lx.interpString(i, i+1, c, false, false)
		return true
	case '/':
		if !lx.prevIsOperand() {
			return lx.regex()
		}
	case '%':
		if !lx.prevIsOperand() {
			return lx.rubyPercent()
		}
	case '<':
		if lx.hasPrefix("<<") {
			return lx.rubyHeredoc()
		}
	}
	return false
}

// rubyPercent consumes a %-literal: %w[…], %i(…), %q{…}, %r|…|.
func (lx *lexer) rubyPercent() bool {
	src, i := lx.src, lx.i
	j := i + 1
	if j < len(src) && strings.IndexByte("wWiIqQrsx", src[j]) >= 0 {
		j++
	}
	if j >= len(src) {
		return false
	}
	open := src[j]
	var close byte
	switch open {
	case '(':
		close = ')'
	case '[':
		close = ']'
	case '{':
		close = '}'
	case '<':
		close = '>'
	case '|', '!', '/', '^', '"', '\'':
		close = open
	default:
		return false
	}
	depth := 0
	k := j + 1
	for k < len(src) {
		d := src[k]
		if d == '\\' {
			k += 2
			continue
		}
		if d == open && close != open {
			depth++
		} else if d == close {
			if depth == 0 {
				break
			}
			depth--
		}
		k++
	}
	end := min(k+1, len(src))
	lx.emitString(i, end, j+1, min(k, len(src)), true)
	lx.i = end
	return true
}

// rubyHeredoc consumes a heredoc's opener (<<~EOS, <<-'A', <<ID); its body is read at the next line
// break (heredocBodies).
func (lx *lexer) rubyHeredoc() bool {
	src, i := lx.src, lx.i
	j := i + 2
	indent := false
	if j < len(src) && (src[j] == '~' || src[j] == '-') {
		indent = true
		j++
	}
	id, _, k, ok := lx.heredocID(j, "'\"`", func(c byte, first, quoted bool) bool {
		return c >= 'A' && c <= 'Z' || c == '_' || quoted && isIdentByte(c) || !first && isDigit(c)
	})
	if !ok {
		return false
	}
	lx.emitString(i, k, k, k, true)
	lx.heredocs = append(lx.heredocs, heredoc{id: id, indent: indent})
	lx.i = k
	return true
}

var rubyKeywords = map[string]func(c *collector, i int) bool{
	"def": func(c *collector, i int) bool {
		j := i + 1
		if c.is(j, "self") && c.is(j+1, ".") {
			j += 2
		}
		c.defAt(i, j, true)
		return true
	},
	"class":  rubyClass,
	"module": rubyClass,
	"WorkOS": func(c *collector, i int) bool {
		if c.is(i+1, "::") || c.is(i+1, ".") {
			c.markUses() // WorkOS::UserManagement, WorkOS.configure: the gem is loaded somewhere
		}
		return true
	},
}

// rubyClass reads `class Name` and `module Name` (not `class A::B`, which reopens another's).
func rubyClass(c *collector, i int) bool {
	if c.kind(i+1) == tkIdent && !c.is(i+2, "::") {
		c.defAt(i, i+1, false)
	}
	return true
}

// rubyStringUse records require "p" and require_relative "p".
func rubyStringUse(c *collector, i int) {
	k := i - 1
	if c.is(k, "(") {
		k--
	}
	var form importForm
	switch c.view(k) {
	case "require":
		form = formRubyRequire
	case "require_relative":
		form = formRubyRequireRelative
	default:
		return
	}
	v := c.value(i)
	c.addImport(importRef{spec: v, form: form, pos: int32(k), rel: form == formRubyRequireRelative,
		wk: form == formRubyRequire && (v == "workos" || strings.HasPrefix(v, "workos/"))})
}

// rubyImportValue: requires bind no names (the SDK is the WorkOS constant).
func rubyImportValue(r *resolver, imp importRef) value {
	if imp.wk {
		return value{kind: vNamespace}
	}
	return value{kind: vForeign}
}
