package graph

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/link"
)

// TrackMeasurePage returns a page of the measure with the given key: at
// most p.Limit of its figures in TrackMeasure's time order after the
// position p.After, the links with an end among them (in ListLinks order;
// a link between figures of two pages comes with both) and the figures at
// their other ends (MeasureInfo.Others), and the position
// to pass as Page.After for the next page ("" after the last). It walks
// the measure's day index (its months, then their days, in order) to the
// page, so a page costs its figures and the days before it in the index,
// not the whole measure; figures with no full day (neither an as-of day
// nor a published day) come last, and finding them reads every figure of
// the measure once, on the last page only. It returns an error wrapping
// ErrNotFound for an unknown key. It is safe for concurrent use.
func (s *Store) TrackMeasurePage(ctx context.Context, key string, p Page) (MeasureInfo, string, error) {
	if err := s.rlock(); err != nil {
		return MeasureInfo{}, "", err
	}
	defer s.runlock()
	m, next, err := s.measurePageLocked(ctx, key, p)
	if err != nil {
		return MeasureInfo{}, "", fmt.Errorf("track measure %q: %w", key, err)
	}
	return m, next, nil
}

// A measure position is "DAY\x00ARTICLE\x00FIGURE" for a figure with a day
// and "\xff\x00ARTICLE\x00FIGURE" for one without (they sort last, as in
// link.Compare).
const noDay = "\xff"

func measurePos(r NodeRef) string {
	d := r.Date
	if d == "" {
		d = noDay
	}
	return d + "\x00" + r.ArticleID + "\x00" + r.LocalID
}

// parseMeasurePos returns the position after which a page starts: the zero
// NodeRef and ok for "" (the first page).
func parseMeasurePos(s string) (after NodeRef, first bool, err error) {
	if s == "" {
		return NodeRef{}, true, nil
	}
	parts := strings.Split(s, "\x00")
	if len(parts) != 3 {
		return NodeRef{}, false, fmt.Errorf("bad measure position %q", s)
	}
	d := parts[0]
	if d == noDay {
		d = ""
	}
	return NodeRef{Date: d, ArticleID: parts[1], LocalID: parts[2]}, false, nil
}

func (s *Store) measurePageLocked(ctx context.Context, key string, p Page) (MeasureInfo, string, error) {
	n := measureIRI(key)
	types, err := s.objectsLocked(ctx, n, PredType)
	if err != nil {
		return MeasureInfo{}, "", err
	}
	if !slices.Contains(types, quad.Value(ClassMeasure)) {
		return MeasureInfo{}, "", ErrNotFound
	}
	after, first, err := parseMeasurePos(p.After)
	if err != nil {
		return MeasureInfo{}, "", err
	}
	limit := pageLimit(p)
	var refs []NodeRef // one more than the page, to know whether one follows
	take := func(day string, set map[quad.IRI]bool) {
		var rs []NodeRef
		for fn := range set {
			k, ok := itemKey(fn, segFigure)
			if !ok {
				continue
			}
			art, local, err := splitItemKey(k)
			if err != nil {
				continue
			}
			r := NodeRef{ArticleID: art, LocalID: local, Date: day}
			if first || link.Compare(r, after) > 0 {
				rs = append(rs, r)
			}
		}
		slices.SortFunc(rs, link.Compare)
		refs = append(refs, rs[:min(len(rs), limit+1-len(refs))]...)
	}
	if after.Date != "" || first {
		months, err := s.sortedLiteralsLocked(ctx, n, PredMonth)
		if err != nil {
			return MeasureInfo{}, "", err
		}
		for _, month := range months {
			if len(refs) > limit {
				break
			}
			if !first && month < after.Date[:min(7, len(after.Date))] {
				continue
			}
			days, err := s.sortedLiteralsLocked(ctx, measureDayIRI(key, month), PredDay)
			if err != nil {
				return MeasureInfo{}, "", err
			}
			for _, d := range days {
				if len(refs) > limit {
					break
				}
				if !first && d < after.Date {
					continue
				}
				set, err := s.subjectsLocked(ctx, measureDayIRI(key, d), PredOnDay)
				if err != nil {
					return MeasureInfo{}, "", err
				}
				take(d, set)
			}
		}
	}
	if len(refs) <= limit {
		// The figures with no day: in the measure, on no day of its index.
		all, err := s.subjectsLocked(ctx, n, PredInMeasure)
		if err != nil {
			return MeasureInfo{}, "", err
		}
		undated := map[quad.IRI]bool{}
		for fn := range all {
			days, err := s.objectsLocked(ctx, fn, PredOnDay)
			if err != nil {
				return MeasureInfo{}, "", err
			}
			if len(days) == 0 {
				undated[fn] = true
			}
		}
		take("", undated)
	}
	next := ""
	if len(refs) > limit {
		refs = refs[:limit]
		next = measurePos(refs[limit-1])
	}
	m := MeasureInfo{Key: key}
	linkSet := map[string]bool{} // link keys
	for _, r := range refs {
		fn := FigureIRI(r.ArticleID, r.LocalID)
		k, _ := itemKey(fn, segFigure)
		f, err := s.figureLocked(ctx, fn, k)
		if err != nil {
			return MeasureInfo{}, "", err
		}
		m.Figures = append(m.Figures, f)
		ks, err := s.figureLinksLocked(ctx, fn)
		if err != nil {
			return MeasureInfo{}, "", err
		}
		for _, k := range ks {
			linkSet[k] = true
		}
	}
	keys := slices.Sorted(maps.Keys(linkSet))
	links, err := s.linksLocked(ctx, keys)
	if err != nil {
		return MeasureInfo{}, "", err
	}
	for _, l := range links {
		if l.Key == key { // a figure's links are all of its measure; be sure
			m.Links = append(m.Links, l)
		}
	}
	onPage := map[NodeRef]bool{}
	for _, r := range refs {
		onPage[NodeRef{ArticleID: r.ArticleID, LocalID: r.LocalID}] = true
	}
	for _, l := range m.Links {
		for _, e := range []NodeRef{l.From, l.To} {
			r := NodeRef{ArticleID: e.ArticleID, LocalID: e.LocalID}
			if onPage[r] {
				continue
			}
			onPage[r] = true
			fn := FigureIRI(r.ArticleID, r.LocalID)
			k, _ := itemKey(fn, segFigure)
			f, err := s.figureLocked(ctx, fn, k)
			if err != nil {
				return MeasureInfo{}, "", err
			}
			m.Others = append(m.Others, f)
		}
	}
	return m, next, nil
}

// figureLinksLocked returns the keys of the links with an end at figure
// fn, in no order, or takes them from those kept (nodecache.go). The
// caller must not change the slice.
func (s *Store) figureLinksLocked(ctx context.Context, fn quad.IRI) ([]string, error) {
	var gen uint64
	kept := s.index != nil && s.index.figureLinks != nil
	if kept {
		ks, g, ok := s.index.figureLinks.get(fn)
		if ok {
			return ks, nil
		}
		gen = g
	}
	var keys []string
	for _, pred := range []quad.IRI{PredFrom, PredTo} {
		ls, err := s.subjectsLocked(ctx, fn, pred)
		if err != nil {
			return nil, err
		}
		for l := range ls {
			if k, ok := linkKeyOf(l); ok {
				keys = append(keys, k)
			}
		}
	}
	if kept {
		s.index.figureLinks.put(fn, keys, gen)
	}
	return keys, nil
}

// sortedLiteralsLocked returns the distinct string objects of (subj, pred),
// sorted.
func (s *Store) sortedLiteralsLocked(ctx context.Context, subj quad.Value, pred quad.IRI) ([]string, error) {
	vs, err := s.objectsLocked(ctx, subj, pred)
	if err != nil {
		return nil, err
	}
	return slices.Compact(sortedTexts(vs)), nil
}

// sortedTexts returns the text of each literal of vs, sorted.
func sortedTexts(vs []quad.Value) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, literalText(v))
	}
	slices.Sort(out)
	return out
}
