package mcpserver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUsageTool(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"pyproject.toml":        "[project]\nname = \"app\"\ndependencies = [\"workos>=5\"]\n",
		"app/auth/__init__.py":  "from workos import WorkOSClient\n\nworkos_client = WorkOSClient(api_key=\"k\", client_id=\"c\")\n",
		"app/routes/users.py":   "from app.auth import workos_client\n\n\ndef invite(email):\n    return workos_client.user_management.create_user(email=email)\n",
		"app/routes/admin.py":   "from ..auth import workos_client\n\n\ndef both(email):\n    workos_client.user_management.create_user(email=email)\n    return workos_client.user_management.list_users()\n",
		"app/routes/billing.py": "import stripe\n\n\ndef charge():\n    return stripe.Customer.create(email=\"a@b.c\")\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs := Ready(testDocs(t))
	docs.Workspace = []string{dir}
	cs := connect(t, docs)

	text, isErr := call(t, cs, "workos_usage", map[string]any{"symbol": "user_management.create_user"})
	if isErr || !strings.Contains(text, "2 found") ||
		!strings.Contains(text, "- app/routes/admin.py:5:35 `workos_client.user_management.create_user(email=email)`") ||
		!strings.Contains(text, "- app/routes/users.py:5:42 `return workos_client.user_management.create_user(email=email)`") {
		t.Errorf("usage of create_user:\n%s", text)
	}
	text, isErr = call(t, cs, "workos_usage", nil)
	if isErr || !strings.Contains(text, "×2") || !strings.Contains(text, "list_users") || strings.Contains(text, "billing.py") {
		t.Errorf("usage summary:\n%s", text)
	}
	if text, isErr = call(t, cs, "workos_usage", map[string]any{"symbol": "noSuchCall"}); !isErr || !strings.Contains(text, "workos_search") {
		t.Errorf("unknown symbol: %v %s", isErr, text)
	}
}
