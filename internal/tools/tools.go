//go:build tools

// Package tools pins the module versions that the packages below will import, so that parallel work on
// separate packages never races on go.mod. Remove an import once real code imports that module.
package tools

import (
	_ "github.com/blevesearch/bleve/v2"
	_ "github.com/modelcontextprotocol/go-sdk/mcp"
	_ "github.com/yuin/goldmark"
	_ "go.lsp.dev/jsonrpc2"
	_ "go.lsp.dev/protocol"
	_ "go.lsp.dev/uri"
	_ "gopkg.in/yaml.v3"
)
