package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Settings are the user's choices. They arrive from the command line (Options.Settings), then
// initializationOptions, then workspace/didChangeConfiguration; each layer overrides only the fields it
// sets. On the wire they are {"workos": {...}} or the inner object alone.
type Settings struct {
	DocsPath    string   `json:"docsPath,omitempty"`    // a local docs folder instead of the npm package
	DocsVersion string   `json:"docsVersion,omitempty"` // the package version to use ("0.2.0"); empty means newest
	Offline     bool     `json:"offline,omitempty"`     // never touch the network; use the cache only
	Languages   []string `json:"languages,omitempty"`   // enabled languages ("go", "node", "c#", "curl" or LSP ids like "shellscript"); empty means all
	// MaxWorkspaceFiles caps the source files read per workspace folder (0: the default, 30,000);
	// a negative value turns the scan off, leaving the open files and their manifests. Read at
	// initialize.
	MaxWorkspaceFiles int `json:"maxWorkspaceFiles,omitempty"`
}

// docsKey is what decides which docs are loaded: a change re-loads.
func (s Settings) docsKey() string {
	return fmt.Sprintf("%q|%q|%v", s.DocsPath, s.DocsVersion, s.Offline)
}

// Enabled reports whether features run for lang.
func (s Settings) Enabled(lang corpus.Language) bool {
	if len(s.Languages) == 0 {
		return true
	}
	for _, name := range s.Languages {
		l, ok := corpus.ParseLanguage(name)
		if !ok {
			l, ok = detectLanguage(name, "") // LSP language ids: shellscript, javascriptreact…
		}
		if ok && l == lang {
			return true
		}
	}
	return false
}

// settingsLayer is one source of settings: nil fields are unset.
type settingsLayer struct {
	DocsPath    *string   `json:"docsPath"`
	DocsVersion *string   `json:"docsVersion"`
	Offline     *bool     `json:"offline"`
	Languages   *[]string `json:"languages"`

	MaxWorkspaceFiles *int `json:"maxWorkspaceFiles"`
}

func (l *settingsLayer) apply(s Settings) Settings {
	if l == nil {
		return s
	}
	if l.DocsPath != nil {
		s.DocsPath = *l.DocsPath
	}
	if l.DocsVersion != nil {
		s.DocsVersion = *l.DocsVersion
	}
	if l.Offline != nil {
		s.Offline = *l.Offline
	}
	if l.Languages != nil {
		s.Languages = slices.Clone(*l.Languages)
	}
	if l.MaxWorkspaceFiles != nil {
		s.MaxWorkspaceFiles = *l.MaxWorkspaceFiles
	}
	return s
}

// parseSettings reads a settings object, wrapped in {"workos": …} or not. Empty input and null give a
// nil layer; a value that is not an object is an error.
func parseSettings(raw []byte) (*settingsLayer, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	var outer map[string]json.RawMessage
	if err := json.Unmarshal(raw, &outer); err != nil {
		return nil, fmt.Errorf("settings must be a JSON object: %w", err)
	}
	if inner, ok := outer["workos"]; ok {
		raw = inner
		if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			return nil, nil
		}
	}
	var l settingsLayer
	if err := json.Unmarshal(raw, &l); err != nil {
		return nil, fmt.Errorf("workos settings: %w", err)
	}
	return &l, nil
}
