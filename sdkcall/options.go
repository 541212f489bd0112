package sdkcall

import (
	"github.com/workos-lsp/workos-lsp/corpus"
)

// container is an argument list or literal whose keys name options of a call.
type container struct {
	open     int // index of the open bracket; -1 for a Ruby command call
	from, to int // Ruby command call: the first and after-last tokens of its arguments
	entries  []*corpus.Entry
	// param: the keys are the properties of this parameter (known from the literal's type or its
	// argument position), or -1: the keys are the call's options: the properties of its
	// options parameters and its plain parameters.
	param int
	// nested: a literal written as the value of an option (`session: { sealSession: true }`,
	// `'actor' => [...]`): the keys are its properties. entries then holds the one entry it is from.
	nested  *corpus.Param
	path    []string // nested: the keys leading to it from the call's options (event, actor)
	named   bool     // C# named arguments: the keys are the parameters themselves
	sep     string   // what follows a key: ":", "=" or "=>"
	insert  string   // what completion writes after a key ("" : the separator's usual spacing)
	strKeys bool     // keys are string literals: PHP arrays, Python dicts
}

// keys lists the options the container's keys may name for entry e, as pointers into e.
func (c *container) keys(e *corpus.Entry) []*corpus.Param {
	switch {
	case c.nested != nil:
		return ptrs(c.nested.Properties)
	case c.param >= 0:
		if c.param < len(e.Parameters) {
			return ptrs(e.Parameters[c.param].Properties)
		}
		return nil
	case c.named:
		return ptrs(e.Parameters)
	}
	var out []*corpus.Param
	for i := range e.Parameters {
		p := &e.Parameters[i]
		if isOptionsParam(p) {
			out = append(out, ptrs(p.Properties)...)
			continue
		}
		out = append(out, p)
	}
	return out
}

func ptrs(ps []corpus.Param) []*corpus.Param {
	out := make([]*corpus.Param, len(ps))
	for i := range ps {
		out[i] = &ps[i]
	}
	return out
}

// lookup finds the option a key names, in the first entry that has it.
func (c *container) lookup(name string) (*corpus.Entry, *corpus.Param) {
	for _, e := range c.entries {
		for _, p := range c.keys(e) {
			if p.Key == name {
				return e, p
			}
		}
	}
	return nil, nil
}

// containerOf finds the call whose options the bracket at open holds: kwargs or named arguments in a
// call's parentheses (Python, Ruby, PHP, C#), an object, hash, dict or array literal passed as an
// argument (JS, Ruby, Python, PHP) or written as an option's value, a Go options struct literal or a
// C# object initializer.
func (r *resolver) containerOf(open int) (container, bool) { return r.containerIn(open, 0) }

func (r *resolver) containerIn(open, depth int) (container, bool) {
	if open < 0 || open >= r.toks.len() || depth > 8 {
		return container{}, false
	}
	c := container{open: open, param: -1}
	switch r.text(open) {
	case "(":
		if r.d.kwargSep == "" {
			return container{}, false
		}
		c.sep, c.named = r.d.kwargSep, r.d.namedArgs
		es := r.calleeEntries(open)
		if len(es) == 0 {
			return container{}, false
		}
		c.entries = es
		return c, true
	case "{", "[":
	default:
		return container{}, false
	}
	if sep, strKeys, ok := r.literalSyntax(open); ok {
		if n, ok := r.nestedContainer(open, depth); ok {
			n.sep, n.strKeys = sep, strKeys
			return n, true
		}
		p := int(r.toks.at(open).parent())
		if p < 0 || !r.is(p, "(") || !(r.is(open-1, "(") || r.is(open-1, ",")) {
			return container{}, false
		}
		es := r.calleeEntries(p)
		if len(es) == 0 {
			return container{}, false
		}
		c.entries, c.sep, c.strKeys = es, sep, strKeys
		// The parameter at the literal's position when it is an object (createEvent(org, { action })),
		// else, for the first argument, the call's options (listAuthFactors({ userId }) where the docs
		// list the properties as plain parameters).
		switch n := r.argIndex(p, open); {
		case n < len(es[0].Parameters) && len(es[0].Parameters[n].Properties) > 0:
			c.param = n
			if p := &es[0].Parameters[n]; !isOptionsParam(p) {
				c.path = []string{p.Key} // an object parameter: `event` of createEvent(org, event)
			}
		case n > 0:
			return container{}, false
		}
		return c, true
	}
	if !r.is(open, "{") || r.d.typedLiteral == nil {
		return container{}, false
	}
	return r.d.typedLiteral(r, open)
}

// literalSyntax says whether the bracket at open starts a key-value literal in this language, and how
// its keys are written.
func (r *resolver) literalSyntax(open int) (sep string, strKeys, ok bool) {
	l := r.d.literal
	if l.open == 0 || !r.is(open, string(l.open)) {
		return "", false, false
	}
	return l.sep, l.strKeys, true
}

func (r *resolver) isKeySep(i int) bool {
	switch r.text(i) {
	case ":", "=", "=>":
		return r.kind(i) == tkPunct
	}
	return false
}

// nestedContainer recognises a literal written as the value of an option that has properties:
// `session: { sealSession: true }`, `event={"action": …}`, `'actor' => ['id' => …]`, and each object
// of a list value: `domainData: [{ domain }]`, `'domain_data' => [['domain' => …]]`.
func (r *resolver) nestedContainer(open, depth int) (container, bool) {
	v := open
	if !r.isKeySep(v - 1) {
		l := int(r.toks.at(open).parent())
		if l < 0 || !r.is(l, "[") || !(r.is(open-1, "[") || r.is(open-1, ",")) || !r.isKeySep(l-1) {
			return container{}, false
		}
		v = l
	}
	key := v - 2
	if key < 0 {
		return container{}, false
	}
	outer, ok := r.containerIn(int(r.toks.at(key).parent()), depth+1)
	if !ok && r.d.parenless {
		outer, ok = r.commandContainer(key - 1)
	}
	if !ok || !r.atKeyPosition(&outer, key) {
		return container{}, false
	}
	name, ok := r.keyName(&outer, key)
	if !ok {
		return container{}, false
	}
	e, p := outer.lookup(name)
	if p == nil || len(p.Properties) == 0 {
		return container{}, false
	}
	path := append(append([]string(nil), outer.path...), name)
	return container{open: open, param: -1, entries: []*corpus.Entry{e}, nested: p, path: path}, true
}

// argIndex is the position of the argument starting at token arg in the list opened at open.
func (r *resolver) argIndex(open, arg int) int {
	n := 0
	for j := open + 1; j < arg; j++ {
		if r.toks.at(j).parent() == int32(open) && r.is(j, ",") {
			n++
		}
	}
	return n
}

// atKeyPosition reports whether token k starts an entry of the container: first inside it or after
// one of its commas (a Ruby command call: its first argument too).
func (r *resolver) atKeyPosition(c *container, k int) bool {
	if k < 0 || k >= r.toks.len() {
		return false
	}
	if c.open < 0 {
		return k >= c.from && k < c.to && (k == c.from || r.is(k-1, ",") && r.toks.at(k-1).parent() == r.toks.at(k).parent())
	}
	if r.toks.at(k).parent() != int32(c.open) {
		return false
	}
	return k-1 == c.open || r.is(k-1, ",")
}

// keyName reads token k as a key of the container: `email:` (a Ruby label has no space before its
// colon), `email=`, `Email =`, `'email' =>`, `"email":`, `:email =>`, JS shorthand `{ email }`.
func (r *resolver) keyName(c *container, k int) (string, bool) {
	t := r.toks.at(k)
	next := k + 1
	switch {
	case c.strKeys:
		if t.kind() != tkString || t.interp() || !r.is(next, c.sep) {
			return "", false
		}
		vs, ve := r.a.value(k)
		return r.src[vs:ve], true
	case t.kind() == tkIdent:
		if r.is(next, c.sep) {
			if r.d.labels && c.sep == ":" && r.toks.at(next).s != t.e {
				return "", false // Ruby labels are written `email:` with no space
			}
			return r.text(k), true
		}
		if r.d.shorthand && c.open >= 0 && r.is(c.open, "{") && (r.is(next, ",") || next == int(r.toks.at(c.open).match)) {
			return r.text(k), true // shorthand property { email }
		}
	case (t.kind() == tkSymbol || t.kind() == tkString && !t.interp()) && r.d.hashRockets && r.is(next, "=>"):
		vs, ve := r.a.value(k)
		return r.src[vs:ve], true
	}
	return "", false
}

// optionKey recognises an option key at token k: `{ email: … }`, `email=…`, `email: …`,
// `Email: …` in a Go opts struct, `Email = …` in a C# initializer, `'email' => …` in a PHP array.
// path is the keys of the options it is nested in, outermost first.
func (r *resolver) optionKey(k int) (e *corpus.Entry, p *corpus.Param, path []string, ok bool) {
	t := r.toks.at(k)
	open := int(t.parent())
	switch {
	case open >= 0 && k-1 == open:
	case r.is(k-1, ",") && r.toks.at(k-1).parent() == t.parent():
	case r.d.parenless && r.kind(k-1) == tkIdent && !t.nl(): // first argument of a command call
	default:
		return nil, nil, nil, false
	}
	c, ok := r.containerOf(open)
	if !ok {
		if c, ok = r.commandContainer(k - 1); !ok {
			return nil, nil, nil, false
		}
	}
	name, ok := r.keyName(&c, k)
	if !ok {
		return nil, nil, nil, false
	}
	e, p = c.lookup(name)
	if p == nil {
		return nil, nil, nil, false
	}
	return e, p, c.path, true
}

// commandContainer recognises the arguments of a Ruby call written without parentheses
// (`WorkOS::UserManagement.create_user email: e, password: p`); last is the token before the
// argument in question.
func (r *resolver) commandContainer(last int) (container, bool) {
	callee := r.commandCallee(last)
	if callee < 0 {
		return container{}, false
	}
	tg, ok := r.targetAt(callee, false)
	if !ok || tg.Kind != TargetCall {
		return container{}, false
	}
	to := callee + 1
	for to < r.toks.len() && (to == callee+1 || !r.toks.at(to).nl() || r.is(to-1, ",")) && !r.is(to, ";") {
		if m := r.toks.at(to).match; m > int32(to) && r.toks.at(to).kind() == tkPunct {
			to = int(m)
		}
		to++
	}
	return container{open: -1, from: callee + 1, to: to, entries: tg.Entries, param: -1, sep: ":"}, true
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
