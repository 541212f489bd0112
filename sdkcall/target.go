package sdkcall

import (
	"sort"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// tokenAt finds the token containing offset. When offset is just past an identifier (the cursor at
// the end of a word) and no other token starts there, the identifier counts.
func (a *analysis) tokenAt(src string, offset int) (int, bool) {
	toks := a.toks
	k := sort.Search(toks.len(), func(k int) bool { return int(toks.at(k).s) > offset }) - 1
	if k < 0 {
		return 0, false
	}
	t := toks.at(k)
	if offset < int(t.e) {
		if t.kind() == tkPunct && k > 0 && toks.at(k-1).kind() == tkIdent && int(toks.at(k-1).e) == offset {
			return k - 1, true
		}
		return k, true
	}
	if offset == int(t.e) && t.kind() == tkIdent {
		return k, true
	}
	return 0, false
}

// lastBefore returns the index of the last token that ends at or before offset, or -1.
func (a *analysis) lastBefore(offset int) int {
	toks := a.toks
	k := sort.Search(toks.len(), func(k int) bool { return int(toks.at(k).e) > offset })
	return k - 1
}

// startsBefore is the index of the last token that starts before offset, or -1.
func (a *analysis) startsBefore(offset int) int {
	return sort.Search(a.toks.len(), func(k int) bool { return int(a.toks.at(k).s) >= offset }) - 1
}

// inComment reports whether offset lies inside a comment (or at its end on the same line).
func (a *analysis) inComment(offset int) bool {
	cs := a.comments
	k := sort.Search(len(cs), func(k int) bool { return int(cs[k].e) >= offset })
	return k < len(cs) && int(cs[k].s) < offset && (offset < int(cs[k].e) || offset == int(cs[k].e) && cs[k].line)
}

func (f *File) ready(ix *Index, offset int) bool {
	return f != nil && f.a != nil && ix.Symbols() != nil && f.Active() && offset >= 0 && offset <= len(f.Text)
}

// At says what the cursor at byte offset is on: a resolved SDK call, a module, an option key, an
// object type, an event name or an HTTP endpoint. Files that do not use a WorkOS SDK have no targets.
func (f *File) At(ix *Index, offset int) (Target, bool) {
	if !f.ready(ix, offset) {
		return Target{}, false
	}
	if f.d.shell {
		return f.endpointAt(ix.symbols, offset)
	}
	k, ok := f.a.tokenAt(f.Text, offset)
	if !ok {
		return Target{}, false
	}
	r := f.resolver(ix)
	return r.targetAt(k, true)
}

// targetAt resolves token k. With options false, option keys are not considered (Links).
func (r *resolver) targetAt(k int, options bool) (Target, bool) {
	t := r.toks.at(k)
	switch t.kind() {
	case tkString:
		return r.stringTarget(k, options)
	case tkIdent:
	default:
		return Target{}, false
	}
	span := func(kind TargetKind) Target { return Target{Kind: kind, Start: int(t.s), End: int(t.e)} }
	if options {
		if e, p, path, ok := r.optionKey(k); ok {
			tg := span(TargetOption)
			tg.Entries, tg.Option, tg.OptionPath = []*corpus.Entry{e}, p, path
			return tg, true
		}
	}
	start := r.chainStart(k)
	name := r.text(k)
	var v value
	var recv value
	hasRecv := start < k
	if hasRecv {
		recv, _ = r.evalExpr(start, k-1)
		v = r.member(recv, name)
	} else {
		v = r.base(k)
	}
	switch v.kind {
	case vMethod, vFunc:
		tg := span(TargetCall)
		tg.Entries = v.entries
		return tg, true
	case vType:
		tg := span(TargetType)
		tg.Entries = v.entries
		return tg, true
	case vModule:
		if v.guess && !hasRecv || v.weak {
			return Target{}, false // a name that merely looks like a module
		}
		tg := span(TargetModule)
		tg.Module = v.module
		return tg, true
	case vBuilder:
		if hasRecv && recv.kind == vBuilder {
			c := container{entries: v.entries, param: v.param}
			if _, p := c.lookup(name); p != nil {
				tg := span(TargetOption)
				tg.Entries, tg.Option = v.entries, p
				return tg, true
			}
		}
	}
	// A function of the project that only forwards to the SDK method of the same name.
	if v.kind == vFunction || v.kind == vProject && v.fn {
		if es, via := r.forwarded(v); len(es) > 0 {
			tg := span(TargetCall)
			tg.Entries, tg.Forwards = es, via
			return tg, true
		}
	}
	// A name on a receiver we know nothing about: the SDK's methods of that name. Only compound
	// names (createUser, list_users): one-word methods (get, refresh, verify) are everywhere.
	if hasRecv && recv.kind == vUnknown && recv.simple && !r.strict && !r.a.isLocalDef(name) && compoundName(name) {
		return r.methodsNamed(span(TargetCall), name)
	}
	// C#/Java: an SDK type name written bare in a type position (using WorkOS; / import com.workos.*).
	if !hasRecv && !r.strict && r.d.typesBeforeNames && v.kind == vUnknown && r.typePosition(k) {
		if ts := r.s.Type(r.lang, name); len(ts) > 0 {
			tg := span(TargetType)
			tg.Entries = ts
			return tg, true
		}
	}
	return Target{}, false
}

// stringTarget resolves the string token k: an option key of a string-keyed literal ('email' => in a
// PHP array, "action": in a dict) or an event name.
func (r *resolver) stringTarget(k int, options bool) (Target, bool) {
	if r.toks.at(k).interp() {
		return Target{}, false
	}
	vs, ve := r.a.value(k)
	if options {
		if e, p, path, ok := r.optionKey(k); ok {
			return Target{Kind: TargetOption, Start: vs, End: ve, Entries: []*corpus.Entry{e}, Option: p, OptionPath: path}, true
		}
	}
	if ev, ok := r.s.Event(r.src[vs:ve]); ok {
		return Target{Kind: TargetEvent, Start: vs, End: ve, Event: ev}, true
	}
	return Target{}, false
}

// methodsNamed is the target of a method name on an unknown receiver: the SDK's methods of that
// name, ambiguous when they are different operations.
func (r *resolver) methodsNamed(tg Target, name string) (Target, bool) {
	var cands []*corpus.Entry
	for _, e := range r.s.Named(r.lang, name) {
		if e.Kind == corpus.KindMethod {
			cands = append(cands, e)
		}
	}
	if len(cands) == 0 {
		return Target{}, false
	}
	tg.Entries = cands
	for _, e := range cands[1:] {
		if e.ID != cands[0].ID || e.ID == "" {
			tg.Kind = TargetAmbiguous
			break
		}
	}
	return tg, true
}

// compoundName reports whether an identifier joins several words: createUser, list_users,
// GetProfileAndToken (not get, refresh, Encrypt).
func compoundName(n string) bool {
	upper := 0
	for i := 0; i < len(n); i++ {
		c := n[i]
		switch {
		case c == '_' && i > 0 && i < len(n)-1:
			return true
		case c >= 'A' && c <= 'Z':
			if i > 0 {
				return true
			}
			upper++
		}
	}
	return false
}

// typePosition reports whether the bare identifier at k is used as a type: `User user`, `new User`,
// `List<User>`, `User[]`, `User?`, `(User)`.
func (r *resolver) typePosition(k int) bool {
	switch r.text(k - 1) {
	case "<", "new", "extends", "implements", "instanceof", "is", "as", "typeof":
		return true
	}
	switch r.text(k + 1) {
	case ">", "[", "?":
		return true
	}
	return r.kind(k+1) == tkIdent
}

// isOptionsParam reports whether callers write p's properties inside one options object, kwargs or
// struct literal: the docs mark it `unwrap: true`, or `expanded: true` (which the model does not keep)
// on a parameter named or typed like options.
func isOptionsParam(p *corpus.Param) bool {
	if len(p.Properties) == 0 {
		return false
	}
	if p.Unwrap {
		return true
	}
	switch strings.ToLower(p.Key) {
	case "opts", "options", "params", "request", "args", "input":
		return true
	}
	t := strings.TrimSpace(p.Type)
	return strings.HasSuffix(t, "Opts") || strings.HasSuffix(t, "Options") || strings.HasSuffix(t, "Params") || strings.HasSuffix(t, "Request")
}

// commandCallee finds the method called without parentheses in the statement holding token
// last, or -1: the end of the statement's first member chain (after an optional `x =`).
func (r *resolver) commandCallee(last int) int {
	if !r.d.parenless || last < 0 || last >= r.toks.len() {
		return -1
	}
	parent := r.toks.at(last).parent()
	s := last
	for steps := 0; steps < 512; steps++ {
		if r.toks.at(s).nl() && !r.is(s-1, ",") || s == 0 {
			break
		}
		p := s - 1
		if m := r.toks.at(p).match; m >= 0 && m < int32(p) && r.toks.at(p).kind() == tkPunct {
			p = int(m)
		}
		if r.toks.at(p).parent() != parent || r.is(p, ";") {
			break
		}
		s = p
	}
	i := s
	if r.kind(i) == tkIdent && r.is(i+1, "=") {
		i += 2
	}
	for r.kind(i) == tkIdent && r.isSep(i+1) && r.kind(i+2) == tkIdent {
		i += 2
	}
	if r.kind(i) != tkIdent || i > last || r.is(i+1, "(") || i < last && r.toks.at(i+1).nl() {
		return -1
	}
	if i == s && i < last && r.toks.at(i+1).kind() == tkPunct && !r.is(i+1, ":") {
		return -1 // an operator follows a bare name: not a call
	}
	return i
}
