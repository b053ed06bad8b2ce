package graph

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
)

// trackDoc is benchDoc i with its first two figures in the measure
// "killed@track": crowded days in two months, a day on its own, figures
// dated by their article's published day, and (every seventh article, with
// no published day) figures with no day at all.
func trackDoc(i int) Document {
	d := benchDoc(i, 0)
	for f := 0; f < 2; f++ {
		x := &d.Extraction.Figures[f]
		x.Key = "killed@track"
		switch i % 7 {
		case 0:
			d.Meta.Published = "" // no day
		case 1, 2:
			x.AsOf = "2025-09-30" // a crowded day, in the month before
		case 3:
			d.Meta.Published = fmt.Sprintf("2025-10-%02d", 1+i%5)
		default:
			x.AsOf = fmt.Sprintf("2025-11-%02d", 1+i%3)
		}
	}
	return d
}

// TestTrackMeasurePage checks that the pages of TrackMeasurePage, for
// several page sizes, hold TrackMeasure's figures in its order, each page
// at most the page size, and the links of each page's figures, which
// together are TrackMeasure's links.
func TestTrackMeasurePage(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Config{Backend: BackendMemory})
	var docs []Document
	for i := 0; i < 30; i++ {
		docs = append(docs, trackDoc(i))
	}
	if _, err := s.PutArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	// A replace moves an article's figures to another day.
	d := trackDoc(4)
	for f := 0; f < 2; f++ {
		d.Extraction.Figures[f].AsOf = "2025-08-15"
	}
	if _, err := s.PutArticle(ctx, d); err != nil {
		t.Fatal(err)
	}
	all, err := s.TrackMeasure(ctx, "killed@track")
	if err != nil {
		t.Fatal(err)
	}
	figKey := func(f StoredFigure) string { return f.ArticleID + "/" + f.ID }
	var want []string
	for _, f := range all.Figures {
		want = append(want, figKey(f))
	}
	if len(want) != 60 || want[0] != "bench-000004/f0" || want[len(want)-1] != "bench-000028/f1" {
		t.Fatalf("TrackMeasure = %d figures %v; want 60, from the replaced article's to the last undated", len(want), want)
	}
	wantLinks := sortedStrings(all.Links)
	if len(wantLinks) == 0 {
		t.Fatal("TrackMeasure has no links to page")
	}
	for _, size := range []int{1, 2, 7, 59, 60, 61, 0} {
		t.Run(fmt.Sprint("size ", size), func(t *testing.T) {
			var got []string
			links := map[string]bool{}
			p := Page{Limit: size}
			for pages := 0; ; pages++ {
				if pages > len(want) {
					t.Fatalf("more than %d pages", len(want))
				}
				m, next, err := s.TrackMeasurePage(ctx, "killed@track", p)
				if err != nil {
					t.Fatal(err)
				}
				if len(m.Figures) > pageLimit(p) || (next != "" && len(m.Figures) != pageLimit(p)) {
					t.Fatalf("page after %q: %d figures, next %q; want %d", p.After, len(m.Figures), next, pageLimit(p))
				}
				in := map[string]bool{}
				for _, f := range m.Figures {
					got = append(got, figKey(f))
					in[figKey(f)] = true
				}
				known := maps.Clone(in)
				for _, f := range m.Others {
					if in[figKey(f)] || f.Text == "" {
						t.Errorf("page after %q: other figure %s is on the page or has no text", p.After, figKey(f))
					}
					known[figKey(f)] = true
				}
				for i, l := range m.Links {
					if !known[l.From.ArticleID+"/"+l.From.LocalID] || !known[l.To.ArticleID+"/"+l.To.LocalID] {
						t.Errorf("page after %q: link %v has an end neither on the page nor in Others", p.After, l)
					}
					if !in[l.From.ArticleID+"/"+l.From.LocalID] && !in[l.To.ArticleID+"/"+l.To.LocalID] {
						t.Errorf("page after %q: link %v has no end among its figures", p.After, l)
					}
					if i > 0 && m.Links[i-1].Key > l.Key {
						t.Errorf("page after %q: links out of order", p.After)
					}
				}
				for _, l := range sortedStrings(m.Links) {
					links[l] = true
				}
				if next == "" {
					break
				}
				p.After = next
			}
			if !slices.Equal(got, want) {
				t.Errorf("pages = %v; want %v", got, want)
			}
			var gotLinks []string
			for l := range links {
				gotLinks = append(gotLinks, l)
			}
			slices.Sort(gotLinks)
			if !slices.Equal(gotLinks, wantLinks) {
				t.Errorf("links of the pages:\n%s", diffLines(gotLinks, wantLinks))
			}
		})
	}
	if _, _, err := s.TrackMeasurePage(ctx, "nope", Page{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("TrackMeasurePage(nope) = %v; want ErrNotFound", err)
	}
	if _, _, err := s.TrackMeasurePage(ctx, "killed@track", Page{After: "garbage"}); err == nil {
		t.Error("TrackMeasurePage(after garbage) = nil error; want one")
	}
}
