package web

import (
	"slices"
	"strings"

	"github.com/claimgraph/claimgraph/extract"
	"github.com/claimgraph/claimgraph/graph"
)

// segment is a run of an article's text covered by the same highlights.
type segment struct {
	Text    string
	Class   string   // space-separated: statement, speaker, cue, figure, event
	Anchors []string // ids of the highlights that start here
	Title   string   // what the innermost highlight is, for a tooltip
}

// mark is one highlight: a span of the text and what it is.
type mark struct {
	span   extract.Span
	class  string
	anchor string // "" for none
	title  string
	rank   int // inner highlights rank higher and give the tooltip
}

// highlight cuts text at every start and end of a statement's content,
// speaker and cue, a figure and an event trigger, so that each segment
// carries the classes of the spans that cover it. Spans are code point
// offsets; those outside the text are clipped, empty ones dropped.
func highlight(text string, sts []graph.StoredStatement, figs []graph.StoredFigure, evs []graph.StoredEvent, speakers map[string]string) []segment {
	rs := []rune(text)
	var marks []mark
	add := func(sp extract.Span, class, anchorID, title string, rank int) {
		sp.Start, sp.End = max(sp.Start, 0), min(sp.End, len(rs))
		if sp.Start >= sp.End {
			return
		}
		marks = append(marks, mark{sp, class, anchorID, title, rank})
	}
	for _, st := range sts {
		who := speakers[st.SpeakerID]
		if who == "" {
			who = st.SpeakerText
		}
		add(st.ContentSpan, "statement", anchor("st-", st.ID), "statement by "+who+" ("+st.Kind.String()+")", 0)
		add(st.SpeakerSpan, "speaker", "", "speaker: "+who, 1)
		add(st.CueSpan, "cue", "", "cue: "+st.Cue, 1)
	}
	for _, f := range figs {
		t := "figure: " + figureText(f.Figure)
		if f.Measure != "" {
			t += " · " + f.Measure
		}
		if f.AsOf != "" {
			t += " · as of " + f.AsOf
		}
		add(f.Span, "figure", anchor("fig-", f.ID), t, 2)
	}
	for _, e := range evs {
		t := "event: " + e.Kind
		if e.Date != "" {
			t += " · " + e.Date
		}
		add(e.Span, "event", anchor("ev-", e.ID), t, 2)
	}
	cuts := []int{0, len(rs)}
	for _, m := range marks {
		cuts = append(cuts, m.span.Start, m.span.End)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var segs []segment
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		seg := segment{Text: string(rs[a:b])}
		var classes []string
		best := -1
		for _, m := range marks {
			if m.span.Start <= a && b <= m.span.End {
				if !slices.Contains(classes, m.class) {
					classes = append(classes, m.class)
				}
				if m.rank > best {
					best, seg.Title = m.rank, m.title
				}
			}
			if m.span.Start == a && m.anchor != "" && !slices.Contains(seg.Anchors, m.anchor) {
				seg.Anchors = append(seg.Anchors, m.anchor)
			}
		}
		slices.Sort(classes)
		seg.Class = strings.Join(classes, " ")
		segs = append(segs, seg)
	}
	return segs
}
