package sdkcall

import (
	"github.com/workos-lsp/workos-lsp/corpus"
)

// The questions below are asked while no docs are loaded (still loading, or the load failed). They
// tell, from the code alone, where a hover or a completion would have answered about WorkOS, so that
// "the docs are not loaded" is said there and nowhere else: said on unrelated code it is noise.
// Without the symbol table no module or method name is known, so only what the file traces to the
// SDK through its imports and bindings counts; a receiver that merely has "workos" in its name does
// not (with the docs loaded it would still need a documented member to answer).

// noDocs is the index of an empty symbol table.
var noDocs = NewIndex(&corpus.Symbols{})

// SDKMemberAt reports whether the identifier at offset is a member of a WorkOS client, of the SDK's
// namespace, or of one of its packages (workos.userManagement, its createUser, Go
// usermanagement.ListUsers), or is an SDK package imported by name (Go usermanagement); in curl
// files, an API path of api.workos.com. start, end is the word's byte range.
func (f *File) SDKMemberAt(offset int) (start, end int, ok bool) {
	if !f.askable(offset) {
		return 0, 0, false
	}
	if f.d.shell {
		for _, ep := range f.a.endpoints {
			if offset >= ep.s && offset <= ep.e {
				return ep.s, ep.e, true
			}
		}
		return 0, 0, false
	}
	k, found := f.a.tokenAt(f.Text, offset)
	if !found || f.a.toks.at(k).kind() != tkIdent {
		return 0, 0, false
	}
	r := f.tracedResolver()
	t := r.toks.at(k)
	if first := r.chainStart(k); first < k {
		recv, _ := r.evalExpr(first, k-1)
		return int(t.s), int(t.e), sdkReceiver(recv)
	}
	v := r.base(k)
	return int(t.s), int(t.e), (v.kind == vWk || v.kind == vModule) && !v.guess
}

// SDKMemberCompletion reports whether offset follows a member separator after a WorkOS client, the
// SDK's namespace or one of its packages (`workos.`, `workos.userManagement.cre‸`): where completion
// offers the SDK's modules or methods. start, end is the partial word an item would replace.
func (f *File) SDKMemberCompletion(offset int) (start, end int, ok bool) {
	if !f.askable(offset) || f.d.shell || f.a.inComment(offset) {
		return 0, 0, false
	}
	toks := &f.a.toks
	k := f.a.startsBefore(offset)
	start, end, sep := offset, offset, f.a.lastBefore(offset)
	if k >= 0 {
		t := toks.at(k)
		switch {
		case t.kind() == tkIdent && offset <= int(t.e):
			start, end, sep = int(t.s), int(t.e), k-1
		case offset < int(t.e):
			return 0, 0, false // inside a string, a number or an operator
		}
	}
	r := f.tracedResolver()
	if sep < 0 || !r.isSep(sep) || f.d.lineEndsChain && r.chainEnded(sep, start) {
		return 0, 0, false
	}
	first := r.chainStart(sep + 1)
	if first > sep {
		return 0, 0, false
	}
	recv, _ := r.evalExpr(first, sep)
	return start, end, sdkReceiver(recv)
}

func (f *File) askable(offset int) bool {
	return f != nil && f.a != nil && f.d != nil && f.Active() && offset >= 0 && offset <= len(f.Text)
}

func (f *File) tracedResolver() *resolver {
	r := f.resolver(noDocs)
	r.traced = true
	return r
}

// sdkReceiver reports whether members of v are the SDK's. The client class's static members
// (WorkOS::setApiKey) are not: with the docs they answer nothing either.
func sdkReceiver(v value) bool {
	switch v.kind {
	case vClient, vNamespace, vWk, vModule:
		return !v.guess
	}
	return false
}
