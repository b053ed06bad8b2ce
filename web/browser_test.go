package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimgraph/claimgraph/graph"
)

// chromium returns the path of a Chromium to drive, or skips the test.
// .ci/run installs Debian's chromium, so CI runs these tests.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CLAIMGRAPH_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium installed (apt-get install chromium, or set CLAIMGRAPH_CHROMIUM); the browser tests need one")
	return ""
}

// screenshotDir is where the browser tests save their screenshots:
// $CLAIMGRAPH_SCREENSHOTS, else testdata/screenshots (ignored by git).
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CLAIMGRAPH_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("testdata", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser starts a headless Chromium for the test and returns its context.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first Run starts the browser; its context must not time out.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// run runs steps with a deadline, failing the test on error.
func run[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// shoot saves a screenshot of the whole page as name.png.
func shoot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png := run(t, ctx, "screenshot "+name, chromedp.FullScreenshot(100))
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved %s", p)
}

func count(t *testing.T, ctx context.Context, css string) int {
	t.Helper()
	return run(t, ctx, "count "+css, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, css)))
}

// TestBrowser loads each page of the site in headless Chromium, on a store
// holding the story articles run through the real extractor, checks what a
// reader would check and saves screenshots.
func TestBrowser(t *testing.T) {
	ctx := browser(t)
	dir := screenshotDir(t)
	st := storyStore(t)
	srv := httptest.NewServer(New(st, nil))
	defer srv.Close()
	bg := context.Background()

	t.Run("login", func(t *testing.T) {
		const tok = "browser-token-1"
		locked := httptest.NewServer(New(st, fixedTokens(tok)))
		defer locked.Close()
		run(t, ctx, "locked", chromedp.Steps(
			chromedp.Navigate(locked.URL+"/"),
			chromedp.WaitVisible(chromedp.CSS(`form.login`)),
		))
		if body := run(t, ctx, "body", chromedp.Text(chromedp.CSS("main"))); strings.Contains(body, "seed-gaza-diplomacy") {
			t.Error("the locked site shows articles before a token is given")
		}
		shoot(t, ctx, dir, "login")
		run(t, ctx, "log in", chromedp.Steps(
			chromedp.SendKeys(chromedp.CSS(`input[name="token"]`), tok),
			chromedp.Submit(chromedp.CSS(`form.login`)),
			chromedp.WaitVisible(chromedp.CSS(`table.list`)),
		))
		if body := run(t, ctx, "body", chromedp.Text(chromedp.CSS("main"))); !strings.Contains(body, "seed-gaza-diplomacy") {
			t.Error("after logging in, the start page lists no articles")
		}
		run(t, ctx, "log out", chromedp.Steps(
			chromedp.Click(chromedp.CSS(`form.logout button`)),
			chromedp.WaitVisible(chromedp.CSS(`form.login`)),
		))
	})

	t.Run("search", func(t *testing.T) {
		run(t, ctx, "home", chromedp.Steps(
			chromedp.Navigate(srv.URL+"/"),
			chromedp.WaitVisible(chromedp.CSS(`ul.measures`)),
		))
		arts, _, err := st.ListArticles(bg, graph.ArticleFilter{}, graph.Page{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if got := count(t, ctx, `table.list tbody tr`); got != len(arts) {
			t.Errorf("the start page lists %d articles; want %d", got, len(arts))
		}
		shoot(t, ctx, dir, "home")
		run(t, ctx, "search", chromedp.Steps(
			chromedp.SendKeys(chromedp.CSS(`input[name="q"]`), "ترامب"),
			chromedp.Submit(chromedp.CSS(`form.search`)),
			chromedp.WaitVisible(chromedp.CSS(`ul.actors`)),
		))
		if n := count(t, ctx, `ul.actors a[href="/actor?id=donald-trump"]`); n != 1 {
			t.Fatalf("searching ترامب lists Donald Trump %d times; want 1", n)
		}
		run(t, ctx, "open actor", chromedp.Steps(
			chromedp.Click(chromedp.CSS(`ul.actors a[href="/actor?id=donald-trump"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#statements`)),
		))
		stmts, _, err := st.ListStatements(bg, graph.StatementFilter{Speaker: "donald-trump"}, graph.Page{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if got := count(t, ctx, `#statements tr.statement`); got != len(stmts) || got == 0 {
			t.Errorf("actor page lists %d statements; want %d (and some)", got, len(stmts))
		}
		if got := run(t, ctx, "h1", chromedp.Text(chromedp.CSS("h1"))); !strings.Contains(got, "Donald Trump") {
			t.Errorf("actor page heading = %q; want Donald Trump", got)
		}
		shoot(t, ctx, dir, "actor")
	})

	t.Run("timeline", func(t *testing.T) {
		keys, _, err := st.ListMeasures(bg, graph.Page{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		best, bestConflicts := "", 0 // the measure with the most conflicts
		for _, key := range keys {
			m, err := st.TrackMeasure(bg, key)
			if err != nil {
				t.Fatal(err)
			}
			conflicts, bounds, approx := 0, 0, 0
			for _, l := range m.Links {
				if l.Kind == graph.FigureConflicts {
					conflicts++
				}
			}
			for _, f := range m.Figures {
				switch shapeOf(f.Figure) {
				case "lower", "upper":
					bounds++
				case "about":
					approx++
				}
			}
			run(t, ctx, "measure "+key, chromedp.Steps(
				chromedp.Navigate(srv.URL+"/measure?key="+url.QueryEscape(key)),
				chromedp.WaitVisible(chromedp.CSS(`#timeline`)),
			))
			if got := count(t, ctx, `#timeline g.mark`); got != len(m.Figures) {
				t.Errorf("%s: chart has %d marks; want one per figure, %d", key, got, len(m.Figures))
			}
			if got := count(t, ctx, `#timeline .conflict-line`); got != conflicts {
				t.Errorf("%s: chart draws %d conflicts; want %d", key, got, conflicts)
			}
			if got := count(t, ctx, `#timeline g.mark.conflict`); (got > 0) != (conflicts > 0) {
				t.Errorf("%s: %d marks are marked as in conflict; the measure has %d conflicts", key, got, conflicts)
			}
			if got := count(t, ctx, `#timeline g.mark-lower, #timeline g.mark-upper`); got != bounds {
				t.Errorf("%s: %d marks drawn as bounds; want %d", key, got, bounds)
			}
			if got := count(t, ctx, `#timeline g.mark-about`); got != approx {
				t.Errorf("%s: %d marks drawn as approximate; want %d", key, got, approx)
			}
			// Every mark is drawn inside the chart and links to its figure.
			bad := run(t, ctx, "marks", chromedp.Evaluate[[]string](`(() => {
				const svg = document.querySelector('#timeline').getBoundingClientRect();
				const bad = [];
				for (const g of document.querySelectorAll('#timeline g.mark')) {
					const r = g.getBoundingClientRect();
					const a = g.closest('a');
					if (r.width === 0 || r.left < svg.left || r.right > svg.right || r.top < svg.top || r.bottom > svg.bottom) bad.push(g.id + ': outside the chart');
					if (!a || !/^\/article\?id=.+#fig-/.test(a.getAttribute('href'))) bad.push(g.id + ': no link to its figure');
				}
				return bad;
			})()`))
			for _, b := range bad {
				t.Errorf("%s: %s", key, b)
			}
			shoot(t, ctx, dir, "timeline-"+anchor("", key))
			if conflicts > bestConflicts {
				best, bestConflicts = key, conflicts
			}
		}
		if best == "" {
			t.Fatal("no measure of the story has a conflict; the chart's conflicts go untested")
		}
		// A conflicting mark leads to its sentence: the figure's highlight
		// is the page's target.
		run(t, ctx, "follow a mark", chromedp.Steps(
			chromedp.Navigate(srv.URL+"/measure?key="+url.QueryEscape(best)),
			chromedp.WaitVisible(chromedp.CSS(`#timeline`)),
		))
		shoot(t, ctx, dir, "timeline")
		run(t, ctx, "follow a mark", chromedp.Steps(
			chromedp.Click(chromedp.CSS(`#timeline g.mark.conflict circle.hit`)),
			chromedp.WaitVisible(chromedp.CSS(`#text`)),
		))
		target := run(t, ctx, "target", chromedp.Evaluate[string](`(() => { const a = document.querySelector(':target'); return a ? a.id : ''; })()`))
		if !strings.HasPrefix(target, "fig-") {
			t.Errorf("following a mark targets %q; want a figure's anchor", target)
		}
	})

	t.Run("graph", func(t *testing.T) {
		stmts, _, err := st.ListStatements(bg, graph.StatementFilter{Speaker: "donald-trump", ArticleID: "seed-gaza-diplomacy"}, graph.Page{Limit: 1})
		if err != nil || len(stmts) == 0 {
			t.Fatalf("no statement of Trump's in the seed: %v", err)
		}
		node := graph.StatementIRI(stmts[0].ArticleID, stmts[0].ID)
		run(t, ctx, "graph of a statement", chromedp.Steps(
			chromedp.Navigate(srv.URL+"/graph?node="+url.QueryEscape(string(node))),
			chromedp.WaitVisible(chromedp.CSS(`#neighbourhood`)),
		))
		labels := run(t, ctx, "labels", chromedp.Evaluate[[]string](`[...document.querySelectorAll('#neighbourhood g.node text')].map(t => t.textContent)`))
		if !containsString(labels, "Donald Trump") {
			t.Errorf("the statement's graph does not show its speaker; labels: %q", labels)
		}
		// Arabic labels run right to left.
		rtl := run(t, ctx, "rtl", chromedp.Evaluate[int](`[...document.querySelectorAll('#neighbourhood g.node text')].filter(t => /[\u0600-\u06FF]/.test(t.textContent) && getComputedStyle(t).direction === 'rtl').length`))
		if rtl == 0 {
			t.Error("no Arabic label is laid out right to left")
		}
		shoot(t, ctx, dir, "graph-statement")

		// A figure's neighbourhood shows the figures it conflicts with.
		cs, _, err := st.ListConflicts(bg, "", graph.Page{Limit: 1})
		if err != nil || len(cs) == 0 {
			t.Fatalf("no conflict in the story: %v", err)
		}
		fig := cs[0].From
		run(t, ctx, "graph of a figure", chromedp.Steps(
			chromedp.Navigate(srv.URL+"/graph?node="+url.QueryEscape(string(graph.FigureIRI(fig.ArticleID, fig.ID)))),
			chromedp.WaitVisible(chromedp.CSS(`#neighbourhood`)),
		))
		if got := count(t, ctx, `#neighbourhood g.link-FIGURE_CONFLICTS`); got == 0 {
			t.Errorf("the graph of figure %s/%s shows no conflict", fig.ArticleID, fig.ID)
		}
		shoot(t, ctx, dir, "graph-figure")

		// Two steps from an article: coloured, labelled link kinds.
		run(t, ctx, "graph with links", chromedp.Steps(
			chromedp.Navigate(srv.URL+"/graph?node="+url.QueryEscape(fig.ArticleID)+"&depth=2"),
			chromedp.WaitVisible(chromedp.CSS(`#neighbourhood`)),
		))
		if got := count(t, ctx, `#neighbourhood g.link-FIGURE_CONFLICTS`); got == 0 {
			t.Errorf("the graph of %s shows no conflict link", fig.ArticleID)
		}
		kinds := run(t, ctx, "link labels", chromedp.Evaluate[[]string](`[...document.querySelectorAll('#neighbourhood g.link text')].map(t => t.textContent)`))
		if !containsString(kinds, "conflicts") {
			t.Errorf("no link is labelled as a conflict; labels %q", kinds)
		}
		shoot(t, ctx, dir, "graph-article")
	})

	t.Run("article", func(t *testing.T) {
		const id = "seed-gaza-diplomacy"
		figs, _, err := st.ListFigures(bg, graph.FigureFilter{ArticleID: id}, graph.Page{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		info, err := st.GetArticle(bg, id)
		if err != nil {
			t.Fatal(err)
		}
		run(t, ctx, "article", chromedp.Steps(
			chromedp.Navigate(srv.URL+"/article?id="+id),
			chromedp.WaitVisible(chromedp.CSS(`#text`)),
		))
		// Each figure's highlight reads what the extractor found at its span.
		for _, f := range figs {
			got := run(t, ctx, "figure "+f.ID, chromedp.Evaluate[string](fmt.Sprintf(`(() => { const a = document.getElementById(%q); const h = a && a.nextElementSibling; return h ? h.textContent : ''; })()`, anchor("fig-", f.ID))))
			if !strings.Contains(f.Text, strings.TrimSpace(got)) || got == "" {
				t.Errorf("figure %s is highlighted as %q; want %q", f.ID, got, f.Text)
			}
		}
		if got := count(t, ctx, `#text .hl.statement`); got < info.StatementCount || got == 0 {
			t.Errorf("%d statement highlights; want at least %d", got, info.StatementCount)
		}
		if got := count(t, ctx, `#text .hl.event`); got < info.EventCount || got == 0 {
			t.Errorf("%d event highlights; want at least %d", got, info.EventCount)
		}
		if got := count(t, ctx, `a[href^="/measure?key="]`); got == 0 {
			t.Error("the article links none of its figures to its measure")
		}
		if got := run(t, ctx, "direction", chromedp.Evaluate[string](`getComputedStyle(document.querySelector('#text')).direction`)); got != "rtl" {
			t.Errorf("the Arabic article runs %s; want rtl", got)
		}
		shoot(t, ctx, dir, "article")
	})
}

func containsString(ss []string, want string) bool {
	for _, s := range ss {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}
