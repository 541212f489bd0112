// Package sdkcall recognises WorkOS SDK usage in user source code: which files use an SDK, which
// member chain is under the cursor, what it resolves to in the symbol table, what can be completed
// there, which call's arguments the cursor is in, and what deserves a diagnostic. Everything here is a
// pure function of (language, text, byte offset, symbols): no LSP types, no I/O, safe for concurrent use.
package sdkcall

import "github.com/workos-lsp/workos-lsp/corpus"

// File is one analysed version of a document. Analyse once per version, then ask many questions.
type File struct {
	Lang corpus.Language
	Text []byte
	// unexported: tokens (with comment/string spans), imports, aliases… filled by Analyze.
	a *analysis
}

// TargetKind says what the cursor is on.
type TargetKind int

const (
	TargetCall      TargetKind = iota + 1 // a method or function call resolved to entries
	TargetModule                          // a module receiver (workos.userManagement)
	TargetOption                          // an option key inside a call's options object/kwargs/opts struct
	TargetType                            // an SDK object type (User, usermanagement.User)
	TargetEvent                           // an event name in a string literal ("dsync.user.created")
	TargetEndpoint                        // an HTTP path of the API (/user_management/users) in shell/http files
	TargetAmbiguous                       // a bare method name with unknown receiver that is not unique
)

// Target is what sits under the cursor.
type Target struct {
	Kind       TargetKind
	Start, End int             // byte range of the word under the cursor
	Entries    []*corpus.Entry // resolved entries; candidates for TargetAmbiguous; the call for TargetOption
	Module     string          // TargetModule: the module
	Option     *corpus.Param   // TargetOption: the parameter
	Event      *corpus.Event   // TargetEvent
}

// CompletionContext is what may be written at the cursor.
type CompletionContext struct {
	Start, End int // byte range the chosen item replaces (the partial word, may be empty)
	Items      []Item
}

// ItemKind classifies completion items.
type ItemKind int

const (
	ItemMethod ItemKind = iota + 1
	ItemFunction
	ItemModule
	ItemOption
	ItemEvent
)

// Item is one completion candidate.
type Item struct {
	Label    string
	Kind     ItemKind
	Detail   string // one line: the signature or the type
	Insert   string // text to insert (may equal Label)
	SortKey  string // required options first, then by name
	Entry    *corpus.Entry
	Param    *corpus.Param
	Event    *corpus.Event
	Required bool
}

// SignatureContext is the call whose argument list holds the cursor.
type SignatureContext struct {
	Entry        *corpus.Entry
	ActiveParam  int    // index into Entry.Parameters
	ActiveOption string // the option key being written inside an unwrapped options object, if any
}

// Severity of a diagnostic.
type Severity int

const (
	SeverityError Severity = iota + 1
	SeverityWarning
	SeverityInformation
	SeverityHint
)

// Diagnostic is a problem in user code.
type Diagnostic struct {
	Start, End int
	Severity   Severity
	Message    string
	Code       string // "deprecated", "unknown-method"
	Href       string // docs page explaining it
	Deprecated bool
	Fixes      []Fix
}

// Fix replaces [Start,End) with NewText.
type Fix struct {
	Title      string
	Start, End int
	NewText    string
}

// Link is a recognised SDK call or event with its docs URL.
type Link struct {
	Start, End int
	URL        string
	Entry      *corpus.Entry
}
