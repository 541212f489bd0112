package sdkcall

import (
	"github.com/workos-lsp/workos-lsp/corpus"
)

// Signature finds the resolved SDK call whose argument list holds offset, which parameter the cursor
// is in (commas at depth zero; strings and comments never count) and, inside an unwrapped options
// object, kwargs or opts struct, which option is being written.
func (f *File) Signature(s *corpus.Symbols, offset int) (SignatureContext, bool) {
	if !f.ready(s, offset) || f.Lang == corpus.Curl || f.a.inComment(offset) {
		return SignatureContext{}, false
	}
	r := f.resolver(s)
	prev := f.a.lastBefore(offset)
	if prev < 0 {
		return SignatureContext{}, false
	}
	// The innermost bracket open at offset.
	open := -1
	t := r.toks[prev]
	if isOpen(r.text(prev)) && (t.match < 0 || int(r.toks[t.match].s) >= offset) {
		open = prev
	} else {
		open = int(t.parent)
	}
	for steps := 0; open >= 0 && steps < 16; steps++ {
		if r.is(open, "(") {
			if es := r.calleeEntries(open); len(es) > 0 {
				return r.signatureIn(es[0], open, prev, offset), true
			}
		}
		open = int(r.toks[open].parent)
	}
	return SignatureContext{}, false
}

func isOpen(s string) bool { return s == "(" || s == "[" || s == "{" }

// signatureIn computes the active parameter of the call e whose argument list opens at open; last is
// the last token before the cursor.
func (r *resolver) signatureIn(e *corpus.Entry, open, last, offset int) SignatureContext {
	sc := SignatureContext{Entry: e}
	argStart := open + 1
	for j := open + 1; j <= last && j < len(r.toks); j++ {
		if r.toks[j].parent == int32(open) && r.is(j, ",") {
			sc.ActiveParam++
			argStart = j + 1
		}
	}
	// A keyword argument names its parameter: email=…, email: …
	if r.kind(argStart) == tkIdent && argStart <= last+1 {
		sep := r.text(argStart + 1)
		if sep == "=" && r.lang == corpus.Python || sep == ":" && (r.lang == corpus.Ruby || r.lang == corpus.PHP || r.lang == corpus.DotNet) {
			r.activeKey(&sc, r.text(argStart))
			return sc
		}
	}
	// Inside an options literal in this argument: which key is being written.
	container := r.innermostIn(open, last, offset)
	if container >= 0 {
		if key := r.currentKey(container, last, offset); key != "" {
			r.activeKey(&sc, key)
		}
	}
	return sc
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

// innermostIn finds the `{` directly inside the call's parentheses (an argument) that is open at
// offset, or -1.
func (r *resolver) innermostIn(open, last, offset int) int {
	if last <= open {
		return -1
	}
	j := last
	t := r.toks[j]
	if !(r.is(j, "{") && (t.match < 0 || int(r.toks[t.match].s) >= offset)) {
		j = int(t.parent)
	}
	for steps := 0; j > open && steps < 16; steps++ {
		if r.is(j, "{") && r.toks[j].parent == int32(open) {
			return j
		}
		j = int(r.toks[j].parent)
	}
	return -1
}

// currentKey returns the key of the property being written inside the literal at container: the
// key of the entry that holds the cursor.
func (r *resolver) currentKey(container, last, offset int) string {
	keyStart := container + 1
	for j := container + 1; j <= last; j++ {
		if r.toks[j].parent == int32(container) && (r.is(j, ",") || r.is(j, ";")) {
			keyStart = j + 1
		}
	}
	// The word under the cursor may be the key itself (still being typed).
	if keyStart < len(r.toks) && r.kind(keyStart) == tkIdent && int(r.toks[keyStart].s) <= offset {
		return r.text(keyStart)
	}
	return ""
}
