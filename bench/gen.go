package main

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A generated source file that uses a WorkOS SDK densely: every block is an ordinary request
// handler with a handful of real SDK calls (as the docs write them) and plain code around them.
type genFile struct {
	lang       *langSpec
	lines      int
	text       string
	sites      []callSite // one per SDK call in the file, in file order
	typingLine int        // an indented empty line inside a handler, where the edit burst types
	typingCol  int        // UTF-16 column where typing starts
}

// callSite is one SDK call and the positions the bench asks about.
type callSite struct {
	method     string   // the called method as written ("createUser")
	hover      position // inside the method name
	completion position // just after the receiver's dot, as when the user has typed "workos.userManagement."
	signature  position // just inside the call's parentheses
}

type langSpec struct {
	name       string // "js", "go", "python"
	languageID string
	ext        string
	head       string
	block      func(w *fileWriter, i int)
	typing     string // what the edit burst types, one character per didChange
	indent     string
}

// fileWriter accumulates lines and records call sites with their positions.
type fileWriter struct {
	b     strings.Builder
	line  int
	sites []callSite
}

func (w *fileWriter) add(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	w.b.WriteString(s)
	w.b.WriteByte('\n')
	w.line++
}

// call adds a line holding an SDK call to method and records its positions.
func (w *fileWriter) call(method, format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	i := strings.Index(s, "."+method+"(")
	if i < 0 {
		panic(fmt.Sprintf("bench: call line %q has no .%s(", s, method))
	}
	nameAt := i + 1
	paren := nameAt + len(method)
	w.sites = append(w.sites, callSite{
		method:     method,
		hover:      position{Line: w.line, Character: utf16Len(s[:nameAt+len(method)/2])},
		completion: position{Line: w.line, Character: utf16Len(s[:nameAt])},
		signature:  position{Line: w.line, Character: utf16Len(s[:paren+1])},
	})
	w.add("%s", s)
}

func utf16Len(s string) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		n += utf16.RuneLen(r)
	}
	return n
}

// generate writes blocks until the file has at least lines lines. The block in the middle of the
// file gets an extra empty line (inside its handler) for the edit burst.
func generate(l *langSpec, lines int) *genFile {
	// One block's size, to find the middle block.
	probe := &fileWriter{}
	l.block(probe, 0)
	perBlock := probe.line
	headLines := strings.Count(l.head, "\n")
	blocks := max(1, (lines-headLines+perBlock-1)/perBlock)
	middle := blocks / 2

	w := &fileWriter{}
	w.b.WriteString(l.head)
	w.line = headLines
	f := &genFile{lang: l}
	for i := 0; i < blocks; i++ {
		start := w.line
		l.block(w, i)
		if i == middle {
			// Insert the typing line after the handler's first line (its signature).
			f.typingLine = start + 2
		}
	}
	text := w.b.String()
	if f.typingLine > 0 {
		lines := strings.SplitAfter(text, "\n")
		ins := f.typingLine
		lines = append(lines[:ins], append([]string{l.indent + "\n"}, lines[ins:]...)...)
		text = strings.Join(lines, "")
		for i := range w.sites {
			for _, p := range []*position{&w.sites[i].hover, &w.sites[i].completion, &w.sites[i].signature} {
				if p.Line >= ins {
					p.Line++
				}
			}
		}
		f.typingCol = utf16Len(l.indent)
	}
	f.text = text
	f.lines = strings.Count(text, "\n")
	f.sites = w.sites
	return f
}

var languages = []*langSpec{jsLang, goLang, pyLang}

var jsLang = &langSpec{
	name: "js", languageID: "typescript", ext: ".ts", indent: "  ",
	head: "import { WorkOS } from '@workos-inc/node';\n\n" +
		"const workos = new WorkOS(process.env.WORKOS_API_KEY);\n" +
		"const clientId = process.env.WORKOS_CLIENT_ID;\n" +
		"const orgId = 'org_01H7ZGXFP5C6BBQY6Z7277ZCT0';\n\n",
	typing: "const extra = await workos.userManagement.getUser(user.id); ",
	block: func(w *fileWriter, i int) {
		w.add("// section %d: request handlers — naïve café 😀", i)
		w.add("export async function handler%d(req, res) {", i)
		w.add("  const email = req.body.email ?? `user%d@example.com`;", i)
		w.add("  const ids = [1, 2, 3].map((x) => x * %d).filter(Boolean);", i)
		w.call("createUser", "  const user = await workos.userManagement.createUser({ email, firstName: 'n%d' });", i)
		w.call("listUsers", "  const users = await workos.userManagement.listUsers({ organizationId: orgId, limit: %d });", i%100+1)
		w.add("  if (req.headers['x-event'] === 'dsync.user.created') {")
		w.add("    console.log(ids.length, users.data.length);")
		w.add("  }")
		w.call("getProfileAndToken", "  const { profile } = await workos.sso.getProfileAndToken({ code: req.query.code, clientId });")
		w.call("createOrganization", "  const org = await workos.organizations.createOrganization({ name: `Org %d` });", i)
		w.call("listUsers", "  const members = await workos.directorySync.listUsers({ directory: 'directory_%d' });", i)
		w.call("createEvent", "  await workos.auditLogs.createEvent(org.id, { action: 'user.signed_in', occurredAt: new Date(), actor: { id: user.id, type: 'user' }, targets: [], context: { location: req.ip } });")
		w.call("authenticateWithCode", "  const session = await workos.userManagement.authenticateWithCode({ code: req.query.code, clientId });")
		w.add("  res.json({ user, profile, org, members, session });")
		w.add("}")
		w.add("")
	},
}

var goLang = &langSpec{
	name: "go", languageID: "go", ext: ".go", indent: "\t",
	head: "package handlers\n\nimport (\n\t\"context\"\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"log\"\n\t\"net/http\"\n\n" +
		"\t\"github.com/workos/workos-go/v4/pkg/auditlogs\"\n" +
		"\t\"github.com/workos/workos-go/v4/pkg/directorysync\"\n" +
		"\t\"github.com/workos/workos-go/v4/pkg/organizations\"\n" +
		"\t\"github.com/workos/workos-go/v4/pkg/sso\"\n" +
		"\t\"github.com/workos/workos-go/v4/pkg/usermanagement\"\n)\n\n",
	typing: "extra, _ := usermanagement.GetUser(ctx, usermanagement.GetUserOpts{User: user.ID}); ",
	block: func(w *fileWriter, i int) {
		w.add("// section %d: request handlers — naïve café 😀", i)
		w.add("func handler%d(ctx context.Context, w http.ResponseWriter, r *http.Request) error {", i)
		w.add("\temail := r.FormValue(\"email\")")
		w.add("\tids := []int{1, 2, %d}", i)
		w.add("\tfor i := range ids {")
		w.add("\t\tids[i] *= 2")
		w.add("\t}")
		w.call("CreateUser", "\tuser, err := usermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{Email: email, FirstName: \"n%d\"})", i)
		w.add("\tif err != nil {")
		w.add("\t\treturn fmt.Errorf(\"create user: %%w\", err)")
		w.add("\t}")
		w.call("ListUsers", "\tusers, err := usermanagement.ListUsers(ctx, usermanagement.ListUsersOpts{OrganizationID: \"org_123\", Limit: %d})", i%100+1)
		w.add("\tif err != nil {")
		w.add("\t\treturn err")
		w.add("\t}")
		w.call("GetProfileAndToken", "\tprofile, err := sso.GetProfileAndToken(ctx, sso.GetProfileAndTokenOpts{Code: r.URL.Query().Get(\"code\")})")
		w.add("\tif err != nil {")
		w.add("\t\treturn err")
		w.add("\t}")
		w.call("CreateOrganization", "\torg, err := organizations.CreateOrganization(ctx, organizations.CreateOrganizationOpts{Name: \"Org %d\"})", i)
		w.add("\tif err != nil {")
		w.add("\t\treturn err")
		w.add("\t}")
		w.call("ListUsers", "\tmembers, err := directorysync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: \"directory_%d\"})", i)
		w.add("\tif err != nil {")
		w.add("\t\treturn err")
		w.add("\t}")
		w.call("CreateEvent", "\terr = auditlogs.CreateEvent(ctx, auditlogs.CreateEventOpts{OrganizationID: org.ID, Event: auditlogs.Event{Action: \"user.signed_in\"}})")
		w.add("\tif r.Header.Get(\"X-Event\") == \"dsync.user.created\" {")
		w.add("\t\tlog.Println(len(ids), len(users.Data), len(members.Data), err)")
		w.add("\t}")
		w.add("\treturn json.NewEncoder(w).Encode(map[string]any{\"user\": user, \"profile\": profile, \"org\": org})")
		w.add("}")
		w.add("")
	},
}

var pyLang = &langSpec{
	name: "python", languageID: "python", ext: ".py", indent: "    ",
	head: "import os\n\nfrom workos import WorkOSClient\n\n" +
		"workos_client = WorkOSClient(api_key=os.getenv(\"WORKOS_API_KEY\"), client_id=os.getenv(\"WORKOS_CLIENT_ID\"))\n\n",
	typing: "extra = workos_client.user_management.get_user(user.id); ",
	block: func(w *fileWriter, i int) {
		w.add("# section %d: request handlers — naïve café 😀", i)
		w.add("def handler_%d(request):", i)
		w.add("    email = request.form.get(\"email\", \"user%d@example.com\")", i)
		w.add("    ids = [x * %d for x in (1, 2, 3) if x]", i)
		w.call("create_user", "    user = workos_client.user_management.create_user(email=email, first_name=\"n%d\")", i)
		w.call("list_users", "    users = workos_client.user_management.list_users(organization_id=\"org_123\", limit=%d)", i%100+1)
		w.add("    if request.headers.get(\"x-event\") == \"dsync.user.created\":")
		w.add("        print(len(ids), len(users.data))")
		w.call("get_profile_and_token", "    profile = workos_client.sso.get_profile_and_token(code=request.args[\"code\"])")
		w.call("create_organization", "    org = workos_client.organizations.create_organization(name=\"Org %d\")", i)
		w.call("list_users", "    members = workos_client.directory_sync.list_users(directory_id=\"directory_%d\")", i)
		w.call("create_event", "    workos_client.audit_logs.create_event(organization_id=org.id, event={\"action\": \"user.signed_in\"})")
		w.call("authenticate_with_code", "    session = workos_client.user_management.authenticate_with_code(code=request.args[\"code\"])")
		w.add("    return {\"user\": user, \"profile\": profile, \"org\": org, \"members\": members, \"session\": session}")
		w.add("")
	},
}

// smallFile is the document opened for the start-up measurements.
func smallFile() (text string, hover position) {
	w := &fileWriter{}
	w.b.WriteString(jsLang.head)
	w.line = strings.Count(jsLang.head, "\n")
	jsLang.block(w, 0)
	return w.b.String(), w.sites[0].hover
}

// symbolQueries are the workspace/symbol queries, as a user types them in the symbol picker.
var symbolQueries = []string{"createUser", "create user", "listUsers", "dsync.user.created", "getProfileAndToken",
	"organization", "audit log event", "magic auth", "refresh token", "pagination"}
