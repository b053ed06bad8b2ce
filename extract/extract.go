package extract

import (
	"fmt"
	"sort"
)

// Extract finds the actors, statements, figures, events and dates of one
// article. It is a pure function of its input: the same article always gives
// the same Extraction. Offsets are code point indices into a.Text. It never
// fails; text it cannot read simply yields fewer facts. It is safe for
// concurrent use.
func Extract(a Article) *Extraction {
	d := newDocument(a)
	times := findTimes(d)
	actors := newActorTable(d)
	stmts := findStatements(d, actors)
	stmts = addModelStatements(d, actors, stmts)
	numberStatements(stmts)
	figs := findFigures(d, actors, stmts, times)
	events := findEvents(d, actors, times)
	x := &Extraction{
		ArticleID:  a.ID,
		Language:   d.lang,
		Actors:     actors.list(),
		Statements: stmts,
		Figures:    figs,
		Events:     events,
		Times:      times,
	}
	x.assignIDs()
	KeyFigures(a.Text, a.Published, x)
	return x
}

// numberStatements orders statements by position and gives each an ID
// derived from its cue and content spans, so that extracting the same text
// again yields the same IDs and two sources of one quotation stay apart.
// Figures refer to statements by these IDs.
func numberStatements(stmts []Statement) {
	sort.SliceStable(stmts, func(i, j int) bool {
		if stmts[i].ContentSpan.Start != stmts[j].ContentSpan.Start {
			return stmts[i].ContentSpan.Start < stmts[j].ContentSpan.Start
		}
		return stmts[i].CueSpan.Start < stmts[j].CueSpan.Start
	})
	for i := range stmts {
		s := &stmts[i]
		s.ID = fmt.Sprintf("s%d-%d-%d", s.CueSpan.Start, s.ContentSpan.Start, s.ContentSpan.End)
	}
}

// assignIDs gives figures and events IDs derived from their spans, so that
// extracting the same text again yields the same IDs, and orders each list
// by position.
func (x *Extraction) assignIDs() {
	sort.SliceStable(x.Figures, func(i, j int) bool { return x.Figures[i].Span.Start < x.Figures[j].Span.Start })
	for i := range x.Figures {
		f := &x.Figures[i]
		f.ID = fmt.Sprintf("f%d-%d", f.Span.Start, f.Span.End)
	}
	sort.SliceStable(x.Events, func(i, j int) bool { return x.Events[i].Span.Start < x.Events[j].Span.Start })
	// A trigger with two dates («تقام البطولة من 25 يوليو إلى 2 أغسطس»)
	// names two events: the second and later take their count after the
	// span.
	n := 0
	for i := range x.Events {
		e := &x.Events[i]
		e.ID = fmt.Sprintf("e%d-%d", e.Span.Start, e.Span.End)
		if i > 0 && x.Events[i-1].Span == e.Span {
			n++
			e.ID += fmt.Sprintf("-%d", n)
		} else {
			n = 1
		}
	}
}
