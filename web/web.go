package web

import (
	"context"
	"embed"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/claimgraph/claimgraph/extract"
	"github.com/claimgraph/claimgraph/graph"
)

// Store is what the site reads. *graph.Store implements it; it must be safe
// for concurrent use.
type Store interface {
	GetArticle(ctx context.Context, id string) (graph.ArticleInfo, error)
	ListArticles(ctx context.Context, f graph.ArticleFilter, p graph.Page) ([]graph.ArticleInfo, string, error)
	GetActor(ctx context.Context, id string) (graph.ActorInfo, error)
	SearchActors(ctx context.Context, f graph.ActorFilter, p graph.Page) ([]extract.Actor, string, error)
	ListStatements(ctx context.Context, f graph.StatementFilter, p graph.Page) ([]graph.StoredStatement, string, error)
	ListFigures(ctx context.Context, f graph.FigureFilter, p graph.Page) ([]graph.StoredFigure, string, error)
	ListEvents(ctx context.Context, f graph.EventFilter, p graph.Page) ([]graph.StoredEvent, string, error)
	ListClaims(ctx context.Context, f graph.ClaimFilter, p graph.Page) ([]graph.ClaimInfo, string, error)
	TrackMeasure(ctx context.Context, key string) (graph.MeasureInfo, error)
	ListMeasures(ctx context.Context, p graph.Page) ([]string, string, error)
	Neighborhood(ctx context.Context, node string, depth, limit int) (graph.Subgraph, error)
	ExportQuads(ctx context.Context, articleID string, w io.Writer) error
}

// Tokens decides who may read. *server.Authenticator implements it, so the
// site and the gRPC API take the same tokens.
type Tokens interface {
	// Enabled reports whether tokens are checked at all.
	Enabled() bool
	// CanRead reports whether token may read.
	CanRead(token string) bool
}

// CookieName is the cookie that holds the token the login form was given.
const CookieName = "claimgraph_token"

// listLimit bounds each list a page shows.
const listLimit = 200

//go:embed templates static
var files embed.FS

// Site is the web site's http.Handler. Create it with New; it is safe for
// concurrent use once serving.
type Site struct {
	// Metrics, when not nil, is served at /metrics, behind the same tokens
	// as the pages.
	Metrics http.Handler
	// Logger receives internal errors (default slog.Default()).
	Logger *slog.Logger

	store  Store
	tokens Tokens
	pages  map[string]*template.Template
	mux    *http.ServeMux
}

// New returns the site over store. tokens may be nil: then every request
// may read, as with a disabled Authenticator.
func New(store Store, tokens Tokens) *Site {
	s := &Site{store: store, tokens: tokens, pages: map[string]*template.Template{}, mux: http.NewServeMux()}
	for _, name := range []string{"home", "search", "actor", "measure", "graph", "article", "login", "error"} {
		s.pages[name] = template.Must(template.New("layout.html").Funcs(funcs).
			Funcs(template.FuncMap{"tokens": func() bool { return tokens != nil && tokens.Enabled() }}).
			ParseFS(files, "templates/layout.html", "templates/"+name+".html"))
	}
	static, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // the embedded tree always has it
	}
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /login", s.login)
	s.mux.HandleFunc("POST /login", s.login)
	s.mux.HandleFunc("POST /logout", s.logout)
	s.mux.Handle("GET /metrics", s.guard(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.Metrics == nil {
			http.NotFound(w, r)
			return
		}
		s.Metrics.ServeHTTP(w, r)
	})))
	s.mux.Handle("GET /{$}", s.guard(s.page(s.home)))
	s.mux.Handle("GET /search", s.guard(s.page(s.search)))
	s.mux.Handle("GET /actor", s.guard(s.page(s.actor)))
	s.mux.Handle("GET /measure", s.guard(s.page(s.measure)))
	s.mux.Handle("GET /graph", s.guard(s.page(s.graph)))
	s.mux.Handle("GET /article", s.guard(s.page(s.article)))
	return s
}

// ServeHTTP serves the site.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// No script runs on any page; SVG is inline and styled by attributes.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	s.mux.ServeHTTP(w, r)
}

func (s *Site) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

// token returns the token a request presents: the Authorization: Bearer
// header first, else the login cookie.
func token(r *http.Request) string {
	if scheme, tok, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " "); ok && strings.EqualFold(scheme, "Bearer") {
		return strings.TrimSpace(tok)
	}
	if c, err := r.Cookie(CookieName); err == nil {
		return c.Value
	}
	return ""
}

// allowed reports whether r may read.
func (s *Site) allowed(r *http.Request) bool {
	return s.tokens == nil || !s.tokens.Enabled() || s.tokens.CanRead(token(r))
}

// guard answers 401 with the login form, and no data, to a request without
// a token that may read.
func (s *Site) guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.allowed(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="claimgraph"`)
			msg := "This server needs a token."
			if token(r) != "" {
				msg = "That token is not known here."
			}
			s.render(w, http.StatusUnauthorized, "login", &loginView{Message: msg})
			return
		}
		h.ServeHTTP(w, r)
	})
}

type loginView struct{ Message string }

// login shows the token form (GET) or checks a token and keeps it in a
// cookie (POST).
func (s *Site) login(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		s.render(w, http.StatusOK, "login", &loginView{})
		return
	}
	tok := strings.TrimSpace(r.PostFormValue("token"))
	if s.tokens == nil || !s.tokens.Enabled() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	if tok == "" || !s.tokens.CanRead(tok) {
		s.render(w, http.StatusUnauthorized, "login", &loginView{Message: "That token is not known here."})
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: CookieName, Value: tok, Path: "/", HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode,
	})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// logout forgets the cookie.
func (s *Site) logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// A view builds the data of one page: its template's name and value.
type view func(ctx context.Context, r *http.Request) (string, any, error)

// errNotFound is a page's own not-found, for a missing query parameter.
var errNotFound = errors.New("not found")

type errorView struct {
	Status  int
	Message string
}

// page turns a view into a handler that renders it, a 404 page for
// anything not found and a 500 page, logged, for anything else.
func (s *Site) page(v view) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
		defer cancel()
		name, data, err := v(ctx, r)
		switch {
		case err == nil:
			s.render(w, http.StatusOK, name, data)
		case errors.Is(err, graph.ErrNotFound) || errors.Is(err, errNotFound):
			s.render(w, http.StatusNotFound, "error", &errorView{Status: http.StatusNotFound, Message: "Nothing here by that name."})
		default:
			s.logger().Error("web: page failed", "path", r.URL.Path, "err", err)
			s.render(w, http.StatusInternalServerError, "error", &errorView{Status: http.StatusInternalServerError, Message: "The page could not be made; the server log says why."})
		}
	})
}

// render executes a page's template into a buffer first, so that a failed
// template never sends half a page.
func (s *Site) render(w http.ResponseWriter, status int, name string, data any) {
	var b strings.Builder
	if err := s.pages[name].Execute(&b, data); err != nil {
		s.logger().Error("web: template failed", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	io.WriteString(w, b.String())
}
