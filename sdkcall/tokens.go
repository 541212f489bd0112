package sdkcall

// tokens is a version's token list. After an edit most of it is the previous version's: rather than
// copy and shift a big file's tokens on every keystroke, the list reads them from the earlier flat
// array, base (shared by the versions, never written), through the edit:
//
//	[0, kept)        base[0:kept], but for the open brackets of fixes, whose partners moved
//	[kept, tailAt)   mid, this version's own (the re-lexed tokens)
//	[tailAt, n)      base[tail:], moved by delta bytes; their references to tokens from pivot on by
//	                 tailAt-tail, their values by dVal
//
// (pivot ≥ kept: the re-lexed tokens before the edit are base's, at the same index.)
//
// A list made by lexing a whole text is flat: kept is its length, and at is one compare and a load.
type tokens struct {
	base         []token
	kept, tailAt int32
	mid          []token
	tail         int32
	delta, dVal  int32
	pivot        int32
	fixes        []fix
	n            int32
}

// fix is the partner of an open bracket of the kept tokens.
type fix struct{ k, match int32 }

func flatTokens(toks []token) tokens {
	n := int32(len(toks))
	return tokens{base: toks, kept: n, tailAt: n, tail: n, pivot: n, n: n}
}

func (ts *tokens) len() int { return int(ts.n) }

func (ts *tokens) flat() bool { return ts.kept == ts.n }

// at is token k, which must be in the list. (Small enough to be inlined: every question reads
// tokens through it.)
func (ts *tokens) at(k int) token {
	if k < int(ts.kept) && ts.fixes == nil {
		return ts.base[k]
	}
	return ts.piece(k)
}

// piece is token k of a list in pieces.
func (ts *tokens) piece(k int) token {
	if k < int(ts.kept) {
		t := ts.base[k]
		// An open bracket whose partner is after kept, or was missing: fixes may know better.
		if (t.match >= ts.kept || t.match < 0) && t.kind() == tkPunct {
			t.match = ts.fixed(int32(k), t.match)
		}
		return t
	}
	if k < int(ts.tailAt) {
		return ts.mid[k-int(ts.kept)]
	}
	return ts.moved(ts.base[k-int(ts.tailAt)+int(ts.tail)])
}

func (ts *tokens) fixed(k, match int32) int32 {
	for _, f := range ts.fixes {
		if f.k == k {
			return f.match
		}
	}
	return match
}

// moved is a token of base's tail as this list has it.
func (ts *tokens) moved(t token) token {
	dTok := ts.tailAt - ts.tail
	t.s += ts.delta
	t.e += ts.delta
	if t.pf&pfParent > uint32(ts.pivot) {
		t.pf += uint32(dTok)
	}
	if k := t.kind(); k == tkPunct {
		if t.match >= ts.pivot {
			t.match += dTok
		}
	} else if k == tkString || k == tkSymbol {
		t.match += ts.dVal
	}
	return t
}

// slice appends the tokens [from, to) to dst.
func (ts *tokens) slice(dst []token, from, to int) []token {
	for k := from; k < to; k++ {
		dst = append(dst, ts.at(k))
	}
	return dst
}

// compact is ts, flat when this version's own tokens are most of it (a big relex: the copy costs
// less than it, and keeps later reads fast).
func (ts tokens) compact() tokens {
	if ts.flat() || len(ts.mid) <= int(ts.n)/2 {
		return ts
	}
	return flatTokens(ts.slice(make([]token, 0, ts.n), 0, int(ts.n)))
}
