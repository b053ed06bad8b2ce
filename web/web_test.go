package web

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/extract"
	"github.com/claimgraph/claimgraph/graph"
)

// storyStore returns a memory store holding testdata/story/articles.jsonl,
// each article run through the real extractor.
func storyStore(t testing.TB) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Backend: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f, err := os.Open(filepath.Join("..", "testdata", "story", "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []graph.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var in struct{ ID, Text, Language, Published, Publisher, Title, URL string }
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			t.Fatal(err)
		}
		a := extract.Article{ID: in.ID, Text: in.Text, Language: in.Language}
		if in.Published != "" {
			if a.Published, err = time.Parse("2006-01-02", in.Published); err != nil {
				t.Fatal(err)
			}
		}
		x := extract.Extract(a)
		lang := in.Language
		if lang == "" {
			lang = x.Language
		}
		docs = append(docs, graph.Document{
			Meta: graph.ArticleMeta{ID: in.ID, URL: in.URL, Title: in.Title, Publisher: in.Publisher, Language: lang, Published: in.Published},
			Text: in.Text, Extraction: x,
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	return st
}

// fixedTokens is a Tokens with one read token.
type fixedTokens string

func (fixedTokens) Enabled() bool               { return true }
func (f fixedTokens) CanRead(token string) bool { return token == string(f) }

func get(t *testing.T, c *http.Client, u string, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func TestPages(t *testing.T) {
	srv := httptest.NewServer(New(storyStore(t), nil))
	defer srv.Close()
	c := srv.Client()
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/", []string{"seed-gaza-diplomacy", `href="/measure?key=`}},
		{"/search?q=" + url.QueryEscape("ترامب"), []string{`href="/actor?id=donald-trump"`, "Donald Trump"}},
		{"/search?q=Trump", []string{`href="/actor?id=donald-trump"`}},
		{"/actor?id=donald-trump", []string{"Donald Trump", `id="statements"`, `class="statement"`, "seed-gaza-diplomacy"}},
		{"/graph?node=seed-gaza-diplomacy", []string{`id="neighbourhood"`, "Donald Trump", `direction="rtl"`}},
		{"/article?id=seed-gaza-diplomacy", []string{`dir="rtl"`, `class="hl `, "figure", `id="fig-`}},
	} {
		code, body := get(t, c, srv.URL+tc.path)
		if code != http.StatusOK {
			t.Errorf("GET %s = %d; want 200\n%s", tc.path, code, body)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: no %q in the page", tc.path, w)
			}
		}
	}
	for _, p := range []string{"/actor?id=nobody", "/article?id=nothing", "/measure?key=nothing", "/graph?node=nothing", "/article"} {
		if code, _ := get(t, c, srv.URL+p); code != http.StatusNotFound {
			t.Errorf("GET %s = %d; want 404", p, code)
		}
	}
}

// TestTimelineOneMarkPerFigure counts the marks of each measure's chart
// against the store's figures and its conflicts against the store's.
func TestTimelineOneMarkPerFigure(t *testing.T) {
	st := storyStore(t)
	srv := httptest.NewServer(New(st, nil))
	defer srv.Close()
	ctx := context.Background()
	keys, _, err := st.ListMeasures(ctx, graph.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	marks := regexp.MustCompile(`<g id="mark-[^"]*" class="mark `)
	sawConflict := false
	for _, k := range keys {
		m, err := st.TrackMeasure(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		conflicts := 0
		for _, l := range m.Links {
			if l.Kind == graph.FigureConflicts {
				conflicts++
			}
		}
		_, body := get(t, srv.Client(), srv.URL+"/measure?key="+url.QueryEscape(k))
		if got := len(marks.FindAllString(body, -1)); got != len(m.Figures) {
			t.Errorf("measure %s: %d marks; want %d, one per figure", k, got, len(m.Figures))
		}
		if got := strings.Count(body, `class="conflict-line"`); got != conflicts {
			t.Errorf("measure %s: %d conflict lines; want %d", k, got, conflicts)
		}
		sawConflict = sawConflict || conflicts > 0
	}
	if !sawConflict {
		t.Error("no measure of the story has a conflict; the test checks nothing of conflicts")
	}
}

func TestTokens(t *testing.T) {
	const tok = "s3cret-token"
	srv := httptest.NewServer(New(storyStore(t), fixedTokens(tok)))
	defer srv.Close()
	c := srv.Client()
	for _, p := range []string{"/", "/actor?id=donald-trump", "/article?id=seed-gaza-diplomacy", "/measure?key=killed@gaza", "/graph?node=Trump", "/metrics"} {
		code, body := get(t, c, srv.URL+p)
		if code != http.StatusUnauthorized {
			t.Errorf("GET %s without a token = %d; want 401", p, code)
		}
		if strings.Contains(body, "seed-gaza-diplomacy") || strings.Contains(body, "Donald Trump") {
			t.Errorf("GET %s without a token shows data", p)
		}
		if code, _ := get(t, c, srv.URL+p, "Authorization", "Bearer wrong"); code != http.StatusUnauthorized {
			t.Errorf("GET %s with a wrong token = %d; want 401", p, code)
		}
	}
	if code, body := get(t, c, srv.URL+"/actor?id=donald-trump", "Authorization", "Bearer "+tok); code != http.StatusOK || !strings.Contains(body, "Donald Trump") {
		t.Errorf("GET /actor with the bearer token = %d; want 200 and the actor", code)
	}
	// The login form keeps the token in a cookie.
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c = &http.Client{Jar: jar}
	resp, err := c.PostForm(srv.URL+"/login", url.Values{"token": {"wrong"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("POST /login with a wrong token = %d; want 401", resp.StatusCode)
	}
	resp, err = c.PostForm(srv.URL+"/login", url.Values{"token": {tok}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if code, body := get(t, c, srv.URL+"/"); code != http.StatusOK || !strings.Contains(body, "seed-gaza-diplomacy") {
		t.Errorf("GET / after login = %d; want 200 and the articles", code)
	}
}

func TestFormatValue(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{{0, "0"}, {48, "48"}, {1139, "1,139"}, {67000, "67,000"}, {1234567.5, "1,234,567.5"}, {-2500, "-2,500"}, {0.25, "0.25"}} {
		if got := formatValue(tc.in); got != tc.want {
			t.Errorf("formatValue(%v) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestHighlight(t *testing.T) {
	// "قال الوزير إن 40 شخصا قتلوا." with the statement's content, its
	// speaker, its cue, a figure inside the content and an event trigger.
	text := "قال الوزير إن 40 شخصا قتلوا."
	rs := []rune(text)
	at := func(s string) extract.Span {
		i := strings.Index(text, s)
		start := len([]rune(text[:i]))
		return extract.Span{Start: start, End: start + len([]rune(s))}
	}
	sts := []graph.StoredStatement{{Statement: extract.Statement{ID: "s1", SpeakerID: "minister", SpeakerText: "الوزير",
		SpeakerSpan: at("الوزير"), Cue: "قال", CueSpan: at("قال"), ContentSpan: at("40 شخصا قتلوا"), Kind: extract.Indirect}}}
	figs := []graph.StoredFigure{{Figure: extract.Figure{ID: "f1", Value: 40, Span: at("40 شخصا"), Text: "40 شخصا"}}}
	evs := []graph.StoredEvent{{Event: extract.Event{ID: "e1", Kind: "killing", Span: at("قتلوا")}},
		{Event: extract.Event{ID: "e2", Span: extract.Span{Start: len(rs) - 1, End: len(rs) + 5}}}} // runs past the end: clipped
	segs := highlight(text, sts, figs, evs, map[string]string{"minister": "The Minister"})
	var joined strings.Builder
	got := map[string]string{}
	anchors := map[string]string{}
	for _, s := range segs {
		joined.WriteString(s.Text)
		got[s.Text] = s.Class
		for _, a := range s.Anchors {
			anchors[a] = s.Text
		}
	}
	if joined.String() != text {
		t.Fatalf("segments join to %q; want the text %q", joined.String(), text)
	}
	for seg, want := range map[string]string{
		"قال": "cue", "الوزير": "speaker", "40 شخصا": "figure statement", "قتلوا": "event statement", ".": "event", " إن ": "",
	} {
		if got[seg] != want {
			t.Errorf("segment %q has classes %q; want %q", seg, got[seg], want)
		}
	}
	for a, want := range map[string]string{"st-s1": "40 شخصا", "fig-f1": "40 شخصا", "ev-e1": "قتلوا"} {
		if anchors[a] != want {
			t.Errorf("anchor %s starts at %q; want %q", a, anchors[a], want)
		}
	}
}

func TestPageOf(t *testing.T) {
	for _, tc := range []struct{ iri, page, article string }{
		{string(graph.ArticleIRI("a/b c")), "/article?id=a%2Fb+c", "a/b c"},
		{string(graph.FigureIRI("x1", "f74-80")), "/article?id=x1#fig-f74-80", "x1"},
		{string(graph.StatementIRI("x1", "s3")), "/article?id=x1#st-s3", "x1"},
		{string(graph.ActorIRI("donald-trump")), "/actor?id=donald-trump", ""},
		{graph.NodeIRI("measure", "killed@gaza"), "/measure?key=killed%40gaza", ""},
		{graph.NodeIRI("claim", "claim/x/s1"), "", ""},
	} {
		page, art := pageOf(tc.iri)
		if page != tc.page || art != tc.article {
			t.Errorf("pageOf(%q) = %q, %q; want %q, %q", tc.iri, page, art, tc.page, tc.article)
		}
	}
	for in, want := range map[string]string{"2.4E+02": "240", "6.7E+04": "67,000", "False": "no", "12": "12", "2023-10-07": "2023-10-07"} {
		if got := literal(in); got != want {
			t.Errorf("literal(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestDrawGraph checks the layout of every article's neighbourhood at
// depth 2: the root in the middle, every node inside the drawing, no two
// nodes on one spot, link kinds coloured and labelled.
func TestDrawGraph(t *testing.T) {
	st := storyStore(t)
	ctx := context.Background()
	arts, _, err := st.ListArticles(ctx, graph.ArticleFilter{}, graph.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	sawLink := false
	for _, a := range arts {
		g, err := st.Neighborhood(ctx, a.ID, 2, graphNodeLimit)
		if err != nil {
			t.Fatal(err)
		}
		d := drawGraph(g)
		if len(d.Nodes) == 0 || !d.Nodes[0].Root || d.Nodes[0].X != d.Width/2 || d.Nodes[0].Y != d.Height/2 {
			t.Errorf("%s: the root is not drawn first, in the middle", a.ID)
			continue
		}
		at := map[[2]int]string{}
		for _, n := range d.Nodes {
			if n.X-n.R < 0 || n.X+n.R > d.Width || n.Y-n.R < 0 || n.Y+n.R > d.Height {
				t.Errorf("%s: node %s at (%.0f, %.0f) is outside the %.0f×%.0f drawing", a.ID, n.ID, n.X, n.Y, d.Width, d.Height)
			}
			p := [2]int{int(n.X), int(n.Y)}
			if other, ok := at[p]; ok {
				t.Errorf("%s: nodes %s and %s on one spot", a.ID, other, n.ID)
			}
			at[p] = n.ID
			if n.Type == "Link" && !n.Root {
				t.Errorf("%s: link node %s drawn; its edge says it", a.ID, n.ID)
			}
		}
		for _, e := range d.Edges {
			if e.Kind != "" {
				sawLink = true
				if e.Label == "" || e.Colour != kindColours[e.Kind] {
					t.Errorf("%s: a %s edge is labelled %q in %s", a.ID, e.Kind, e.Label, e.Colour)
				}
			}
		}
	}
	if !sawLink {
		t.Error("no article's neighbourhood has a link edge; the colouring goes untested")
	}
}
