// Package web serves claimgraph's read-only web site: search an actor
// (either script) and see their statements, claims and articles; follow a
// measure on a timeline chart of its figures; draw any node's
// neighbourhood; read an article with its statements, figures and events
// highlighted at their spans.
//
// Pages are rendered on the server with html/template, charts and graphs as
// inline SVG computed in Go; the style sheet is embedded with go:embed.
// Nothing is fetched at run time and the pages carry no JavaScript, so the
// site works offline and its Content-Security-Policy forbids scripts.
//
// The site reads a Store (satisfied by *graph.Store) and checks tokens
// through a Tokens (satisfied by *server.Authenticator), so pages and RPCs
// take the same tokens: an Authorization: Bearer header or the cookie the
// login form sets.
package web
