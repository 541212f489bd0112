// Package docsettest loads the real WorkOS docs package for integration tests.
package docsettest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/workos-lsp/workos-lsp/docset"
)

// Real loads the real docs package of version (fetched, or from the cache WORKOS_LSP_CACHE names)
// when WORKOS_LSP_INTEGRATION=1, and skips the test otherwise. The set is closed when the test ends.
func Real(t testing.TB, version string) *docset.Set {
	t.Helper()
	if os.Getenv("WORKOS_LSP_INTEGRATION") != "1" {
		t.Skip("set WORKOS_LSP_INTEGRATION=1 to test against the real docs package")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	set, err := docset.Load(ctx, docset.Options{Version: version})
	if err != nil {
		t.Fatalf("load the %s docs: %v", version, err)
	}
	t.Cleanup(func() { set.Close() })
	return set
}
