package sdkcall

import (
	"sort"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// tokenAt finds the token containing offset. When offset is just past an identifier (the cursor at
// the end of a word) and no other token starts there, the identifier counts.
func (a *analysis) tokenAt(src []byte, offset int) (int, bool) {
	toks := a.toks
	k := sort.Search(len(toks), func(k int) bool { return int(toks[k].s) > offset }) - 1
	if k < 0 {
		return 0, false
	}
	t := toks[k]
	if offset < int(t.e) {
		if t.kind == tkPunct && k > 0 && toks[k-1].kind == tkIdent && int(toks[k-1].e) == offset {
			return k - 1, true
		}
		return k, true
	}
	if offset == int(t.e) && t.kind == tkIdent {
		return k, true
	}
	return 0, false
}

// lastBefore returns the index of the last token that ends at or before offset, or -1.
func (a *analysis) lastBefore(offset int) int {
	toks := a.toks
	k := sort.Search(len(toks), func(k int) bool { return int(toks[k].e) > offset })
	return k - 1
}

// inComment reports whether offset lies inside a comment (or at its end on the same line).
func (a *analysis) inComment(offset int) bool {
	cs := a.comments
	k := sort.Search(len(cs), func(k int) bool { return int(cs[k].e) >= offset })
	return k < len(cs) && int(cs[k].s) < offset && (offset < int(cs[k].e) || offset == int(cs[k].e) && cs[k].line)
}

func (f *File) ready(s *corpus.Symbols, offset int) bool {
	return f != nil && f.a != nil && s != nil && f.a.uses && offset >= 0 && offset <= len(f.Text)
}

// At says what the cursor at byte offset is on: a resolved SDK call, a module, an option key, an
// object type, an event name or an HTTP endpoint. Files that do not use a WorkOS SDK have no targets.
func (f *File) At(s *corpus.Symbols, offset int) (Target, bool) {
	if !f.ready(s, offset) {
		return Target{}, false
	}
	if f.Lang == corpus.Curl {
		return f.endpointAt(s, offset)
	}
	k, ok := f.a.tokenAt(f.Text, offset)
	if !ok {
		return Target{}, false
	}
	r := f.resolver(s)
	return r.targetAt(k, true)
}

// targetAt resolves token k. With options false, option keys are not considered (Links).
func (r *resolver) targetAt(k int, options bool) (Target, bool) {
	t := r.toks[k]
	switch t.kind {
	case tkString:
		if t.interp {
			return Target{}, false
		}
		vs, ve := r.a.value(k)
		if ev, ok := r.s.Event(string(r.src[vs:ve])); ok {
			return Target{Kind: TargetEvent, Start: vs, End: ve, Event: ev}, true
		}
		return Target{}, false
	case tkIdent:
	default:
		return Target{}, false
	}
	span := func(kind TargetKind) Target { return Target{Kind: kind, Start: int(t.s), End: int(t.e)} }
	if options {
		if e, p, ok := r.optionKey(k); ok {
			tg := span(TargetOption)
			tg.Entries, tg.Option = []*corpus.Entry{e}, p
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
		if v.guess && !hasRecv {
			return Target{}, false // a bare name that merely looks like a module
		}
		tg := span(TargetModule)
		tg.Module = v.module
		return tg, true
	case vBuilder:
		if hasRecv && recv.kind == vBuilder {
			if p := findOption(v.entries[0], name); p != nil {
				tg := span(TargetOption)
				tg.Entries, tg.Option = v.entries, p
				return tg, true
			}
		}
	}
	// A name on a receiver we know nothing about: the SDK's methods of that name. Only compound
	// names (createUser, list_users): one-word methods (get, refresh, verify) are everywhere.
	if hasRecv && recv.kind == vUnknown && recv.simple && !r.a.localDefs[name] && compoundName(name) {
		var cands []*corpus.Entry
		for _, e := range r.s.Named(r.lang, name) {
			if e.Kind == corpus.KindMethod {
				cands = append(cands, e)
			}
		}
		if len(cands) == 0 {
			return Target{}, false
		}
		tg := span(TargetCall)
		tg.Entries = cands
		for _, e := range cands[1:] {
			if e.ID != cands[0].ID || e.ID == "" {
				tg.Kind = TargetAmbiguous
				break
			}
		}
		return tg, true
	}
	// C#/Java: an SDK type name written bare in a type position (using WorkOS; / import com.workos.*).
	if !hasRecv && (r.lang == corpus.DotNet || r.lang == corpus.Java) && v.kind == vUnknown && r.typePosition(k) {
		if ts := r.s.Type(r.lang, name); len(ts) > 0 {
			tg := span(TargetType)
			tg.Entries = ts
			return tg, true
		}
	}
	return Target{}, false
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

// optionsOf is what callers write inside a call's options container: the properties of its options
// parameters followed by the plain parameters (corpus.Entry.Options with isOptionsParam).
func optionsOf(e *corpus.Entry) []corpus.Param {
	var out []corpus.Param
	for i := range e.Parameters {
		p := &e.Parameters[i]
		if isOptionsParam(p) {
			out = append(out, p.Properties...)
			continue
		}
		out = append(out, *p)
	}
	return out
}

// findOption finds an option by key among an entry's parameters and the properties of its options
// parameters; the pointer points into the entry.
func findOption(e *corpus.Entry, key string) *corpus.Param {
	for i := range e.Parameters {
		p := &e.Parameters[i]
		if isOptionsParam(p) {
			for j := range p.Properties {
				if p.Properties[j].Key == key {
					return &p.Properties[j]
				}
			}
			continue
		}
		if p.Key == key {
			return p
		}
	}
	return nil
}

// container is an argument list or options literal whose keys are options of a call.
type container struct {
	open    int // index of the open bracket; -1 for a Ruby command call
	from    int // Ruby command call: the first and after-last tokens of its arguments
	to      int
	entries []*corpus.Entry // the call
	param   int             // index of the options parameter when known from a type, else -1
	sep     string          // what follows a key: ":" or "="
}

// containerOf finds the call whose options the bracket at open holds: kwargs in a call's parentheses
// (Python, Ruby, PHP, C#), an object literal argument (JS, Ruby), a Go options struct literal or a C#
// object initializer.
func (r *resolver) containerOf(open int) (container, bool) {
	if open < 0 || open >= len(r.toks) {
		return container{}, false
	}
	c := container{open: open, param: -1}
	switch r.text(open) {
	case "(":
		switch r.lang {
		case corpus.Python:
			c.sep = "="
		case corpus.Ruby, corpus.PHP, corpus.DotNet:
			c.sep = ":"
		default:
			return container{}, false
		}
		es := r.calleeEntries(open)
		if len(es) == 0 {
			return container{}, false
		}
		c.entries = es
		return c, true
	case "{":
	default:
		return container{}, false
	}
	switch r.lang {
	case corpus.JS, corpus.Ruby:
		c.sep = ":"
		p := int(r.toks[open].parent)
		if p < 0 || !r.is(p, "(") || !(r.is(open-1, "(") || r.is(open-1, ",")) {
			return container{}, false
		}
		es := r.calleeEntries(p)
		if len(es) == 0 {
			return container{}, false
		}
		c.entries = es
		return c, true
	case corpus.Go:
		c.sep = ":"
		if r.kind(open-1) != tkIdent {
			return container{}, false
		}
		start := r.chainStart(open - 1)
		v, _ := r.evalExpr(start, open)
		if v.kind != vOptType {
			return container{}, false
		}
		c.entries, c.param = v.entries, v.param
		return c, true
	case corpus.DotNet:
		c.sep = "="
		j := open - 1
		if r.is(j, ")") && r.toks[j].match >= 0 {
			j = int(r.toks[j].match) - 1
		}
		if r.is(j, "new") { // target-typed new() { … } as an argument
			p := int(r.toks[open].parent)
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
	return container{}, false
}

// calleeEntries resolves the call whose argument list opens at open to its entries (unique
// operation only).
func (r *resolver) calleeEntries(open int) []*corpus.Entry {
	k := open - 1
	if r.kind(k) != tkIdent {
		return nil
	}
	tg, ok := r.targetAt(k, false)
	if !ok || tg.Kind != TargetCall {
		return nil
	}
	return tg.Entries
}

// optionKey recognises an option key at token k: `{ email: … }`, `email=…`, `email: …`,
// `Email: …` in a Go opts struct, `Email = …` in a C# initializer.
func (r *resolver) optionKey(k int) (*corpus.Entry, *corpus.Param, bool) {
	t := r.toks[k]
	open := int(t.parent)
	switch {
	case open >= 0 && k-1 == open:
	case r.is(k-1, ",") && r.toks[k-1].parent == t.parent:
	case r.lang == corpus.Ruby && r.kind(k-1) == tkIdent && !t.nl: // first argument of a command call
	default:
		return nil, nil, false
	}
	next := r.text(k + 1)
	c, ok := r.containerOf(open)
	if !ok {
		if c, ok = r.rubyCommandContainer(k - 1); !ok {
			return nil, nil, false
		}
	}
	switch {
	case next == c.sep:
		if r.lang == corpus.Ruby && r.toks[k+1].s != t.e {
			return nil, nil, false // Ruby labels are written `email:` with no space
		}
	case r.lang == corpus.JS && (next == "," || next == "}") && r.is(open, "{"):
		// shorthand property { email }
	default:
		return nil, nil, false
	}
	name := r.text(k)
	for _, e := range c.entries {
		if c.param >= 0 && c.param < len(e.Parameters) {
			ps := e.Parameters[c.param].Properties
			for j := range ps {
				if ps[j].Key == name {
					return e, &ps[j], true
				}
			}
			continue
		}
		if p := findOption(e, name); p != nil {
			return e, p, true
		}
	}
	return nil, nil, false
}

// rubyCommandContainer recognises the arguments of a Ruby call written without parentheses
// (`WorkOS::UserManagement.create_user email: e, password: p`); last is the token before the
// argument in question.
func (r *resolver) rubyCommandContainer(last int) (container, bool) {
	callee := r.rubyCommandCallee(last)
	if callee < 0 {
		return container{}, false
	}
	tg, ok := r.targetAt(callee, false)
	if !ok || tg.Kind != TargetCall {
		return container{}, false
	}
	to := callee + 1
	for to < len(r.toks) && (to == callee+1 || !r.toks[to].nl || r.is(to-1, ",")) && !r.is(to, ";") {
		if m := r.toks[to].match; m > int32(to) && r.toks[to].kind == tkPunct {
			to = int(m)
		}
		to++
	}
	return container{open: -1, from: callee + 1, to: to, entries: tg.Entries, param: -1, sep: ":"}, true
}

// rubyCommandCallee finds the method called without parentheses in the statement holding token
// last, or -1: the end of the statement's first member chain (after an optional `x =`).
func (r *resolver) rubyCommandCallee(last int) int {
	if r.lang != corpus.Ruby || last < 0 || last >= len(r.toks) {
		return -1
	}
	parent := r.toks[last].parent
	s := last
	for steps := 0; steps < 512; steps++ {
		if r.toks[s].nl && !r.is(s-1, ",") || s == 0 {
			break
		}
		p := s - 1
		if m := r.toks[p].match; m >= 0 && m < int32(p) && r.toks[p].kind == tkPunct {
			p = int(m)
		}
		if r.toks[p].parent != parent || r.is(p, ";") {
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
	if r.kind(i) != tkIdent || i > last || r.is(i+1, "(") || i < last && r.toks[i+1].nl {
		return -1
	}
	if i == s && i < last && r.toks[i+1].kind == tkPunct && !r.is(i+1, ":") {
		return -1 // an operator follows a bare name: not a call
	}
	return i
}
