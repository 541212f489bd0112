// Package workspace is the project model of the language server: which source files exist in the
// workspace folders, which project each belongs to, whether that project depends on a WorkOS SDK,
// and how an import or a name written in one file leads to other files. It is pure Go and knows
// nothing of LSP: the lsp package feeds it plain paths and texts, and sdkcall supplies the
// summaries and asks the questions.
//
// # Snapshots
//
// Readers call Workspace.Snapshot and get an immutable *Snapshot; any number of requests may use
// one concurrently, and none ever waits for a writer. Every change (a scan batch, an open or
// edited document, a file event) builds the next snapshot in a transaction and publishes it with
// an atomic pointer swap, as gopls does. The file table and the indexes are persistent maps split
// into 64 shards: a new snapshot copies the shard table and the shards it writes and shares the
// rest, so one saved file costs microseconds, not a copy of the 10,000-file table. Only writers
// take Workspace's mutex.
//
// # Scan
//
// SetFolders/AddFolder/RemoveFolder manage the workspace folders (with none, Open derives one
// from the nearest directory above the opened file that holds a project manifest, never the home
// directory). Each folder is scanned in the background: a walk lists source files of the seven
// SDK languages and the manifests, honouring nested .gitignore files and .git/info/exclude
// (go-git's gitignore matcher), skipping dependency, build, cache and virtualenv directories by
// name, generated and minified files, files over 1 MB, and following a symbolic link only when
// its target is inside a workspace folder and not a directory being walked (no loop). Then
// GOMAXPROCS workers read and summarise the files, publishing a snapshot every 256 files and
// reporting Progress. Until it finishes, Snapshot.Scanning is true and answers come from what is
// known so far; open documents are summarised when opened, so they never wait for the scan.
// All I/O goes through the FS interface, which tests fake.
//
// # Summaries
//
// Per file the model keeps a File: path, language, size, mtime, and the Summary that
// Options.Summarize produced from the text — imports as written, top-level declarations, the
// package or namespace, whether the file imports the SDK, and Data, opaque to this package, for
// the summarizer's own use (client bindings, functions returning clients, typed fields). The text
// itself is dropped once summarised. Open documents override the disk until Close; FilesChanged
// (didChangeWatchedFiles) and Refresh (didSave/didOpen when the client cannot watch files) ask
// the disk again. Each update returns Changes: the files whose record changed, their Dependants
// (files importing them or sharing their package, found through an import-key index and confirmed
// by resolution) and the projects whose manifests changed, so the caller can drop what it cached.
//
// # Projects
//
// Manifests are parsed with real parsers where they exist (encoding/json, encoding/xml,
// go-toml, x/mod/modfile, hujson for tsconfig's comments and trailing commas) and by the
// declaration line where none does (Gemfile, build.gradle, setup.py). A directory with manifests
// is a Project; ProjectOf gives a file's nearest enclosing project with a manifest of the file's
// language, Project.Parent links a monorepo package to its root, and Snapshot.DependsOnSDK says
// whether a file should be analysed even when it imports no SDK itself.
//
// # Resolution
//
// ResolveImport and ResolveName answer in each language's own terms, from the snapshot alone
// (no I/O, no cache that can go stale): JS/TS relative specifiers with extension and index
// probing, .js naming .ts, tsconfig/jsconfig baseUrl and paths through extends and references,
// package.json imports and workspace packages by name (exports/main, mapped from dist/ back to
// src/); Python absolute imports from project roots, src layouts and the script's directory, and
// relative imports, returning both the submodule and the attribute reading of `from a import b`;
// Go import paths through the go.mod module paths and local replaces, names through the package's
// files and import aliases; PHP PSR-4/PSR-0 and declared classes; Ruby require, require_relative,
// lexical constant lookup and Zeitwerk paths; Java classes by package and source root, on-demand
// and static imports; C# namespaces, enclosing namespaces, usings, global usings and aliases.
// Each Target says which file, what it is to the import (module, attribute, package file,
// declaration) and which rule found it.
package workspace
