// The editors tree is not Go code; its own module keeps node_modules out of `go test ./...` and `go vet ./...`.
module github.com/workos-lsp/workos-lsp/editors

go 1.26
