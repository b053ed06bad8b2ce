package web

import (
	"cmp"
	"context"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/claimgraph/claimgraph/graph"
)

// graphNodeLimit bounds the nodes a drawing shows.
const graphNodeLimit = 150

type graphView struct {
	Node      string
	Depth     int
	Root      graph.Node
	RootPage  string // the actor or article page of the root, if it is one
	Drawing   *drawing
	Attrs     []graph.Edge // the root's literal facts
	Truncated bool
}

func (s *Site) graph(ctx context.Context, r *http.Request) (string, any, error) {
	node := strings.TrimSpace(r.FormValue("node"))
	if node == "" {
		return "", nil, errNotFound
	}
	depth, _ := strconv.Atoi(r.FormValue("depth"))
	depth = min(max(depth, 1), 2)
	g, err := s.store.Neighborhood(ctx, node, depth, graphNodeLimit)
	if err != nil {
		return "", nil, err
	}
	v := graphView{Node: node, Depth: depth, Truncated: g.Truncated}
	if len(g.Nodes) == 0 {
		return "", nil, errNotFound
	}
	v.Root = g.Nodes[0]
	v.RootPage, _ = pageOf(v.Root.ID)
	for _, e := range g.Edges {
		if e.Subject == v.Root.ID && !slices.ContainsFunc(g.Nodes, func(n graph.Node) bool { return n.ID == e.Object }) {
			v.Attrs = append(v.Attrs, e)
		}
	}
	v.Drawing = drawGraph(g)
	return "graph", &v, nil
}

// drawing is a neighbourhood laid out in rings around its root.
type drawing struct {
	Width, Height float64
	Nodes         []drawNode
	Edges         []drawEdge
	Legend        []legendItem
}

type drawNode struct {
	ID, Type, Label, Title string
	X, Y, R                float64
	Fill                   string
	Dir                    string // "rtl" for an Arabic label
	Anchor                 string // text-anchor of the label
	LabelX, LabelY         float64
	Href                   string
	Root                   bool
	Rotate                 float64 // degrees to turn the label about its anchor
	Radial                 bool    // the label runs along the node's ray
}

// crowdedRing is the most nodes a ring labels level; more are labelled
// along their rays.
const crowdedRing = 24

type drawEdge struct {
	X1, Y1, X2, Y2 float64
	Colour         string
	Kind           string // the link kind, for a link edge; "" otherwise
	Label          string
	LX, LY         float64
	Width          float64
}

// typeColours colour nodes by type.
var typeColours = map[string]string{
	"Person": "#0072B2", "Organization": "#009E73", "Place": "#8C6D1F", "Group": "#999999",
	"AnonymousSource": "#999999", "Actor": "#999999", "NewsArticle": "#222222", "Statement": "#E69F00",
	"Quotation": "#E69F00", "Figure": "#CC79A7", "Event": "#56B4E9", "Claim": "#3366CC",
	"Measure": "#D55E00", "EventGroup": "#7B3294", "Role": "#BBBBBB",
}

// kindColours colour the link kinds, by the kind's name and by the
// predicates that state a link between its ends.
var kindColours = map[string]string{
	"SAME_CLAIM": "#3366CC", "FIGURE_AGREES": "#1A9850", "FIGURE_CONFLICTS": conflictColour,
	"FIGURE_UPDATES": "#F28E2B", "SAME_EVENT": "#7B3294",
}

var predKinds = map[string]string{
	"sameClaimAs": "SAME_CLAIM", "agreesWith": "FIGURE_AGREES", "conflictsWith": "FIGURE_CONFLICTS",
	"updates": "FIGURE_UPDATES", "sameEventAs": "SAME_EVENT",
}

// kindWords are the link kinds as an edge label says them.
var kindWords = map[string]string{
	"SAME_CLAIM": "same claim", "FIGURE_AGREES": "agrees", "FIGURE_CONFLICTS": "conflicts",
	"FIGURE_UPDATES": "updates", "SAME_EVENT": "same event",
}

// drawGraph lays g out: the root in the middle, the nodes one edge away on
// a ring around it, those two edges away on a ring further out, each ring
// wide enough for its nodes; ring 1 ordered by type, ring 2 by the angle
// of each node's parent.
func drawGraph(g graph.Subgraph) *drawing {
	d := &drawing{}
	g = withoutLinkNodes(g)
	index := map[string]int{}
	for i, n := range g.Nodes {
		index[n.ID] = i
	}
	adj := make([][]int, len(g.Nodes))
	var links []graph.Edge
	for _, e := range g.Edges {
		a, okA := index[e.Subject]
		b, okB := index[e.Object]
		if !okA || !okB || a == b {
			continue
		}
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
		links = append(links, e)
	}
	// Rings by breadth-first distance from the root.
	depth := make([]int, len(g.Nodes))
	parent := make([]int, len(g.Nodes))
	for i := range depth {
		depth[i], parent[i] = -1, -1
	}
	var rings [][]int
	if len(g.Nodes) > 0 {
		depth[0] = 0
		queue := []int{0}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			for _, o := range adj[n] {
				if depth[o] < 0 {
					depth[o], parent[o] = depth[n]+1, n
					queue = append(queue, o)
				}
			}
		}
		for i, dd := range depth {
			if dd < 0 { // unreachable over drawn edges: put it on the outer ring
				dd = 1
				for _, x := range depth {
					dd = max(dd, x)
				}
				depth[i] = dd
			}
			for len(rings) <= depth[i] {
				rings = append(rings, nil)
			}
			rings[depth[i]] = append(rings[depth[i]], i)
		}
	}
	const minArc, ringGap = 30.0, 190.0
	radius := make([]float64, len(rings))
	for k := 1; k < len(rings); k++ {
		radius[k] = math.Max(radius[k-1]+ringGap, float64(len(rings[k]))*minArc/(2*math.Pi))
	}
	outer := 60.0
	if len(radius) > 0 {
		outer = radius[len(radius)-1]
	}
	margin := 230.0 // room for labels
	d.Width, d.Height = 2*(outer+margin), 2*(outer+70)
	if len(rings) > 0 && len(rings[len(rings)-1]) > crowdedRing {
		d.Height = d.Width // radial labels need the margin above and below too
	}
	cx, cy := d.Width/2, d.Height/2
	angle := make([]float64, len(g.Nodes))
	pos := make([][2]float64, len(g.Nodes))
	for k, ring := range rings {
		if k == 0 {
			continue
		}
		if k == 1 {
			slices.SortStableFunc(ring, func(a, b int) int {
				return cmp.Or(cmp.Compare(g.Nodes[a].Type, g.Nodes[b].Type), cmp.Compare(g.Nodes[a].Label, g.Nodes[b].Label))
			})
		} else {
			slices.SortStableFunc(ring, func(a, b int) int { return cmp.Compare(angle[parent[a]], angle[parent[b]]) })
		}
		for j, n := range ring {
			angle[n] = -math.Pi/2 + 2*math.Pi*float64(j)/float64(len(ring))
		}
	}
	for i := range g.Nodes {
		pos[i] = [2]float64{cx + radius[depth[i]]*math.Cos(angle[i]), cy + radius[depth[i]]*math.Sin(angle[i])}
	}
	// Link nodes (only the root can be one) take the colour of their kind.
	kindOf := map[string]string{}
	for _, e := range g.Edges {
		if localName(e.Predicate) == "linkKind" {
			kindOf[e.Subject] = strings.ToUpper(e.Object)
		}
	}
	valueOf := map[string]string{} // a figure's value, as people write it
	for _, e := range g.Edges {
		if localName(e.Predicate) == "value" {
			if v, err := strconv.ParseFloat(e.Object, 64); err == nil {
				valueOf[e.Subject] = formatValue(v)
			}
		}
	}
	typesSeen, kindsSeen := map[string]bool{}, map[string]bool{}
	for i, n := range g.Nodes {
		dn := drawNode{ID: n.ID, Type: n.Type, X: pos[i][0], Y: pos[i][1], R: 7, Root: i == 0,
			Href: "/graph?node=" + url.QueryEscape(n.ID), Title: n.Type + ": " + n.Label}
		dn.Fill = cmp.Or(typeColours[n.Type], "#BBBBBB")
		if k := kindOf[n.ID]; k != "" {
			dn.Fill = cmp.Or(kindColours[k], dn.Fill)
			n.Label = cmp.Or(kindWords[k], k) + " link"
			kindsSeen[k] = true
		} else if n.Type != "" {
			typesSeen[n.Type] = true
		}
		dn.Label = shorten(cmp.Or(n.Label, localName(n.ID)), 30)
		if n.Type == "Figure" { // a bare number: write it as a number and say whose
			if v := valueOf[n.ID]; v != "" {
				dn.Label = v
			}
			if _, art := pageOf(n.ID); art != "" {
				dn.Label += " · " + shorten(art, 24)
			}
		}
		dn.Dir = dir(dn.Label)
		if dn.Root {
			dn.R = 12
			dn.LabelX, dn.LabelY, dn.Anchor = dn.X, dn.Y+30, "middle"
		} else {
			right := math.Cos(angle[i]) >= -1e-9
			off := dn.R + 5
			dn.LabelY = dn.Y + 4
			if right {
				dn.LabelX = dn.X + off
			} else {
				dn.LabelX = dn.X - off
			}
			if len(rings[depth[i]]) > crowdedRing {
				// Too many for level labels: each runs outwards along its
				// ray, turned so that it never reads upside down.
				dn.LabelX, dn.LabelY = dn.X+off*math.Cos(angle[i]), dn.Y+off*math.Sin(angle[i])
				dn.Rotate = angle[i] * 180 / math.Pi
				if !right {
					dn.Rotate += 180
				}
				dn.Radial = true
			}
			// The label runs away from the node: its start (the left end of
			// left-to-right text, the right end of right-to-left text) or
			// its end touches the node.
			if right == (dn.Dir != "rtl") {
				dn.Anchor = "start"
			} else {
				dn.Anchor = "end"
			}
		}
		d.Nodes = append(d.Nodes, dn)
	}
	labelAll := len(links) <= 80
	for _, e := range links {
		a, b := index[e.Subject], index[e.Object]
		de := drawEdge{X1: pos[a][0], Y1: pos[a][1], X2: pos[b][0], Y2: pos[b][1], Colour: "#B8B8B8", Width: 1}
		pred := localName(e.Predicate)
		kind := predKinds[pred]
		if kind == "" && (pred == "from" || pred == "to") {
			kind = cmp.Or(kindOf[e.Subject], kindOf[e.Object])
		}
		if kind != "" {
			de.Kind, de.Colour, de.Width = kind, kindColours[kind], 2.5
			de.Label = kindWords[kind]
			if pred == "from" || pred == "to" {
				de.Label += " (" + pred + ")"
			}
			kindsSeen[kind] = true
		} else if labelAll {
			de.Label = pred
		}
		de.LX, de.LY = (de.X1+de.X2)/2, (de.Y1+de.Y2)/2-3
		d.Edges = append(d.Edges, de)
	}
	// Coloured edges last, so they are drawn over the grey ones.
	slices.SortStableFunc(d.Edges, func(a, b drawEdge) int { return cmp.Compare(a.Width, b.Width) })
	for _, k := range []string{"SAME_CLAIM", "FIGURE_AGREES", "FIGURE_CONFLICTS", "FIGURE_UPDATES", "SAME_EVENT"} {
		if kindsSeen[k] {
			d.Legend = append(d.Legend, legendItem{Colour: kindColours[k], Label: kindWords[k]})
		}
	}
	types := make([]string, 0, len(typesSeen))
	for t := range typesSeen {
		types = append(types, t)
	}
	slices.Sort(types)
	for _, t := range types {
		d.Legend = append(d.Legend, legendItem{Colour: cmp.Or(typeColours[t], "#BBBBBB"), Label: t})
	}
	return d
}

// segAnchors are the anchor prefixes of the article page for the IRI
// segments of an article's statements, figures and events.
var segAnchors = map[string]string{"statement": "st-", "figure": "fig-", "event": "ev-"}

// pageOf returns the page that shows the node iri names (an article, a
// statement, figure or event in its article, an actor, a measure) and, for
// an article or what it holds, the article's id; "" when no page does.
func pageOf(iri string) (page, articleID string) {
	unescape := func(s string) (string, bool) {
		u, err := url.PathUnescape(s)
		return u, err == nil
	}
	if rest, ok := strings.CutPrefix(iri, string(graph.ArticleIRI(""))); ok {
		art, item, hasItem := strings.Cut(rest, "/")
		id, ok := unescape(art)
		if !ok {
			return "", ""
		}
		if !hasItem {
			return articleURL(id), id
		}
		seg, local, _ := strings.Cut(item, "/")
		if l, ok := unescape(local); ok && segAnchors[seg] != "" {
			return articleURL(id, anchor(segAnchors[seg], l)), id
		}
		return articleURL(id), id
	}
	if rest, ok := strings.CutPrefix(iri, string(graph.ActorIRI(""))); ok {
		if id, ok := unescape(rest); ok {
			return "/actor?id=" + url.QueryEscape(id), ""
		}
	}
	if rest, ok := strings.CutPrefix(iri, graph.NodeIRI("measure", "")); ok {
		if key, ok := unescape(rest); ok {
			return "/measure?key=" + url.QueryEscape(key), ""
		}
	}
	return "", ""
}

// localName is the last part of an IRI: after its '#', else its last '/'.
func localName(iri string) string {
	if i := strings.LastIndexAny(iri, "#/"); i >= 0 && i+1 < len(iri) {
		if s, err := url.PathUnescape(iri[i+1:]); err == nil {
			return s
		}
		return iri[i+1:]
	}
	return iri
}

// withoutLinkNodes drops the link nodes other than the root: each link is
// also a direct edge between its ends (conflictsWith, sameClaimAs, …),
// which the drawing colours and labels, so its node only adds clutter.
func withoutLinkNodes(g graph.Subgraph) graph.Subgraph {
	drop := map[string]bool{}
	for i, n := range g.Nodes {
		if i > 0 && n.Type == "Link" {
			drop[n.ID] = true
		}
	}
	if len(drop) == 0 {
		return g
	}
	out := graph.Subgraph{Truncated: g.Truncated}
	for _, n := range g.Nodes {
		if !drop[n.ID] {
			out.Nodes = append(out.Nodes, n)
		}
	}
	for _, e := range g.Edges {
		if !drop[e.Subject] && !drop[e.Object] {
			out.Edges = append(out.Edges, e)
		}
	}
	return out
}
