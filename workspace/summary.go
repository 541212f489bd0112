package workspace

import (
	"time"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Summarizer produces the summary of one source file. It runs on the scan's worker goroutines and
// on the goroutine that calls Open/Change/FilesChanged, so it must be safe for concurrent use. The
// text is only valid during the call: the workspace keeps the Summary, never the text.
type Summarizer func(lang corpus.Language, path string, text []byte) Summary

// Summary is what the workspace keeps of a file: enough to compute who imports whom and which file
// declares a name, plus Data for the summarizer's own use (client bindings, functions returning
// clients…). A Summary is shared by every snapshot that holds it: never modify one after returning it.
type Summary struct {
	// Package is the file's package, namespace or module as the language declares it: the Go package
	// clause, the Java package, the PHP namespace, the C# file-scoped or first namespace, the Ruby
	// module nesting of the file's top-level definitions ("Billing::Workos"); "" for JS and Python
	// (their modules are files).
	Package string
	// Imports are the file's imports as written.
	Imports []Import
	// Decls are the file's top-level declarations.
	Decls []Decl
	// ImportsSDK tells whether the file itself imports a WorkOS SDK.
	ImportsSDK bool
	// Data is the summarizer's own, opaque to the workspace.
	Data any
}

// Import is one import, require, use or using as written.
type Import struct {
	// Spec is the specifier exactly as written: "./lib/workos", "@/lib/workos", "#lib/workos",
	// "github.com/acme/app/auth", "..auth" (Python relative: the dots are part of it), "auth.client",
	// "App\\Services\\WorkOS" (PHP, no leading backslash), "com.acme.auth.WorkOSProvider" or
	// "com.acme.auth.*" (Java), "Acme.Auth" (C#), "lib/workos_client" (Ruby require), or a constant
	// path "Workos::Client" for ImportAutoload.
	Spec string
	// Kind says how the language interprets Spec where one language has several forms.
	Kind ImportKind
	// Names are the names imported from Spec: Python `from a import x, y`, JS `import { x, y }`
	// (use "default" for a default import and "*" for a namespace import or `export * from`).
	Names []string
	// Alias is the local name bound by a single-name import: Go `import wk "…"`, PHP `use A\B as C`,
	// C# `using C = A.B;`, Python `import a.b as c`, Java static imports' member.
	Alias string
}

// ImportKind distinguishes forms of import within a language.
type ImportKind uint8

const (
	// ImportStatic is the language's ordinary import (import, require, use, using, from…import).
	ImportStatic ImportKind = iota
	// ImportRelative is Ruby's require_relative (Spec relative to the requiring file).
	ImportRelative
	// ImportAutoload is a constant the language loads by naming convention without any import:
	// Ruby/Zeitwerk `Workos::Client`, a PHP fully-qualified class written without `use`. Emitting
	// these lets the workspace find dependants that no import statement names.
	ImportAutoload
	// ImportGlobal is a C# `global using`, which applies to every file of the project.
	ImportGlobal
	// ImportReExport is a JS `export … from` (the file re-exports what it imports).
	ImportReExport
)

// Decl is one top-level declaration.
type Decl struct {
	Name string
	Kind DeclKind
	// Namespace overrides Summary.Package for this declaration (C# files with several namespaces,
	// Ruby constants nested in modules): "" means Summary.Package.
	Namespace string
	// Type is the declared type as written, if the language and the summarizer know one
	// ("*usermanagement.Client", "WorkOS"), or the return type of a function.
	Type string
	// Exported tells whether other files can name it (JS export, Go capitalised, Python no leading _,
	// public in Java/C#/PHP).
	Exported bool
}

// DeclKind is the kind of a declaration.
type DeclKind uint8

const (
	DeclVar DeclKind = iota
	DeclConst
	DeclFunc
	DeclType // class, struct, interface, enum, trait, module
	DeclMethod
)

// File is the record of one source file. Records are immutable and shared between snapshots.
type File struct {
	Path    string
	Lang    corpus.Language
	Size    int64
	ModTime time.Time
	// Open tells that the record comes from an open document, which overrides the disk.
	Open    bool
	Summary Summary

	keys       []string   // the union of importKeys, kept to update the index when the record goes
	importKeys [][]string // the keys of each of Summary.Imports
}
