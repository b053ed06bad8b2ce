package main

import (
	"testing"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

func TestDOTQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://claimgraph.org/actor/donald-trump", `"https://claimgraph.org/actor/donald-trump"`},
		{`he said "no"`, `"he said \"no\""`},
		{`C:\path\`, `"C:\\path\\"`},
		{"two\nlines\r", `"two\nlines"`},
		{"«الرئيس الأمريكي»", `"«الرئيس الأمريكي»"`},
		{"bell\a", `"bell"`},
		{"", `""`},
	} {
		if got := dotQuote(tc.in); got != tc.want {
			t.Errorf("dotQuote(%q) = %s; want %s", tc.in, got, tc.want)
		}
	}
}

func TestParseLinkKind(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want claimgraphv1.LinkKind
		ok   bool
	}{
		{"", claimgraphv1.LinkKind_LINK_KIND_UNSPECIFIED, true},
		{"figure_conflicts", claimgraphv1.LinkKind_LINK_KIND_FIGURE_CONFLICTS, true},
		{"SAME-CLAIM", claimgraphv1.LinkKind_LINK_KIND_SAME_CLAIM, true},
		{"LINK_KIND_SAME_EVENT", claimgraphv1.LinkKind_LINK_KIND_SAME_EVENT, true},
		{"unspecified", 0, false},
		{"conflicts", 0, false},
	} {
		got, err := parseLinkKind(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("parseLinkKind(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestPathText(t *testing.T) {
	const trump, art, witkoff = "https://claimgraph.org/actor/donald-trump", "https://claimgraph.org/article/a", "https://claimgraph.org/actor/steve-witkoff"
	const mentioned = "https://claimgraph.org/ns#mentionedIn"
	p := &claimgraphv1.GraphPath{Edges: []*claimgraphv1.GraphEdge{
		{Subject: trump, Predicate: mentioned, Object: art},
		{Subject: witkoff, Predicate: mentioned, Object: art},
	}}
	want := "(2) actor/donald-trump -[cg:mentionedIn]-> article/a <-[cg:mentionedIn]- actor/steve-witkoff"
	if got := pathText(p); got != want {
		t.Errorf("pathText = %q; want %q", got, want)
	}
	one := &claimgraphv1.GraphPath{Edges: []*claimgraphv1.GraphEdge{{Subject: witkoff, Predicate: mentioned, Object: art}}}
	if got, want := pathText(one), "(1) actor/steve-witkoff -[cg:mentionedIn]-> article/a"; got != want {
		t.Errorf("pathText(one edge) = %q; want %q", got, want)
	}
}
