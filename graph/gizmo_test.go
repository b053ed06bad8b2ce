package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// hostileGizmo are the one-line Gizmo queries of issue 14 that killed the
// server (../testdata/hostile-gizmo.txt).
var hostileGizmo = func() []string {
	b, err := os.ReadFile("../testdata/hostile-gizmo.txt")
	if err != nil {
		panic(err)
	}
	var qs []string
	for _, line := range strings.Split(string(b), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			qs = append(qs, line)
		}
	}
	return qs
}()

// morehostileGizmo crash goja itself, or Cayley through a path the list
// above does not take, or used to answer Internal for the caller's mistake.
var morehostileGizmo = []string{
	`var a=[]; a.push(a); "" + a`,
	`var a=[]; a.push(a); throw a`,
	`var o={}; o.o=o; throw o`,
	`var e=new Error("x"); e.name=e; "" + e`,
	`var o={}; o.toString=o.toLocaleString; "" + o`,
	`var a=[]; for (var i=0;i<100000;i++){a=[a]}; JSON.stringify(a)`,
	`var a=[]; for (var i=0;i<100000;i++){a=[a]}; String(a)`,
	`var a=[]; for (var i=0;i<100000;i++){a=[a]}; a.flat(Infinity)`,
	`function f(){ f() } f()`,
	`var a=[]; a.push(a); g.V().out(a).all()`,
	`var a=[]; a.push(a); g.V(a).all()`,
	`var o={}; o.o=o; g.V().tag(o).all()`,
	`var o={}; o.toString=function(){ return o }; g.V().back(o).all()`,
	`g.V().has(g).all()`,
	`g.V().has("<p>", {}).all()`,
	`g.V().save({}, "x").all()`,
	`g.V().filter({}).all()`,
	`g.V().filter(g).all()`,
	`g.V().forEach(g)`,
	`g.V().forEach(function(d){ var a=[]; a.push(a); throw a })`,
	`g.V().limit(NaN).all()`,
	`g.V().skip(-1).all()`,
	`g.V().getLimit(Infinity)`,
	`g.V(regex("(")).all()`,
	`g.V().filter(regex("(")).all()`,
	`g.V().has("<p>", regex("[")).all()`,
	`g.V(g).all()`,
	`g.V().is(null).all()`,
	`g.emit(NaN)`,
	`g.emit(function(){})`,
	`g.emit(g.V())`,
	`iri({})`,
	`str(g)`,
	`lang(1, 2)`,
	`lt({})`,
	`like(g)`,
	`g.V().out(iri).all()`,
	`g.V().out(g.V().out).all()`,
	`g.V().follow(g.V().out("<p>")).follow({}).all()`,
	`g.V().followRecursive(g.M(), "x", {}).all()`,
	`g.V().in([g, {}]).all()`,
	`g.V().out("<p>", [{}]).all()`,
	`g.IRI({})`,
	`g.addNamespace({}, g)`,
	`new Proxy({}, {})`,
	`var p = g.V(); var q = Object.create(p); q.all()`,
	`g.V().all.call({})`,
	`g.V().toArray().x.y`,
	`g.V().out(["<p>", g.M().out("<x>")]).all()`,
	`g.V().labels().back("x").all()`,
	`g.V().inPredicates().back("x").all()`,
}

// gizmoFine are queries the guard must let through.
var gizmoFine = []struct {
	q    string
	want int // results, or -1 for any
}{
	{`g.V().out(null).all()`, -1},
	{`g.V().out(["<https://claimgraph.org/ns#speaker>", "<x>"]).all()`, -1},
	{`g.V().out("<https://claimgraph.org/ns#speaker>", "p").all()`, -1},
	{`g.emit({a: [1, "x", true, null, {b: 2.5}], d: new Date(0)})`, 1},
	{`g.emit(g.V().count())`, 1},
	{`g.emit(g.V().limit(2).toArray().length)`, 1},
	{`g.V().limit(2).forEach(function(d){ g.emit(d.id) })`, 2},
	{`g.V().has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", regex("Statement", true)).all()`, -1},
	{`g.V().has("<https://claimgraph.org/ns#confidence>", gt(0.5)).all()`, -1},
	{`var f = g.M().out("<https://claimgraph.org/ns#speaker>"); g.V().follow(f).followR(f).unique().all()`, -1},
	{`g.V().followRecursive(g.M().out("<x>"), 2, "depth").all()`, -1},
	{`try { g.V().out({}) } catch (e) { g.emit(String(e)) }`, 1},
	{`var a=[1,[2,[3]]]; g.emit(JSON.stringify(a) + String(a) + a.flat(2).length)`, 1},
	{`g.V().Out().Limit(1).All()`, 1},
	{`g.Emit(iri("x"))`, 1},
	{`g.V().tagArray(1).length`, 0},
}

func TestGizmoGuard(t *testing.T) {
	s := openTest(t, Config{Backend: BackendMemory})
	mustPut(t, s, docAR(), docEN())
	before := quadCount(t, s)
	for _, q := range append(append([]string{}, hostileGizmo...), morehostileGizmo...) {
		t.Run(q, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			err := s.Query(ctx, "gizmo", q, 10, func(any) error { return nil })
			if !errors.Is(err, ErrBadQuery) {
				t.Errorf("Query(%q) = %v; want ErrBadQuery", q, err)
			}
		})
	}
	for _, tc := range gizmoFine {
		t.Run(tc.q, func(t *testing.T) {
			var got []any
			err := s.Query(context.Background(), "gizmo", tc.q, 100, func(r any) error { got = append(got, r); return nil })
			if err != nil {
				t.Fatalf("Query(%q) = %v", tc.q, err)
			}
			if tc.want >= 0 && len(got) != tc.want {
				t.Errorf("Query(%q) gave %d results %v; want %d", tc.q, len(got), got, tc.want)
			}
		})
	}
	if after := quadCount(t, s); after != before {
		t.Errorf("quads after hostile queries = %d; want %d", after, before)
	}
}

func TestGizmoGuardMessages(t *testing.T) {
	s := openTest(t, Config{Backend: BackendMemory})
	for q, want := range map[string]string{
		`g.V().out({}).all()`:        "out: want a string",
		`g.V(regex("(")).all()`:      "missing closing )",
		`g.emit(NaN)`:                "NaN is not a JSON number",
		`var o={}; o.o=o; g.emit(o)`: "cyclic",
		`throw "plain"`:              "plain",
	} {
		err := s.Query(context.Background(), "gizmo", q, 10, func(any) error { return nil })
		if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), want) {
			t.Errorf("Query(%q) = %v; want ErrBadQuery saying %q", q, err, want)
		}
	}
}

func TestBoundGraphQL(t *testing.T) {
	for _, tc := range []struct {
		in    string
		limit int
		want  []string
	}{
		{`{ nodes { id } }`, 7, []string{"nodes(first: 7)"}},
		{`{ nodes(first: 3) { id } }`, 7, []string{"nodes(first: 3)"}},
		{`{ nodes(first: 3000) { id } }`, 7, []string{"nodes(first: 7)"}},
		{`{ nodes(first: -1) { id } }`, 7, []string{"nodes(first: 7)"}},
		{`{ nodes(<p>: "x") { id <q> { id } } }`, 1000, []string{"first: 1000", "first: 100"}},
	} {
		got, err := boundGraphQL(tc.in, tc.limit)
		if err != nil {
			t.Errorf("boundGraphQL(%q) = %v", tc.in, err)
			continue
		}
		flat := strings.Join(strings.Fields(got), " ")
		for _, w := range tc.want {
			if !strings.Contains(flat, w) {
				t.Errorf("boundGraphQL(%q, %d) = %q; want it to hold %q", tc.in, tc.limit, flat, w)
			}
		}
	}
}

func TestGraphQLFirstBounds(t *testing.T) {
	s := openTest(t, Config{Backend: BackendMemory})
	mustPut(t, s, docAR(), docEN())
	var got []any
	if err := s.Query(context.Background(), "graphql", `{ nodes { id } }`, 5, func(r any) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("graphql gave %d results; want one answer", len(got))
	}
	nodes, _ := got[0].(map[string]any)["nodes"].([]map[string]any)
	if len(nodes) != 5 {
		t.Errorf("{ nodes { id } } with a cap of 5 gave %d nodes; want 5 (%s)", len(nodes), fmt.Sprint(got[0])[:min(200, len(fmt.Sprint(got[0])))])
	}
}

// TestGizmoDeadlineLeavesNoCall ends Gizmo queries at their deadline in
// the middle of a long path call: Cayley's Gizmo returns at once while
// its goroutine is still inside the call, reading the store, so the query
// must hold the store until that call ends. Once a write could take the
// store (on memory, what every call and Close wait for), no call may be
// under way.
func TestGizmoDeadlineLeavesNoCall(t *testing.T) {
	s := openTest(t, Config{Backend: BackendMemory})
	var docs []Document
	for i := range 300 {
		docs = append(docs, plainDoc(fmt.Sprintf("a%03d", i), "en", fmt.Sprintf("Speaker%d", i)))
	}
	if _, err := s.PutArticles(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		// One g.V().out().in().count() here takes tens of milliseconds
		// or more: the deadline, 1 to 5 ms away, falls inside one.
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(1+i)*time.Millisecond)
		err := s.Query(ctx, "gizmo", `for (;;) { g.V().out().in().count() }`, 10, func(any) error { return nil })
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("the endless query ended with %v; want DeadlineExceeded", err)
		}
		if err := s.lock(); err != nil {
			t.Fatal(err)
		}
		n := gizmoCallsRunning.Load()
		s.mu.Unlock()
		if n != 0 {
			t.Fatalf("round %d: %d Gizmo calls into Cayley still under way once the store was free", i, n)
		}
	}
}
