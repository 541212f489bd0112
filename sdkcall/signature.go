package sdkcall

import (
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Signature finds the resolved SDK call whose argument list holds offset, which parameter the cursor
// is in (commas at depth zero; strings and comments never count) and, inside an options object,
// kwargs, hash, array or opts struct, which option is being written. Ruby calls written without
// parentheses count too.
func (f *File) Signature(ix *Index, offset int) (SignatureContext, bool) {
	if !f.ready(ix, offset) || f.d.shell || f.a.inComment(offset) {
		return SignatureContext{}, false
	}
	r := f.resolver(ix)
	prev := f.a.lastBefore(offset)
	if prev < 0 {
		return SignatureContext{}, false
	}
	// The innermost bracket open at offset.
	open := -1
	t := r.toks.at(prev)
	if isOpen(r.text(prev)) && (t.match < 0 || int(r.toks.at(int(t.match)).s) >= offset) {
		open = prev
	} else {
		open = int(t.parent())
	}
	for steps := 0; open >= 0 && steps < 16; steps++ {
		if r.is(open, "(") {
			if es := r.calleeEntries(open); len(es) > 0 {
				return r.signatureIn(es[0], int32(open), open+1, prev, offset), true
			}
		}
		open = int(r.toks.at(open).parent())
	}
	if r.d.parenless {
		return r.commandSignature(prev, offset)
	}
	return SignatureContext{}, false
}

func isOpen(s string) bool { return s == "(" || s == "[" || s == "{" }

// commandSignature is the signature of a Ruby call written without parentheses
// (`WorkOS::UserManagement.create_user email: e, ‸`) whose arguments hold offset.
func (r *resolver) commandSignature(prev, offset int) (SignatureContext, bool) {
	callee := r.commandCallee(prev)
	if callee < 0 || offset <= int(r.toks.at(callee).e) {
		return SignatureContext{}, false
	}
	// A line break after the last argument ends the statement (unless the line ends with a comma).
	if !r.is(prev, ",") && strings.IndexByte(r.src[r.toks.at(prev).e:offset], '\n') >= 0 {
		return SignatureContext{}, false
	}
	if prev == callee && offset == int(r.toks.at(callee).e) {
		return SignatureContext{}, false
	}
	tg, ok := r.targetAt(callee, false)
	if !ok || tg.Kind != TargetCall {
		return SignatureContext{}, false
	}
	return r.signatureIn(tg.Entries[0], r.toks.at(callee).parent(), callee+1, prev, offset), true
}

// signatureIn computes the active parameter of the call e whose arguments are the tokens from `from`
// whose parent is level (the call's open parenthesis, or the statement's level for a Ruby command
// call); last is the last token before the cursor.
func (r *resolver) signatureIn(e *corpus.Entry, level int32, from, last, offset int) SignatureContext {
	sc := SignatureContext{Entry: e}
	argStart := from
	for j := from; j <= last && j < r.toks.len(); j++ {
		if r.toks.at(j).parent() == level && r.is(j, ",") {
			sc.ActiveParam++
			argStart = j + 1
		}
	}
	// A keyword argument names its parameter: email=…, email: …
	if r.isKeywordArg(argStart) && argStart <= last+1 {
		r.activeKey(&sc, r.text(argStart))
		return sc
	}
	// After keyword arguments, an argument without its keyword yet is the next parameter not named.
	if named := r.keywordArgs(level, from, argStart); len(named) > 0 {
		for i, p := range e.Parameters {
			if i >= sc.ActiveParam-len(named) && !named[p.Key] && !isOptionsParam(&e.Parameters[i]) {
				sc.ActiveParam = i
				break
			}
		}
		return sc
	}
	// Inside a literal in this argument: which key is being written.
	if level < 0 {
		return sc
	}
	lit := r.innermostIn(int(level), last, offset)
	if lit < 0 {
		return sc
	}
	c, ok := r.containerOf(lit)
	if !ok {
		return sc
	}
	key := r.currentKey(&c, lit, last, offset)
	switch {
	case key == "":
	case c.param >= 0:
		if _, p := c.lookup(key); p != nil && c.param == sc.ActiveParam {
			sc.ActiveOption = key
		}
	default:
		r.activeKey(&sc, key)
	}
	return sc
}

// isKeywordArg reports whether an argument starting at token k names its parameter: email=… in
// Python, email: … in Ruby, PHP and C#.
func (r *resolver) isKeywordArg(k int) bool {
	if r.kind(k) != tkIdent {
		return false
	}
	sep := r.d.kwargSep
	return sep != "" && r.is(k+1, sep)
}

// keywordArgs collects the keywords of the arguments before the one starting at upto.
func (r *resolver) keywordArgs(level int32, from, upto int) map[string]bool {
	var named map[string]bool
	for j := from; j < upto && j < r.toks.len(); j++ {
		if (j == from || r.is(j-1, ",") && r.toks.at(j-1).parent() == level) && r.toks.at(j).parent() == level && r.isKeywordArg(j) {
			if named == nil {
				named = map[string]bool{}
			}
			named[r.text(j)] = true
		}
	}
	return named
}

// activeKey points the signature at the parameter or option named key.
func (r *resolver) activeKey(sc *SignatureContext, key string) {
	for i := range sc.Entry.Parameters {
		if p := &sc.Entry.Parameters[i]; p.Key == key && !isOptionsParam(p) {
			sc.ActiveParam = i
			return
		}
	}
	for i := range sc.Entry.Parameters {
		p := &sc.Entry.Parameters[i]
		if !isOptionsParam(p) {
			continue
		}
		for _, q := range p.Properties {
			if q.Key == key {
				sc.ActiveParam = i
				sc.ActiveOption = key
				return
			}
		}
	}
}

// innermostIn finds the literal (`{`, or `[` for PHP arrays) directly inside the call's parentheses
// (an argument) that is open at offset, or -1.
func (r *resolver) innermostIn(open, last, offset int) int {
	if last <= open {
		return -1
	}
	j := last
	t := r.toks.at(j)
	if !(isOpen(r.text(j)) && (t.match < 0 || int(r.toks.at(int(t.match)).s) >= offset)) {
		j = int(t.parent())
	}
	for steps := 0; j > open && steps < 16; steps++ {
		if (r.is(j, "{") || r.is(j, "[")) && r.toks.at(j).parent() == int32(open) {
			return j
		}
		j = int(r.toks.at(j).parent())
	}
	return -1
}

// currentKey returns the key of the entry holding the cursor inside the literal at lit: the key
// written (or being typed) after the last separator before the cursor.
func (r *resolver) currentKey(c *container, lit, last, offset int) string {
	keyStart := lit + 1
	for j := lit + 1; j <= last; j++ {
		if r.toks.at(j).parent() == int32(lit) && (r.is(j, ",") || r.is(j, ";")) {
			keyStart = j + 1
		}
	}
	if keyStart >= r.toks.len() || int(r.toks.at(keyStart).s) > offset {
		return ""
	}
	if name, ok := r.keyName(c, keyStart); ok {
		return name
	}
	if r.kind(keyStart) == tkIdent || c.strKeys && r.kind(keyStart) == tkString {
		// still being typed: no separator yet
		vs, ve := r.a.value(keyStart)
		return r.src[vs:ve]
	}
	return ""
}
