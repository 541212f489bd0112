#!/usr/bin/env bash
# Runs every test of the project: vet, unit and end-to-end tests (with the race detector), the
# integration tests against the real @workos/mcp-docs-server package, and each fuzz target briefly.
# Needs Go and network access to the npm registry; the editor tests install Node packages and Debian's
# neovim when missing. Used as-is by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

export WORKOS_LSP_INTEGRATION="${WORKOS_LSP_INTEGRATION:-1}"
# A private cache keeps the tests away from the user's own cached docs and indexes.
export WORKOS_LSP_CACHE="${WORKOS_LSP_TEST_CACHE:-$(mktemp -d)}"
FUZZTIME="${FUZZTIME:-10s}"

echo "== the real docs (@workos/mcp-docs-server 0.2.0) for the integration tests"
go build -o "$WORKOS_LSP_CACHE/workos-lsp" ./cmd/workos-lsp
corpus_dir=$("$WORKOS_LSP_CACHE/workos-lsp" corpus fetch --corpus-version 0.2.0 --json | grep -o '"dir": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/')
export WORKOS_DOCS_DIR="${WORKOS_DOCS_DIR:-$corpus_dir/docs}"
echo "docs: $WORKOS_DOCS_DIR"

echo "== go vet"
go vet ./...
# bench/ is a module of its own (its plotting libraries stay out of the product's go.mod).
(cd bench && go vet ./...)

echo "== go test -race"
go test -race -count=1 ./...
(cd bench && go test -race -count=1 ./...)

echo "== fuzz (${FUZZTIME} each)"
# Every Fuzz* target in the module, run from its package with its seed corpus.
go list -f '{{.Dir}} {{.ImportPath}}' ./... | while read -r dir pkg; do
  { grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null || true; } | sed 's/^func //' | while read -r target; do
    echo "-- $pkg $target"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime 1s "$pkg"
  done
done

echo "== editors (VS Code extension, Neovim plugin)"
# The binary built above is the one under test there too.
WORKOS_LSP_BIN="$WORKOS_LSP_CACHE/workos-lsp" ./editors/test.sh

echo "all tests passed"
