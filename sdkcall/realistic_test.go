package sdkcall

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// A realistic file is application code written the way users of an SDK write it (a Next.js route, a
// Flask view, a Rails controller…), with questions asked at cursors inside it.
type realFile struct {
	name string
	lang corpus.Language
	src  string // "´" stands for a backtick (Go raw strings cannot hold one)
	// checks run against the real docs (WORKOS_DOCS_DIR); those marked fx also against the fixture
	// corpus.
	checks []rcheck
	// diags: every diagnostic of the file with the real docs, in order, as "word code"; fxDiags the
	// same with the fixture corpus (nil: not checked).
	diags, fxDiags []string
	// foreign: the file does not use a WorkOS SDK, so nothing in it may answer.
	foreign bool
}

// rcheck is one question. at is a snippet that occurs exactly once in the file, with ‸ at the
// cursor. want names the question and its answer:
//
//	hover none | hover call <id> | hover option <id> <path.key> | hover module <m> | hover type <id> |
//	hover event <name> | hover ambiguous <n> | hover endpoint <id> [+<more candidates>]
//	complete none | complete [<replaced text>] <labels…>
//	sig none | sig <id> <active parameter key> [<active option>]
//
// Completion labels are the first items, in order; a label with + must be offered anywhere, one with
// ! must not be.
type rcheck struct {
	at   string
	want string
	fx   bool
}

func (rf *realFile) text() string { return strings.ReplaceAll(rf.src, "´", "`") }

// offsetOf finds the check's cursor in the file.
func offsetOf(t *testing.T, text, at string) int {
	t.Helper()
	i := strings.Index(at, cursor)
	if i < 0 {
		t.Fatalf("check %q has no cursor", at)
	}
	plain := strings.ReplaceAll(strings.ReplaceAll(at, cursor, ""), "´", "`")
	j := strings.Index(text, plain)
	if j < 0 {
		t.Fatalf("check %q: snippet not in the file", at)
	}
	if strings.Count(text, plain) != 1 {
		t.Fatalf("check %q: snippet occurs %d times", at, strings.Count(text, plain))
	}
	return j + i
}

func runRealistic(t *testing.T, s *Index, files []realFile, fixture bool) {
	t.Helper()
	n := 0
	for _, rf := range files {
		t.Run(rf.name, func(t *testing.T) {
			text := rf.text()
			f := Analyze(rf.lang, text)
			if f.UsesWorkOS() == rf.foreign {
				t.Fatalf("%s: UsesWorkOS = %v", rf.name, f.UsesWorkOS())
			}
			if rf.foreign {
				checkSilent(t, f, s)
			}
			for _, c := range rf.checks {
				if fixture && !c.fx {
					continue
				}
				n++
				off := offsetOf(t, text, c.at)
				q, _, _ := strings.Cut(c.want, " ")
				var got string
				switch q {
				case "hover":
					got = describeAt(t, f, s, off)
				case "complete":
					got = matchCompletion(t, f, s, off, c.want)
				case "sig":
					got = describeSig(f, s, off)
				default:
					t.Fatalf("check %q: unknown question %q", c.at, q)
				}
				if got != c.want {
					t.Errorf("%s at %q:\n got  %s\n want %s", rf.name, c.at, got, c.want)
				}
			}
			want := rf.diags
			if fixture {
				want = rf.fxDiags
			}
			if want == nil {
				return
			}
			var got []string
			for _, d := range f.Diagnostics(s) {
				got = append(got, text[d.Start:d.End]+" "+d.Code)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s diagnostics:\n got  %q\n want %q", rf.name, got, want)
			}
		})
	}
	t.Logf("%d checks", n)
}

// checkSilent asks every question at every offset of a file that does not use WorkOS.
func checkSilent(t *testing.T, f *File, s *Index) {
	t.Helper()
	for off := 0; off <= len(f.Text); off++ {
		if tg, ok := f.At(s, off); ok {
			t.Fatalf("offset %d: target %v %q", off, tg.Kind, f.Text[tg.Start:tg.End])
		}
		if cc, ok := f.Complete(s, off); ok {
			t.Fatalf("offset %d: completion %q", off, labels(cc.Items))
		}
		if sc, ok := f.Signature(s, off); ok {
			t.Fatalf("offset %d: signature %s", off, sc.Entry.ID)
		}
	}
	if ds := f.Diagnostics(s); len(ds) > 0 {
		t.Fatalf("diagnostics %+v", ds)
	}
	if ls := f.Links(s); len(ls) > 0 {
		t.Fatalf("links %+v", ls)
	}
}

func describeAt(t *testing.T, f *File, s *Index, off int) string {
	tg, ok := f.At(s, off)
	if !ok {
		return "hover none"
	}
	if off < tg.Start || off > tg.End {
		t.Errorf("cursor %d outside the target's range [%d,%d)", off, tg.Start, tg.End)
	}
	if w := f.Text[tg.Start:tg.End]; strings.ContainsAny(w, " \t\n\"'`(") {
		t.Errorf("target range %q is not one word", w)
	}
	for _, e := range tg.Entries {
		if e.Language != f.Lang && f.Lang != corpus.Curl {
			t.Errorf("entry %s is %s", e.ID, e.Language)
		}
	}
	switch tg.Kind {
	case TargetCall:
		return "hover call " + tg.Entries[0].ID
	case TargetOption:
		return "hover option " + tg.Entries[0].ID + " " + strings.Join(append(slices.Clone(tg.OptionPath), tg.Option.Key), ".")
	case TargetModule:
		return "hover module " + tg.Module
	case TargetType:
		return "hover type " + tg.Entries[0].ID
	case TargetEvent:
		return "hover event " + tg.Event.Name
	case TargetAmbiguous:
		return fmt.Sprintf("hover ambiguous %d", len(tg.Entries))
	case TargetEndpoint:
		if len(tg.Entries) > 1 {
			return fmt.Sprintf("hover endpoint %s +%d", tg.Entries[0].ID, len(tg.Entries)-1)
		}
		return "hover endpoint " + tg.Entries[0].ID
	}
	return "hover " + tg.Kind.String()
}

// matchCompletion returns want when the completion at off satisfies it, else a description of what
// was offered.
func matchCompletion(t *testing.T, f *File, s *Index, off int, want string) string {
	cc, ok := f.Complete(s, off)
	if !ok {
		return "complete none"
	}
	if off < cc.Start || off > cc.End {
		t.Errorf("cursor %d outside the replaced range [%d,%d)", off, cc.Start, cc.End)
	}
	got := labels(cc.Items)
	desc := fmt.Sprintf("complete [%s] %s", f.Text[cc.Start:cc.End], strings.Join(got, " "))
	rest, ok := strings.CutPrefix(want, fmt.Sprintf("complete [%s]", f.Text[cc.Start:cc.End]))
	if !ok {
		return desc
	}
	k := 0
	for _, w := range strings.Fields(rest) {
		switch {
		case strings.HasPrefix(w, "+"):
			if !slices.Contains(got, w[1:]) {
				return desc
			}
		case strings.HasPrefix(w, "!"):
			if slices.Contains(got, w[1:]) {
				return desc
			}
		default:
			if k >= len(got) || got[k] != w {
				return desc
			}
			k++
		}
	}
	return want
}

func describeSig(f *File, s *Index, off int) string {
	sc, ok := f.Signature(s, off)
	if !ok {
		return "sig none"
	}
	p := "-"
	if sc.ActiveParam < len(sc.Entry.Parameters) {
		p = sc.Entry.Parameters[sc.ActiveParam].Key
	}
	out := "sig " + sc.Entry.ID + " " + p
	if sc.ActiveOption != "" {
		out += " " + sc.ActiveOption
	}
	return out
}

func TestRealistic(t *testing.T) { runRealistic(t, realIndex(t), realisticFiles, false) }

// TestRealisticFixture asks the questions whose answers the fixture corpus also holds.
func TestRealisticFixture(t *testing.T) { runRealistic(t, testIndex(t), realisticFiles, true) }

var realisticFiles = append([]realFile{
	nextRoute, expressApp, nestService, reactNav, goServer, flaskApp, djangoViews, fastapiApp, railsController, sinatraApp,
	laravelController, springController, aspnetController, curlScript,
}, foreignFiles...)

var nextRoute = realFile{name: "next route.ts", lang: corpus.JS, src: `// app/api/auth/route.ts
import { NextRequest, NextResponse } from 'next/server';
import { WorkOS } from '@workos-inc/node';
import { withAuth, getSignInUrl, handleAuth } from '@workos-inc/authkit-nextjs';
import { prisma } from '@/lib/prisma';
import Stripe from 'stripe';

const workos = new WorkOS(process.env.WORKOS_API_KEY);
const clientId = process.env.WORKOS_CLIENT_ID!;
const stripe = new Stripe(process.env.STRIPE_KEY!);

export const GET = handleAuth({ returnPathname: '/dashboard' });

export async function login() {
  const signInUrl = await getSignInUrl();
  return NextResponse.redirect(signInUrl);
}

export async function ssoStart(req: NextRequest) {
  const authorizationUrl = workos.sso.getAuthorizationUrl({
    organization: 'org_123',
    redirectUri: 'https://example.com/callback',
    clientId,
    state: JSON.stringify({ next: '/app' }),
  });
  return NextResponse.redirect(authorizationUrl);
}

export async function callback(req: NextRequest) {
  const code = req.nextUrl.searchParams.get('code') ?? '';
  const { user, accessToken, refreshToken } = await workos.userManagement.authenticateWithCode({
    code,
    clientId,
    session: { sealSession: true, cookiePassword: process.env.COOKIE_PASSWORD },
  });
  const { profile } = await workos.sso.getProfileAndToken({ code, clientId });
  console.log(profile.rawAttributes, ´${user.email} logged in as ${profile.idpId}´);
  await prisma.user.create({ data: { email: user.email } });
  await stripe.customers.create({ email: user.email });
  return NextResponse.json({ user, accessToken, refreshToken });
}

export async function createOrg(name: string, domain: string) {
  const organization = await workos.organizations.createOrganization({
    name,
    domainData: [{ domain, state: 'verified' }],
  });
  const users = await workos.directorySync.listUsers({ directory: 'directory_123', limit: 10 });
  const members = await workos.userManagement.listUsers({ organizationId: organization.id });
  await workos.userManagement.createUsr({ email: 'x@y.z' });
  // SDK methods the docs do not list.
  const roles = await workos.organizations.listOrganizationRoles({ organizationId: organization.id });
  await workos.mfa.verifyFactor({ authenticationChallengeId: 'auth_challenge_1', code: '123456' });
  await workos.auditLogs.createEvent(organization.id, {
    action: 'user.signed_in',
    occurredAt: new Date(),
    actor: { type: 'user', id: 'user_1' },
    targets: [{ type: 'team', id: 'team_1' }],
    context: { location: '1.1.1.1' },
  });
  return { organization, users, members };
}

export default async function Page() {
  const { user } = await withAuth({ ensureSignedIn: true });
  return ´<p>Welcome ${user.firstName}, ${await workos.userManagement.getUser(user.id)}</p>´;
}

// a local helper that happens to share a name with an SDK method
function createUser(email: string) {
  return prisma.user.create({ data: { email } });
}

export async function webhook(req: NextRequest) {
  const payload = await req.json();
  const sigHeader = req.headers.get('workos-signature')!;
  const event = await workos.webhooks.constructEvent({
    payload,
    sigHeader,
    secret: process.env.WORKOS_WEBHOOK_SECRET!,
  });
  switch (event.event) {
    case 'dsync.user.created':
      await createUser(event.data.emails[0].value);
      break;
    case 'user.created':
      break;
    case 'organization.updated':
      break;
  }
  return new Response('ok');
}
`,
	checks: []rcheck{
		{at: "workos.sso.getAuthoriza‸tionUrl({", want: "hover call get_authorization_url"},
		{at: "workos.userManagement.authenticateWith‸Code({", want: "hover call authenticate_with_code"},
		{at: "workos.userManage‸ment.authenticateWithCode", want: "hover module usermanagement"},
		{at: "workos.sso.getProfileAnd‸Token({ code, clientId })", want: "hover call get_profile_and_token", fx: true},
		{at: "getProfileAndToken({ co‸de, clientId })", want: "hover option get_profile_and_token code", fx: true},
		{at: "organization: 'org_1‸23'", want: "hover none"},
		{at: "organiza‸tion: 'org_123'", want: "hover option get_authorization_url organization"},
		{at: "redirect‸Uri: 'https://example.com/callback'", want: "hover option get_authorization_url redirectUri"},
		{at: "    clientI‸d,\n    state", want: "hover option get_authorization_url clientId"},
		{at: "session: { sealSess‸ion: true", want: "hover option authenticate_with_code session.sealSession"},
		{at: "sessi‸on: { sealSession", want: "hover option authenticate_with_code session"},
		{at: "workos.organizations.createOrgan‸ization({", want: "hover call create_organization"},
		{at: "domainDa‸ta: [{", want: "hover option create_organization domainData"},
		{at: "[{ domain, sta‸te: 'verified' }]", want: "hover option create_organization domainData.state"},
		{at: "workos.directorySync.list‸Users({ directory", want: "hover call list_directory_users", fx: true},
		{at: "listUsers({ direct‸ory: 'directory_123'", want: "hover option list_directory_users directory", fx: true},
		{at: "workos.userManagement.list‸Users({ organizationId", want: "hover call list_users", fx: true},
		{at: "listUsers({ organization‸Id: organization.id })", want: "hover option list_users organizationId"},
		{at: "createEvent(organization.id, {\n    acti‸on:", want: "hover option create_event event.action"},
		{at: "actor: { type: 'user', i‸d: 'user_1' }", want: "hover option create_event event.actor.id"},
		{at: "targets: [{ type: 'team', i‸d: 'team_1' }]", want: "hover option create_event event.targets.id"},
		{at: "context: { locat‸ion: '1.1.1.1' }", want: "hover option create_event event.context.location"},
		{at: "await withAu‸th({ ensureSignedIn: true })", want: "hover call withAuth", fx: true},
		{at: "await withAuth({ ensureSign‸edIn: true })", want: "hover option withAuth ensureSignedIn", fx: true},
		{at: "const GET = handle‸Auth(", want: "hover call handleAuth"},
		{at: "handleAuth({ returnPath‸name: '/dashboard' })", want: "hover option handleAuth returnPathname"},
		{at: "await getSignIn‸Url();", want: "hover call getSignInUrl"},
		{at: "import { withAuth, getSignInUrl, handle‸Auth }", want: "hover call handleAuth"},
		// Inside template literals: code in ${…} is code, the text around it is not.
		{at: "${await workos.userManagement.get‸User(user.id)}", want: "hover call get_user"},
		{at: "<p>Wel‸come", want: "hover none"},
		{at: "logged i‸n as", want: "hover none"},
		// Look-alikes.
		{at: "prisma.user.cre‸ate({ data: { email: user.email } })", want: "hover none"},
		{at: "stripe.customers.cre‸ate(", want: "hover none"},
		{at: "await createU‸ser(event.data", want: "hover none", fx: true},
		{at: "function createU‸ser(email: string)", want: "hover none", fx: true},
		{at: "workos.webhooks.construct‸Event(", want: "hover none"},
		{at: "workos.organizations.listOrganization‸Roles(", want: "hover none"},
		{at: "workos.mfa.verify‸Factor(", want: "hover none"},
		{at: "// a local helper that happens to share a name with an SDK me‸thod", want: "hover none", fx: true},
		{at: "JSON.stringify({ ne‸xt: '/app' })", want: "hover none"},
		// Events.
		{at: "case 'dsync.user.crea‸ted':", want: "hover event dsync.user.created", fx: true},
		{at: "case 'organization.upd‸ated':", want: "hover event organization.updated"},
		// Completion and signature help inside the calls.
		{at: "workos.sso.‸getAuthorizationUrl({", want: "complete [getAuthorizationUrl] deleteConnection getAuthorizationUrl getConnection getProfile getProfileAndToken listConnections"},
		{at: "workos.‸sso.getAuthorizationUrl({", want: "complete [sso] auditLogs authorization directorySync +userManagement +sso !webhooks"},
		{at: "listUsers({ organizationId‸: organization.id })", want: "complete [organizationId] after before email limit order organizationId"},
		{at: "{ directory: 'directory_123', ‸limit: 10 }", want: "complete [limit] after before group limit order !directory"},
		{at: "session: { ‸sealSession: true", want: "complete [sealSession] sealSession !cookiePassword"},
		{at: "organization: 'org_123',\n    ‸redirectUri", want: "sig get_authorization_url options redirectUri"},
		{at: "state: JSON.stringify({ next: '/app' }),\n  ‸})", want: "sig get_authorization_url options"},
		{at: "createEvent(organization.id, ‸{", want: "sig create_event event"},
		{at: "context: { location: '1.1.‸1.1' }", want: "sig create_event event context"},
		{at: "prisma.user.create({ data: { email: user.em‸ail } })", want: "sig none"},
	},
	diags: []string{"rawAttributes deprecated", "createUsr unknown-method"},
}

var expressApp = realFile{name: "express app.js", lang: corpus.JS, src: `const express = require('express');
const session = require('express-session');
const { WorkOS } = require('@workos-inc/node');
const { Client } = require('@acme/billing');

const app = express();
const workos = new WorkOS(process.env.WORKOS_API_KEY, { clientId: process.env.WORKOS_CLIENT_ID });
const clientId = process.env.WORKOS_CLIENT_ID;
const billing = new Client();

app.use(session({ secret: 'keyboard cat', resave: false }));

app.get('/login', (req, res) => {
  const authorizationUrl = workos.userManagement.getAuthorizationUrl({
    provider: 'authkit',
    redirectUri: 'http://localhost:3000/callback',
    clientId,
  });
  res.redirect(authorizationUrl);
});

app.get('/callback', async (req, res) => {
  const { code } = req.query;
  try {
    const { user, sealedSession } = await workos.userManagement.authenticateWithCode({
      clientId,
      code,
      session: { sealSession: true, cookiePassword: process.env.WORKOS_COOKIE_PASSWORD },
    });
    req.session.regenerate(() => {});
    req.session.userId = user.id;
    res.cookie('wos-session', sealedSession);
    res.redirect('/');
  } catch (error) {
    res.redirect('/login');
  }
});

app.post('/orgs', async (req, res) => {
  const org = await workos.organizations.createOrganization({ name: req.body.name });
  const link = await workos.portal.generateLink({ organization: org.id, intent: 'sso' });
  const invoices = await billing.organizations.getAll();
  res.json({ org, link: link.link, invoices });
});

app.get('/directory/:id/users', async (req, res) => {
  const { data } = await workos.directorySync.listUsers({ directory: req.params.id });
  const groups = await workos.directorySync.listGroups({ directory: req.params.id });
  res.json({ users: data.map((u) => u.rawAttributes), groups });
});

app.post('/webhooks', express.raw({ type: 'application/json' }), async (req, res) => {
  const webhook = await workos.webhooks.constructEvent({
    payload: JSON.parse(req.body),
    sigHeader: req.headers['workos-signature'],
    secret: process.env.WEBHOOK_SECRET,
  });
  if (webhook.event === 'dsync.group.user_added') {
    console.log('added');
  }
  res.sendStatus(200);
});

app.listen(3000);
`,
	checks: []rcheck{
		{at: "workos.userManagement.getAuthorizati‸onUrl({", want: "hover call user_management_get_authorization_url"},
		{at: "provi‸der: 'authkit'", want: "hover option user_management_get_authorization_url provider"},
		{at: "workos.userManagement.authenticate‸WithCode", want: "hover call authenticate_with_code"},
		{at: "workos.portal.generate‸Link(", want: "hover call generate_portal_link"},
		{at: "generateLink({ organization: org.id, inte‸nt: 'sso' })", want: "hover option generate_portal_link intent"},
		{at: "workos.directorySync.listGr‸oups(", want: "hover call list_directory_groups"},
		{at: "workos.directorySync.listU‸sers({ directory: req.params.id })", want: "hover call list_directory_users", fx: true},
		{at: "if (webhook.event === 'dsync.group.user_ad‸ded')", want: "hover event dsync.group.user_added"},
		// express-session's req.session is not the SDK's session helpers.
		{at: "req.sess‸ion.regenerate", want: "hover none", fx: true},
		{at: "req.session.regen‸erate", want: "hover none", fx: true},
		{at: "req.session.‸userId", want: "complete none", fx: true},
		{at: "const session = requi‸re('express-session')", want: "hover none", fx: true},
		{at: "app.use(sess‸ion({", want: "hover none", fx: true},
		// Another SDK's client.
		{at: "billing.organizations.get‸All()", want: "hover none", fx: true},
		{at: "billing.organiza‸tions.getAll()", want: "hover none", fx: true},
		{at: "billing.organizations.‸getAll()", want: "complete none", fx: true},
		{at: "new WorkOS(process.env.WORKOS_API_KEY, { clien‸tId:", want: "hover none"},
		{at: "workos.organizations.createOrganization({ ‸name: req.body.name })", want: "complete [name] name domainData externalId metadata"},
		{at: "workos.organizations.createOrganization({ name: req.bo‸dy.name })", want: "sig create_organization options name"},
	},
	diags: []string{"rawAttributes deprecated"},
}

var goServer = realFile{name: "server.go", lang: corpus.Go, src: `package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"os"

	"github.com/stripe/stripe-go/v76/customer"
	"github.com/workos/workos-go/v4/pkg/directorysync"
	"github.com/workos/workos-go/v4/pkg/organizations"
	"github.com/workos/workos-go/v4/pkg/sso"
	um "github.com/workos/workos-go/v4/pkg/usermanagement"
	"github.com/workos/workos-go/v4/pkg/webhooks"
)

type App struct {
	orgs    *organizations.Client
	webhook *webhooks.Client
}

func main() {
	apiKey := os.Getenv("WORKOS_API_KEY")
	clientID := os.Getenv("WORKOS_CLIENT_ID")

	um.SetAPIKey(apiKey)
	sso.Configure(apiKey, clientID)
	organizations.SetAPIKey(apiKey)
	directorysync.SetAPIKey(apiKey)

	app := &App{
		orgs:    &organizations.Client{APIKey: apiKey},
		webhook: webhooks.NewClient(os.Getenv("WORKOS_WEBHOOK_SECRET")),
	}

	http.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		url, err := um.GetAuthorizationURL(um.GetAuthorizationURLOpts{
			ClientID:    clientID,
			Provider:    "authkit",
			RedirectURI: "http://localhost:8000/callback",
		})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		http.Redirect(w, r, url.String(), http.StatusSeeOther)
	})

	http.HandleFunc("/sso", func(w http.ResponseWriter, r *http.Request) {
		u, err := sso.GetAuthorizationURL(sso.GetAuthorizationURLOpts{
			Organization: "org_123",
			RedirectURI:  "http://localhost:8000/sso/callback",
		})
		if err != nil {
			return
		}
		http.Redirect(w, r, u.String(), http.StatusSeeOther)
	})

	http.HandleFunc("/sso/callback", func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		profileAndToken, err := sso.GetProfileAndToken(ctx, sso.GetProfileAndTokenOpts{
			Code: r.URL.Query().Get("code"),
		})
		if err != nil {
			return
		}
		profile := profileAndToken.Profile
		log.Println(profile.RawAttributes, profile.Email)
	})

	http.HandleFunc("/callback", func(w http.ResponseWriter, r *http.Request) {
		res, err := um.AuthenticateWithCode(r.Context(), um.AuthenticateWithCodeOpts{
			ClientID: clientID,
			Code:     r.URL.Query().Get("code"),
		})
		if err != nil {
			return
		}
		json.NewEncoder(w).Encode(res.User)
	})

	http.HandleFunc("/webhooks", app.handleWebhook)
	log.Fatal(http.ListenAndServe(":8000", nil))
}

func (a *App) createOrg(ctx context.Context, name string) (organizations.Organization, error) {
	org, err := organizations.CreateOrganization(ctx, organizations.CreateOrganizationOpts{
		Name: name,
		DomainData: []organizations.OrganizationDomainData{
			{Domain: "example.com", State: organizations.Verified},
		},
	})
	if err != nil {
		return org, err
	}
	users, err := directorysync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: "directory_123"})
	_ = users
	members, _ := um.ListUsers(ctx, um.ListUsersOpts{Organization: org.ID, Limit: 10})
	_ = members
	_, err = a.orgs.GetOrganization(ctx, organizations.GetOrganizationOpts{Organization: org.ID})
	_, _ = um.CreateUsr(ctx, um.CreateUserOpts{Email: "a@b.c"})
	_, _ = um.ListSessions(ctx, um.ListSessionsOpts{User: "user_1"})
	logoutURL, _ := um.GetLogoutURL(um.GetLogoutURLOpts{SessionID: "session_1"})
	_ = logoutURL
	_, _ = customer.New(nil)
	return org, err
}

func (a *App) handleWebhook(w http.ResponseWriter, r *http.Request) {
	body := []byte{}
	payload, err := a.webhook.ValidatePayload(r.Header.Get("WorkOS-Signature"), string(body))
	if err != nil {
		return
	}
	var event struct{ Event string }
	json.Unmarshal([]byte(payload), &event)
	switch event.Event {
	case "dsync.user.created":
	case "connection.activated":
	}
}

// CreateUser is our own helper, not the SDK's.
func CreateUser(ctx context.Context) error { return nil }

func other() {
	_ = CreateUser(context.Background())
}
`,
	checks: []rcheck{
		{at: "um.GetAuthorization‸URL(um.", want: "hover call user_management_get_authorization_url"},
		{at: "sso.GetAuthorization‸URL(sso.", want: "hover call get_authorization_url"},
		{at: "um.GetAuthorizationURLOpts{\n\t\t\tClient‸ID:", want: "hover option user_management_get_authorization_url ClientID"},
		{at: "Organiz‸ation: \"org_123\"", want: "hover option get_authorization_url Organization"},
		{at: "sso.GetProfileAnd‸Token(ctx", want: "hover call get_profile_and_token", fx: true},
		{at: "\t\t\tCo‸de: r.URL.Query().Get(\"code\"),\n\t\t})\n\t\tif err != nil {\n\t\t\treturn\n\t\t}\n\t\tprofile", want: "hover option get_profile_and_token Code", fx: true},
		{at: "um.AuthenticateWith‸Code(r.Context()", want: "hover call authenticate_with_code"},
		{at: "organizations.CreateOrgan‸ization(ctx", want: "hover call create_organization"},
		{at: "\t\tNa‸me: name,", want: "hover option create_organization Name"},
		{at: "directorysync.List‸Users(ctx", want: "hover call list_directory_users", fx: true},
		{at: "directorysync.ListUsersOpts{Direc‸tory:", want: "hover option list_directory_users Directory", fx: true},
		{at: "um.List‸Users(ctx", want: "hover call list_users", fx: true},
		{at: "um.ListUsersOpts{Organization: org.ID, Lim‸it: 10}", want: "hover option list_users Limit"},
		{at: "a.orgs.GetOrgan‸ization(ctx", want: "hover call get_organization"},
		{at: "(organizations.Organi‸zation, error)", want: "hover type organization"},
		{at: "u‸m \"github.com", want: "hover module usermanagement"},
		{at: "um.SetAPI‸Key(apiKey)", want: "hover none"},
		{at: "um.GetLogout‸URL(", want: "hover call get_logout_url"},
		{at: "um.GetLogoutURLOpts{Session‸ID:", want: "hover option get_logout_url SessionID"},
		{at: "um.List‸Sessions(", want: "hover none"},
		{at: "sso.Confi‸gure(apiKey, clientID)", want: "hover none"},
		{at: "a.webhook.ValidateP‸ayload(", want: "hover none"},
		{at: "customer.N‸ew(nil)", want: "hover none"},
		{at: "_ = CreateU‸ser(context.Background())", want: "hover none", fx: true},
		{at: "// CreateUser is our own helper, not the S‸DK's.", want: "hover none", fx: true},
		{at: "case \"dsync.user.creat‸ed\":", want: "hover event dsync.user.created", fx: true},
		{at: "case \"connection.activ‸ated\":", want: "hover event connection.activated"},
		{at: "um.‸SetAPIKey(apiKey)", want: "complete [SetAPIKey] AuthenticateWithCode AuthenticateWithEmailVerification"},
		{at: "um.ListUsersOpts{‸Organization: org.ID", want: "complete [Organization] After Before Email Order Organization !Limit"},
		{at: "um.ListUsersOpts{Organization: org.ID, Limit: 1‸0}", want: "sig list_users opts Limit"},
		{at: "sso.GetProfileAndToken(ctx, ‸sso.", want: "sig get_profile_and_token opts"},
	},
	diags: []string{"RawAttributes deprecated", "CreateUsr unknown-method"},
}

var flaskApp = realFile{name: "flask app.py", lang: corpus.Python, src: `import os
from flask import Flask, redirect, request, session, jsonify
from workos import WorkOSClient, AsyncWorkOSClient
from workos.types.user_management import User
from sqlalchemy.orm import Session

app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]

workos_client = WorkOSClient(
    api_key=os.getenv("WORKOS_API_KEY"), client_id=os.getenv("WORKOS_CLIENT_ID")
)


@app.route("/login")
def login():
    authorization_url = workos_client.user_management.get_authorization_url(
        provider="authkit", redirect_uri=os.getenv("WORKOS_REDIRECT_URI")
    )
    return redirect(authorization_url)


@app.route("/sso")
def sso_login():
    url = workos_client.sso.get_authorization_url(
        organization_id="org_123",
        redirect_uri="http://localhost:5000/sso/callback",
        state="x",
    )
    return redirect(url)


@app.route("/sso/callback")
def sso_callback():
    code = request.args.get("code")
    profile_and_token = workos_client.sso.get_profile_and_token(code)
    profile = profile_and_token.profile
    print(profile.raw_attributes, f"{profile.email} signed in via {workos_client.sso.get_connection(profile.connection_id).name}")
    session["profile"] = profile.dict()
    session.clear()
    return redirect("/")


@app.route("/callback")
def callback():
    auth_response = workos_client.user_management.authenticate_with_code(
        code=request.args.get("code"),
        session={"seal_session": True, "cookie_password": os.environ["COOKIE_PASSWORD"]},
    )
    user: User = auth_response.user
    return jsonify(user.dict())


@app.route("/orgs", methods=["POST"])
def create_org():
    organization = workos_client.organizations.create_organization(
        name=request.json["name"],
        domain_data=[{"domain": "example.com", "state": "verified"}],
    )
    users = workos_client.directory_sync.list_users(directory_id="directory_123", limit=10)
    members = workos_client.user_management.list_users(organization_id=organization.id)
    workos_client.user_management.create_usr(email="a@b.c")
    workos_client.organizations.list_organization_roles(organization_id=organization.id)
    workos_client.audit_logs.create_event(
        organization_id=organization.id,
        event={"action": "user.signed_in", "occurred_at": "2024-01-01T00:00:00Z", "actor": {"type": "user", "id": "u_1"}},
    )
    return jsonify(organization.dict())


@app.route("/webhooks", methods=["POST"])
def webhooks():
    event = workos_client.webhooks.verify_event(
        event_body=request.data,
        event_signature=request.headers["WorkOS-Signature"],
        secret=os.environ["WEBHOOK_SECRET"],
    )
    if event.event == "dsync.user.created":
        pass
    elif event.event in ("user.created", "user.updated"):
        pass
    return "", 200


async_client = AsyncWorkOSClient(api_key="sk", client_id="client_1")


async def list_orgs():
    orgs = await async_client.organizations.list_organizations(limit=5)
    return orgs


class UserService:
    def __init__(self, db: Session):
        self.session = db
        self.user_management = db.users

    def create_user(self, email):
        self.session.add(email)
        self.session.refresh(email)
        return self.user_management.create_user(email=email)

    def list_users(self):
        return self.user_management.list_users()


def create_user(email):
    return UserService(None).create_user(email)
`,
	checks: []rcheck{
		{at: "workos_client.user_management.get_authorizat‸ion_url(", want: "hover call user_management_get_authorization_url"},
		{at: "provi‸der=\"authkit\"", want: "hover option user_management_get_authorization_url provider"},
		{at: "workos_client.sso.get_authorizat‸ion_url(", want: "hover call get_authorization_url"},
		{at: "organization_i‸d=\"org_123\"", want: "hover option get_authorization_url organization_id"},
		{at: "workos_client.sso.get_profile_and_tok‸en(code)", want: "hover call get_profile_and_token", fx: true},
		{at: "{workos_client.sso.get_conne‸ction(profile.connection_id).name}", want: "hover call get_connection"},
		{at: "f\"{profile.email} sig‸ned in", want: "hover none"},
		{at: "workos_client.user_management.authenticate_with‸_code(", want: "hover call authenticate_with_code"},
		{at: "user: Us‸er = auth_response.user", want: "hover type user"},
		{at: "from workos.types.user_management import Us‸er", want: "hover type user"},
		{at: "workos_client.organizations.create_organ‸ization(", want: "hover call create_organization"},
		{at: "domain_da‸ta=[{", want: "hover option create_organization domain_data"},
		{at: "[{\"domain\": \"example.com\", \"sta‸te\": \"verified\"}]", want: "hover option create_organization domain_data.state"},
		{at: "workos_client.directory_sync.list_u‸sers(", want: "hover call list_directory_users", fx: true},
		{at: "list_users(directory_i‸d=", want: "hover option list_directory_users directory_id", fx: true},
		{at: "workos_client.user_management.list_u‸sers(", want: "hover call list_users", fx: true},
		{at: "event={\"acti‸on\": \"user.signed_in\"", want: "hover option create_event event.action"},
		{at: "\"actor\": {\"type\": \"user\", \"i‸d\": \"u_1\"}", want: "hover option create_event event.actor.id"},
		{at: "async_client.organizations.list_organ‸izations(", want: "hover call list_organizations"},
		{at: "if event.event == \"dsync.user.creat‸ed\":", want: "hover event dsync.user.created", fx: true},
		{at: "(\"user.created\", \"user.upd‸ated\")", want: "hover event user.updated"},
		// Flask's session, SQLAlchemy's session and a repository named like a module are not the SDK.
		{at: "session.cle‸ar()", want: "hover none", fx: true},
		{at: "self.session.refr‸esh(email)", want: "hover none"},
		{at: "self.sess‸ion.refresh(email)", want: "hover none"},
		{at: "return self.user_management.create_u‸ser(email=email)", want: "hover none", fx: true},
		{at: "return self.user_management.list_u‸sers()", want: "hover none", fx: true},
		{at: "return UserService(None).create_u‸ser(email)", want: "hover none", fx: true},
		{at: "workos_client.webhooks.verify_ev‸ent(", want: "hover none"},
		{at: "workos_client.‸user_management.get_authorization_url", want: "complete [user_management] audit_logs authorization directory_sync events +user_management +sso"},
		{at: "async_client.organizations.list_organizations(‸limit=5)", want: "complete [limit] after before domains limit order"},
		{at: "\"occurred_at\": \"2024-01-01T00:00:00Z\", ‸\"actor\"", want: "sig create_event event"},
		{at: "redirect_uri=\"http://localhost:5000/sso/callback\",\n        ‸state=\"x\",", want: "sig get_authorization_url state"},
		{at: "self.session.add(‸email)", want: "sig none"},
	},
	diags: []string{"raw_attributes deprecated", "create_usr unknown-method"},
}

var djangoViews = realFile{name: "django views.py", lang: corpus.Python, src: `from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
import workos
from workos import WorkOSClient

client = WorkOSClient(api_key=settings.WORKOS_API_KEY, client_id=settings.WORKOS_CLIENT_ID)


def login(request):
    url = client.sso.get_authorization_url(
        provider="GoogleOAuth", redirect_uri=request.build_absolute_uri("/callback")
    )
    return HttpResponseRedirect(url)


def callback(request):
    result = client.sso.get_profile_and_token(request.GET["code"])
    request.session["user"] = result.profile.email
    request.session.flush()
    request.session.refresh()
    return JsonResponse({"email": result.profile.email})


def directory_users(request, directory_id):
    users = client.directory_sync.list_users(directory_id=directory_id)
    groups = client.directory_sync.list_groups(directory_id=directory_id, user_id=None)
    return JsonResponse({"users": [u.dict() for u in users.data]})
`,
	checks: []rcheck{
		{at: "client.sso.get_authorization_u‸rl(", want: "hover call get_authorization_url"},
		{at: "provid‸er=\"GoogleOAuth\"", want: "hover option get_authorization_url provider"},
		{at: "client.sso.get_profile_and_t‸oken(", want: "hover call get_profile_and_token", fx: true},
		{at: "client.directory_sync.list_gro‸ups(", want: "hover call list_directory_groups"},
		{at: "list_groups(directory_id=directory_id, user_i‸d=None)", want: "hover option list_directory_groups user_id"},
		{at: "request.sessi‸on.flush()", want: "hover none", fx: true},
		{at: "request.session.refre‸sh()", want: "hover none"},
		{at: "request.session.‸refresh()", want: "complete none"},
	},
	diags: []string{},
}

var railsController = realFile{name: "sessions_controller.rb", lang: corpus.Ruby, src: `require 'workos'

WorkOS.configure do |config|
  config.key = ENV.fetch('WORKOS_API_KEY')
end

class SessionsController < ApplicationController
  CLIENT_ID = ENV.fetch('WORKOS_CLIENT_ID')

  def new
    authorization_url = WorkOS::SSO.authorization_url(
      client_id: CLIENT_ID,
      organization: 'org_123',
      redirect_uri: callback_url,
    )
    redirect_to authorization_url, allow_other_host: true
  end

  def login
    url = WorkOS::UserManagement.authorization_url(
      provider: 'authkit',
      client_id: CLIENT_ID,
      redirect_uri: callback_url
    )
    redirect_to url, allow_other_host: true
  end

  def callback
    auth = WorkOS::UserManagement.authenticate_with_code(
      client_id: CLIENT_ID,
      code: params[:code],
    )
    profile = WorkOS::SSO.profile_and_token(code: params[:code], client_id: CLIENT_ID).profile
    Rails.logger.info profile.raw_attributes
    session[:user_id] = auth.user.id
    session.delete(:return_to)
    redirect_to root_path, notice: "Welcome #{auth.user.first_name}, #{WorkOS::UserManagement.get_user(id: auth.user.id).email}"
  end

  def create_org
    organization = WorkOS::Organizations.create_organization(
      name: params[:name],
      domain_data: [{ domain: 'example.com', state: 'verified' }]
    )
    users = WorkOS::DirectorySync.list_users(directory: 'directory_123')
    members = WorkOS::UserManagement.list_users organization_id: organization.id, limit: 10
    WorkOS::UserManagement.create_usr(email: 'a@b.c')
    WorkOS::UserManagement.list_sessions(user_id: current_user.workos_id)
    WorkOS::AuditLogs.create_event(
      organization: organization.id,
      event: { action: 'user.signed_in', actor: { type: 'user', id: current_user.id } },
    )
    render json: { organization: organization, users: users, members: members }
  end

  def webhook
    payload = request.body.read
    event = WorkOS::Webhooks.construct_event(
      payload: payload,
      sig_header: request.headers['WorkOS-Signature'],
      secret: ENV['WEBHOOK_SECRET'],
    )
    case event.event
    when 'dsync.user.created'
      User.create_user!(email: event.data.email)
    when 'user.created', 'user.deleted'
      head :ok
    end
  end

  private

  def create_user(attrs)
    User.create!(attrs)
  end
end
`,
	checks: []rcheck{
		{at: "WorkOS::SSO.authorization_u‸rl(", want: "hover call get_authorization_url"},
		{at: "WorkOS::UserManagement.authorization_u‸rl(", want: "hover call user_management_get_authorization_url"},
		{at: "WorkOS::S‸SO.authorization_url", want: "hover module sso"},
		{at: "organizat‸ion: 'org_123'", want: "hover option get_authorization_url organization"},
		{at: "provid‸er: 'authkit'", want: "hover option user_management_get_authorization_url provider"},
		{at: "WorkOS::UserManagement.authenticate_with_c‸ode(", want: "hover call authenticate_with_code"},
		{at: "WorkOS::SSO.profile_and_tok‸en(", want: "hover call get_profile_and_token", fx: true},
		{at: "profile_and_token(co‸de: params[:code]", want: "hover option get_profile_and_token code", fx: true},
		{at: "#{WorkOS::UserManagement.get_u‸ser(id: auth.user.id).email}", want: "hover call get_user"},
		{at: "Welcome #{auth.user.first_name}, #{WorkOS::UserManagement.get_user(i‸d:", want: "hover option get_user id"},
		{at: "notice: \"Welc‸ome", want: "hover none"},
		{at: "WorkOS::Organizations.create_organi‸zation(", want: "hover call create_organization"},
		{at: "[{ domain: 'example.com', sta‸te: 'verified' }]", want: "hover option create_organization domain_data.state"},
		{at: "WorkOS::DirectorySync.list_u‸sers(", want: "hover call list_directory_users", fx: true},
		{at: "WorkOS::UserManagement.list_u‸sers organization_id", want: "hover call list_users", fx: true},
		{at: "list_users organization_‸id: organization.id", want: "hover option list_users organization_id"},
		{at: "organization_id: organization.id, lim‸it: 10", want: "hover option list_users limit", fx: true},
		{at: "event: { action: 'user.signed_in', actor: { type: 'user', i‸d: current_user.id } }", want: "hover option create_event event.actor.id"},
		{at: "eve‸nt: { action", want: "hover option create_event event"},
		{at: "when 'dsync.user.crea‸ted'", want: "hover event dsync.user.created", fx: true},
		{at: "when 'user.created', 'user.dele‸ted'", want: "hover event user.deleted"},
		// Rails' session and our own models are not the SDK.
		{at: "session.dele‸te(:return_to)", want: "hover none"},
		{at: "sess‸ion[:user_id]", want: "hover none"},
		{at: "User.create_u‸ser!(email:", want: "hover none"},
		{at: "def create_u‸ser(attrs)", want: "hover none", fx: true},
		{at: "members = WorkOS::UserManagement.list_users organization_id: organization.id, ‸limit: 10", want: "complete [limit] after before email limit order !organization_id"},
		{at: "members = WorkOS::UserManagement.list_users organization_id: organization.id, limit: 1‸0", want: "sig list_users limit"},
		{at: "code: params[:co‸de],\n    )", want: "sig authenticate_with_code code"},
		{at: "event: { action: 'user.signed_in', ‸actor:", want: "sig create_event event"},
		{at: "WorkOS::UserManagement.‸list_users organization_id", want: "complete [list_users] authenticate_with_code"},
	},
	diags: []string{"raw_attributes deprecated", "create_usr unknown-method"},
}

var laravelController = realFile{name: "AuthController.php", lang: corpus.PHP, src: `<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use WorkOS\WorkOS;
use WorkOS\UserManagement;
use WorkOS\SSO;
use WorkOS\Organizations;
use WorkOS\DirectorySync;
use WorkOS\AuditLogs;
use App\Services\BillingClient;

class AuthController extends Controller
{
    private UserManagement $userManagement;

    public function __construct(private BillingClient $billing)
    {
        WorkOS::setApiKey(env('WORKOS_API_KEY'));
        WorkOS::setClientId(env('WORKOS_CLIENT_ID'));
        $this->userManagement = new UserManagement();
    }

    public function login()
    {
        $url = $this->userManagement->getAuthorizationUrl(
            env('WORKOS_REDIRECT_URI'),
            ['state' => 'x'],
            'authkit'
        );
        return redirect($url);
    }

    public function sso()
    {
        $url = (new SSO())->getAuthorizationUrl(
            'example.com',
            'http://localhost/callback',
            ['things' => 'value'],
            null,
            null,
            'org_123'
        );
        return redirect($url);
    }

    public function callback(Request $request)
    {
        $profileAndToken = (new \WorkOS\SSO())->getProfileAndToken($request->query('code'));
        $profile = $profileAndToken->profile;
        logger($profile->raw_attributes);
        logger($profile->toArray()['raw_attributes']);
        $auth = $this->userManagement->authenticateWithCode(
            env('WORKOS_CLIENT_ID'),
            $request->query('code')
        );
        session(['user' => $auth->user]);
        return redirect("/welcome/{$auth->user->id}");
    }

    public function createOrg(Request $request)
    {
        $organizations = new Organizations();
        $org = $organizations->createOrganization(
            name: $request->input('name'),
            domain_data: [['domain' => 'example.com', 'state' => 'verified']],
        );
        $ds = new DirectorySync();
        $users = $ds->listUsers(directory: 'directory_123', limit: 10);
        $members = $this->userManagement->listUsers(['organizationId' => $org->id, 'limit' => 5]);
        $this->userManagement->createUsr('a@b.c');
        $this->userManagement->listSessions('user_1');
        (new AuditLogs())->createEvent($org->id, [
            'action' => 'user.signed_in',
            'actor' => ['type' => 'user', 'id' => $request->user()->id],
        ]);
        $this->billing->organizations->getAll();
        $this->billing->createUser('a@b.c');
        return response()->json(['org' => $org]);
    }

    public function webhook(Request $request)
    {
        $event = json_decode($request->getContent());
        if ($event->event === 'dsync.user.created') {
            return response('', 200);
        }
        switch ($event->event) {
            case 'user.created':
                break;
        }
        return response('', 200);
    }
}
`,
	checks: []rcheck{
		{at: "$this->userManagement->getAuthorization‸Url(", want: "hover call user_management_get_authorization_url"},
		{at: "(new SSO())->getAuthorization‸Url(", want: "hover call get_authorization_url"},
		{at: "(new \\WorkOS\\SSO())->getProfileAnd‸Token(", want: "hover call get_profile_and_token", fx: true},
		{at: "$this->userManagement->authenticateWith‸Code(", want: "hover call authenticate_with_code"},
		{at: "$organizations->createOrgan‸ization(", want: "hover call create_organization"},
		{at: "domain_da‸ta: [[", want: "hover option create_organization domain_data"},
		{at: "[['domain' => 'example.com', 'sta‸te' => 'verified']]", want: "hover option create_organization domain_data.state"},
		{at: "$ds->listUs‸ers(directory:", want: "hover call list_directory_users", fx: true},
		{at: "listUsers(directory: 'directory_123', lim‸it: 10)", want: "hover option list_directory_users limit"},
		{at: "$this->userManagement->listUs‸ers([", want: "hover call list_users", fx: true},
		{at: "['organizat‸ionId' => $org->id", want: "hover option list_users organizationId"},
		{at: "'lim‸it' => 5]", want: "hover option list_users limit", fx: true},
		{at: "(new AuditLogs())->createEve‸nt($org->id", want: "hover call create_event"},
		{at: "'acti‸on' => 'user.signed_in'", want: "hover option create_event event.action"},
		{at: "'actor' => ['type' => 'user', 'i‸d' =>", want: "hover option create_event event.actor.id"},
		{at: "if ($event->event === 'dsync.user.cre‸ated')", want: "hover event dsync.user.created", fx: true},
		{at: "case 'user.crea‸ted':", want: "hover event user.created", fx: true},
		{at: "private UserManagement $userMana‸gement;", want: "hover module usermanagement"},
		{at: "WorkOS::setApi‸Key(", want: "hover none"},
		{at: "$this->billing->organizations->get‸All()", want: "hover none", fx: true},
		{at: "$this->billing->organiza‸tions->getAll()", want: "hover none", fx: true},
		{at: "$this->billing->createU‸ser('a@b.c')", want: "hover none", fx: true},
		{at: "['stat‸e' => 'x']", want: "hover none"},
		{at: "session(['us‸er' => $auth->user])", want: "hover none"},
		{at: "$this->userManagement->‸listUsers([", want: "complete [listUsers] authenticateWithCode authenticateWithEmailVerification"},
		{at: "['organizationId' => $org->id, ‸'limit' => 5]", want: "sig list_users options limit"},
		{at: "['organizationId' => $org->id, 'limit' => 5‸]", want: "sig list_users options limit"},
		{at: "listUsers(directory: 'directory_123', ‸limit: 10)", want: "complete [limit] after before group limit order !directory"},
		{at: "'actor' => ['type' => 'user', ‸'id'", want: "sig create_event event actor"},
	},
	diags: []string{"raw_attributes deprecated", "raw_attributes deprecated", "createUsr unknown-method"},
}

var springController = realFile{name: "AuthController.java", lang: corpus.Java, src: `package com.example.demo;

import com.workos.WorkOS;
import com.workos.sso.models.ProfileAndToken;
import com.workos.organizations.models.Organization;
import com.workos.organizations.OrganizationsApi.CreateOrganizationOptions;
import com.workos.directorysync.DirectorySyncApi.ListDirectoryUsersOptions;
import com.workos.usermanagement.types.CreateUserOptions;
import com.workos.webhooks.models.Webhook;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.servlet.view.RedirectView;
import com.example.billing.BillingClient;

import java.util.Map;

@RestController
public class AuthController {
    private final WorkOS workos;
    private final String clientId;
    private final BillingClient billing = new BillingClient();

    public AuthController(@Value("${workos.api-key}") String apiKey, @Value("${workos.client-id}") String clientId) {
        this.workos = new WorkOS(apiKey);
        this.clientId = clientId;
    }

    @GetMapping("/login")
    public RedirectView login() {
        String url = workos.sso.getAuthorizationUrl(clientId, "http://localhost:8080/callback")
            .organization("org_123")
            .build();
        return new RedirectView(url);
    }

    @GetMapping("/callback")
    public Map<String, Object> callback(@RequestParam String code) {
        ProfileAndToken profileAndToken = workos.sso.getProfileAndToken(code, clientId);
        var profile = profileAndToken.profile;
        System.out.println(profile.rawAttributes);
        return Map.of("email", profile.email);
    }

    @PostMapping("/orgs")
    public Organization createOrg(@RequestBody Map<String, String> body) {
        CreateOrganizationOptions options = CreateOrganizationOptions.builder()
            .name(body.get("name"))
            .domainData(java.util.List.of())
            .build();
        Organization org = workos.organizations.createOrganization(options);
        ListDirectoryUsersOptions listOptions = ListDirectoryUsersOptions.builder()
            .directory("directory_123")
            .limit(10)
            .build();
        var users = workos.directorySync.listDirectoryUsers(listOptions);
        var user = this.workos.userManagement.createUser(
            CreateUserOptions.builder().email("a@b.c").firstName("A").build());
        workos.userManagement.createUsr(null);
        workos.organizations.listOrganizationRoles("org_1");
        billing.organizations.getAll();
        billing.createUser("a@b.c");
        return org;
    }

    @PostMapping("/webhooks")
    public void webhook(@RequestBody String payload, @RequestHeader("WorkOS-Signature") String sig) {
        Webhook webhook = workos.webhooks.constructEvent(payload, sig, "secret");
        if (webhook.event.equals("dsync.user.created")) {
            return;
        }
        switch (webhook.event) {
            case "user.created" -> System.out.println("created");
            default -> {}
        }
    }
}
`,
	checks: []rcheck{
		{at: "workos.sso.getAuthorization‸Url(clientId", want: "hover call get_authorization_url"},
		{at: "workos.sso.getProfileAnd‸Token(code, clientId)", want: "hover call get_profile_and_token", fx: true},
		{at: "workos.organizations.createOrgan‸ization(options)", want: "hover call create_organization"},
		{at: ".na‸me(body.get(\"name\"))", want: "hover option create_organization name"},
		{at: ".domain‸Data(java.util.List.of())", want: "hover option create_organization domainData"},
		{at: ".direct‸ory(\"directory_123\")", want: "hover option list_directory_users directory"},
		{at: "workos.directorySync.listDirectory‸Users(listOptions)", want: "hover call list_directory_users", fx: true},
		{at: "this.workos.userManagement.create‸User(", want: "hover call create_user", fx: true},
		{at: "CreateUserOptions.builder().ema‸il(\"a@b.c\")", want: "hover option create_user email", fx: true},
		{at: "Organi‸zation org = workos.organizations", want: "hover type organization"},
		{at: "public Organi‸zation createOrg", want: "hover type organization"},
		{at: "if (webhook.event.equals(\"dsync.user.crea‸ted\"))", want: "hover event dsync.user.created", fx: true},
		{at: "case \"user.crea‸ted\" ->", want: "hover event user.created", fx: true},
		{at: "workos.webhooks.constructE‸vent(", want: "hover none"},
		{at: "billing.organizations.get‸All()", want: "hover none", fx: true},
		{at: "billing.createU‸ser(\"a@b.c\")", want: "hover none", fx: true},
		{at: "private final WorkOS work‸os;", want: "hover none"},
		{at: "workos.‸sso.getProfileAndToken", want: "complete [sso] auditLogs directorySync mfa organizations passwordless portal sso userManagement widgets"},
		{at: "CreateUserOptions.builder().email(\"a@b.c\").‸firstName(\"A\")", want: "complete [firstName] emailVerified firstName lastName password passwordHash passwordHashType !email"},
		{at: "workos.sso.getProfileAndToken(code, ‸clientId)", want: "sig get_profile_and_token clientId"},
	},
	diags: []string{"rawAttributes deprecated", "createUsr unknown-method"},
}

var aspnetController = realFile{name: "AuthController.cs", lang: corpus.DotNet, src: `using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using WorkOS;
using Stripe;

namespace Demo.Controllers;

[ApiController]
[Route("auth")]
public class AuthController : ControllerBase
{
    private readonly SSOService _ssoService = new SSOService();
    private readonly UserManagementService userManagement;
    private readonly CustomerService customers = new CustomerService();

    public AuthController(IConfiguration config)
    {
        WorkOS.WorkOS.SetApiKey(config["WorkOS:ApiKey"]);
        userManagement = new UserManagementService();
    }

    [HttpGet("login")]
    public IActionResult Login()
    {
        var options = new GetAuthorizationURLOptions
        {
            ClientId = "client_123",
            Organization = "org_123",
            RedirectURI = "https://localhost:5001/auth/callback",
        };
        string url = _ssoService.GetAuthorizationURL(options);
        return Redirect(url);
    }

    [HttpGet("callback")]
    public async Task<IActionResult> Callback([FromQuery] string code)
    {
        var ssoService = new SSOService();
        var options = new GetProfileAndTokenOptions
        {
            ClientId = "client_123",
            Code = code,
        };
        var profileAndToken = await ssoService.GetProfileAndToken(options);
        var profile = profileAndToken.Profile;
        Console.WriteLine(profile.RawAttributes);
        Console.WriteLine($"{profile.Email} via {await ssoService.GetConnection(profile.ConnectionId)}");
        return Ok(profile);
    }

    [HttpPost("orgs")]
    public async Task<IActionResult> CreateOrg(string name)
    {
        var organizationsService = new OrganizationsService();
        var org = await organizationsService.CreateOrganization(new CreateOrganizationOptions
        {
            Name = name,
            DomainData = new[] { new OrganizationDomainDataOptions { Domain = "example.com" } },
        });
        var directorySync = new DirectorySyncService();
        var users = await directorySync.ListDirectoryUsers(new ListDirectoryUsersOptions { Directory = "directory_123" });
        await organizationsService.CreateOrganizaton(null);
        await organizationsService.ListOrganizationRoles("org_1");
        await customers.CreateAsync(new CustomerCreateOptions { Email = "a@b.c" });
        return Ok(org);
    }

    [HttpPost("webhooks")]
    public IActionResult Webhook([FromBody] WebhookEvent evt)
    {
        if (evt.Event == "dsync.user.created") { return Ok(); }
        switch (evt.Event)
        {
            case "user.created":
                break;
        }
        return Ok();
    }
}
`,
	checks: []rcheck{
		{at: "_ssoService.GetAuthorization‸URL(options)", want: "hover call get_authorization_url"},
		{at: "ClientId = \"client_123\",\n            Organiz‸ation", want: "hover option get_authorization_url Organization"},
		{at: "RedirectU‸RI =", want: "hover option get_authorization_url RedirectURI"},
		{at: "await ssoService.GetProfileAnd‸Token(options)", want: "hover call get_profile_and_token", fx: true},
		{at: "Cod‸e = code,", want: "hover option get_profile_and_token Code", fx: true},
		{at: "organizationsService.CreateOrgan‸ization(new", want: "hover call create_organization"},
		{at: "Na‸me = name,", want: "hover option create_organization Name"},
		{at: "directorySync.ListDirectory‸Users(", want: "hover call list_directory_users"},
		{at: "new ListDirectoryUsersOptions { Direc‸tory = ", want: "hover option list_directory_users Directory"},
		{at: "new SSOSer‸vice();\n    private", want: "hover module sso"},
		{at: "{await ssoService.GetConne‸ction(profile.ConnectionId)}", want: "hover call get_connection"},
		{at: "if (evt.Event == \"dsync.user.crea‸ted\")", want: "hover event dsync.user.created", fx: true},
		{at: "customers.Create‸Async(", want: "hover none"},
		{at: "new CustomerCreateOptions { Ema‸il = \"a@b.c\" }", want: "hover none"},
		{at: "WorkOS.WorkOS.SetApi‸Key(", want: "hover none"},
		{at: "ssoService.‸GetProfileAndToken(options)", want: "complete [GetProfileAndToken] DeleteConnection GetAuthorizationURL GetConnection GetProfile GetProfileAndToken ListConnections"},
		{at: "ClientId = \"client_123\",\n            Code = code,\n        ‸};", want: "complete [] ClientSecret GrantType !Code"},
		{at: "new ListDirectoryUsersOptions { Directory = \"directory_1‸23\" }", want: "sig list_directory_users options Directory"},
	},
	diags: []string{"RawAttributes deprecated", "CreateOrganizaton unknown-method"},
}

var nestService = realFile{name: "auth.service.ts", lang: corpus.JS, src: `import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { WorkOS, type User } from '@workos-inc/node';
import { getServerSession } from 'next-auth';

@Injectable()
export class AuthService {
  private readonly clientId: string;

  constructor(private readonly workos: WorkOS, private readonly config: ConfigService) {
    this.clientId = config.get('WORKOS_CLIENT_ID');
  }

  async organizations(limit = 10) {
    const { data } = await this.workos.organizations.listOrganizations({ limit });
    return data;
  }

  async refresh(cookie: string): Promise<User | null> {
    const session = this.workos.userManagement.loadSealedSession({
      sessionData: cookie,
      cookiePassword: this.config.get('COOKIE_PASSWORD'),
    });
    const result = await session.refresh();
    return result.authenticated ? result.user : null;
  }

  async current() {
    const session = await getServerSession();
    return session.refresh();
  }
}
`,
	checks: []rcheck{
		{at: "this.workos.organizations.listOrgan‸izations(", want: "hover call list_organizations"},
		{at: "listOrganizations({ lim‸it })", want: "hover option list_organizations limit"},
		{at: "this.workos.userManagement.loadSealed‸Session(", want: "hover call load_sealed_session"},
		{at: "sessionD‸ata: cookie", want: "hover option load_sealed_session sessionData"},
		// The session loadSealedSession returns is the SDK's session helper; next-auth's is not.
		{at: "await session.refr‸esh();", want: "hover call refresh"},
		{at: "return session.refr‸esh();", want: "hover none"},
		{at: "Promise<Us‸er | null>", want: "hover type user", fx: true},
		{at: "this.workos.‸organizations", want: "complete [organizations] auditLogs authorization"},
	},
	diags: []string{},
}

var reactNav = realFile{name: "nav.tsx", lang: corpus.JS, src: `'use client';
import { useAuth } from '@workos-inc/authkit-react';
import { useSession } from 'next-auth/react';

export function Nav({ createUser }: { createUser: () => void }) {
  const { user, signIn, signOut } = useAuth();
  const { data: session } = useSession();
  return user ? (
    <button onClick={() => signOut()}>Sign out {user.firstName}</button>
  ) : (
    <button onClick={() => { createUser(); signIn(); }}>Sign in, it's free</button>
  );
}
`,
	checks: []rcheck{
		{at: "= useA‸uth();", want: "hover call useAuth"},
		{at: "useSess‸ion();", want: "hover none"},
		{at: "{ createUser(); sig‸nIn(); }", want: "hover none"},
		{at: "{ createU‸ser(); signIn(); }", want: "hover none", fx: true},
		{at: "Sign o‸ut {user.firstName}", want: "hover none"},
	},
	diags: []string{},
}

var fastapiApp = realFile{name: "fastapi main.py", lang: corpus.Python, src: `import workos
from fastapi import Depends, FastAPI
from workos import AsyncWorkOSClient

app = FastAPI()
workos.api_key = "sk_test"
workos.client_id = "client_123"


def get_workos() -> AsyncWorkOSClient:
    return AsyncWorkOSClient(api_key="sk_test", client_id="client_123")


@app.get("/orgs")
async def orgs(workos_client: AsyncWorkOSClient = Depends(get_workos)):
    return await workos_client.organizations.list_organizations(limit=5)


@app.get("/users/{user_id}")
async def user(user_id: str, client: AsyncWorkOSClient = Depends(get_workos)):
    return await client.user_management.get_user(user_id=user_id)


@app.get("/legacy")
def legacy():
    return workos.client.sso.get_authorization_url(domain="example.com", redirect_uri="https://x/cb")
`,
	checks: []rcheck{
		{at: "workos_client.organizations.list_organi‸zations(", want: "hover call list_organizations"},
		{at: "client.user_management.get_u‸ser(", want: "hover call get_user"},
		{at: "get_user(user_i‸d=user_id)", want: "hover option get_user user_id"},
		{at: "workos.client.sso.get_authorization_u‸rl(", want: "hover call get_authorization_url"},
		{at: "client.user_management.‸get_user(", want: "complete [get_user] authenticate_with_code +get_user +list_users"},
	},
	diags: []string{},
}

var sinatraApp = realFile{name: "app.rb", lang: corpus.Ruby, src: `require 'sinatra'
require 'workos'

WorkOS.configure { |c| c.key = ENV['WORKOS_API_KEY'] }
enable :sessions

get '/login' do
  redirect WorkOS::UserManagement.authorization_url(provider: 'authkit', client_id: ENV['CLIENT_ID'], redirect_uri: 'http://localhost:4567/callback')
end

get '/callback' do
  auth = WorkOS::UserManagement.authenticate_with_code client_id: ENV['CLIENT_ID'], code: params['code']
  session[:user] = auth.user.to_h
  redirect '/'
end

get '/directories' do
  WorkOS::DirectorySync.list_directories(limit: 5).data.map(&:name).join(', ')
end
`,
	checks: []rcheck{
		{at: "WorkOS::UserManagement.authorization_u‸rl(provider", want: "hover call user_management_get_authorization_url"},
		{at: "redirect_ur‸i: 'http://localhost:4567/callback'", want: "hover option user_management_get_authorization_url redirect_uri"},
		{at: "WorkOS::UserManagement.authenticate_with_co‸de client_id", want: "hover call authenticate_with_code"},
		{at: "authenticate_with_code client_id: ENV['CLIENT_ID'], co‸de: params['code']", want: "hover option authenticate_with_code code"},
		{at: "authenticate_with_code client_id: ENV['CLIENT_ID'], code: params['co‸de']", want: "sig authenticate_with_code code"},
		{at: "WorkOS::DirectorySync.list_directo‸ries(limit: 5)", want: "hover call list_directories"},
		{at: "sess‸ion[:user]", want: "hover none"},
		{at: "auth = WorkOS::UserManagement.authenticate_with_code ‸client_id", want: "complete [client_id] client_id ip_address user_agent !code"},
	},
	diags: []string{},
}

var curlScript = realFile{name: "login.sh", lang: corpus.Curl, src: `#!/bin/sh
# Exchange the code for a user and tokens.
curl -X POST https://api.workos.com/user_management/authenticate \
  -H "Content-Type: application/json" \
  -d '{
    "client_id": "client_123",
    "client_secret": "sk_test",
    "grant_type": "authorization_code",
    "code": "01E2RJ4C05B52KKZ8FSRDAP23J"
  }'

curl https://api.workos.com/user_management/authenticate \
  --data-urlencode grant_type=refresh_token --data-urlencode refresh_token=rt_1

curl https://api.workos.com/user_management/authenticate -d '{"grant_type": "x"}'

curl -X POST https://api.workos.com/webhook_endpoints \
  -d '{"endpoint_url": "https://example.com/hook", "events": ["dsync.user.created", "user.created"]}'

# curl https://api.workos.com/events?events=user.deleted
curl "https://api.workos.com/events?events=dsync.group.created,user.updated&limit=5"
`,
	checks: []rcheck{
		{at: "https://api.workos.com/user_management/authentic‸ate \\\n  -H", want: "hover endpoint authenticate_with_code"},
		{at: "https://api.workos.com/user_management/authentic‸ate \\\n  --data-urlencode", want: "hover endpoint authenticate_with_refresh_token"},
		{at: "https://api.workos.com/user_management/authentic‸ate -d", want: "hover endpoint authenticate_with_code +7"},
		{at: "[\"dsync.user.creat‸ed\"", want: "hover event dsync.user.created", fx: true},
		{at: "\"user.crea‸ted\"]", want: "hover event user.created", fx: true},
		{at: "events=dsync.group.creat‸ed,", want: "hover event dsync.group.created"},
		{at: "# curl https://api.workos.com/events?events=user.dele‸ted", want: "hover none", fx: true},
	},
}

// Files that use no WorkOS SDK but look like they might: nothing in them may answer.
var foreignFiles = []realFile{
	{name: "users.service.ts", lang: corpus.JS, foreign: true, src: `import { PrismaClient } from '@prisma/client';
import Stripe from 'stripe';

const prisma = new PrismaClient();
const stripe = new Stripe(process.env.STRIPE_KEY!);
const workos = { userManagement: { createUser: async (u: unknown) => u } };

export async function createUser(email: string) {
  await workos.userManagement.createUser({ email });
  await stripe.customers.create({ email });
  return prisma.user.create({ data: { email, rawAttributes: {} } });
}

export function onEvent(event: { event: string }) {
  if (event.event === 'dsync.user.created') return createUser('a');
}
`},
	{name: "client.go", lang: corpus.Go, foreign: true, src: `package users

import "example.com/acme/usermanagement"

func Create(ctx context.Context) error {
	_, err := usermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{Email: "a"})
	return err
}
`},
	{name: "users.py", lang: corpus.Python, foreign: true, src: `from myapp.clients import user_management


def create_user(email):
    return user_management.create_user(email=email, raw_attributes={})
`},
	{name: "users_controller.rb", lang: corpus.Ruby, foreign: true, src: `class UsersController < ApplicationController
  def create
    UserManagement.create_user(email: params[:email])
    session.delete(:user)
  end
end
`},
	{name: "Users.php", lang: corpus.PHP, foreign: true, src: `<?php
use App\UserManagement;
$userManagement = new UserManagement();
$userManagement->createUser(['email' => 'a']);
`},
	{name: "Users.java", lang: corpus.Java, foreign: true, src: `import com.example.UserManagement;
class Users {
    void create(UserManagement userManagement) { userManagement.createUser(options); }
}
`},
	{name: "Users.cs", lang: corpus.DotNet, foreign: true, src: `using Acme.Users;
var service = new UserManagementService();
await service.CreateUser(new CreateUserOptions { Email = "a" });
`},
}
