package graph

import (
	"fmt"
	"slices"
	"testing"
)

// TestSortedSet checks the order, the counts and the pages of a sortedSet
// against a sorted slice, over adds and removes in no order.
func TestSortedSet(t *testing.T) {
	ss := newSortedSet()
	want := map[string]int{}
	for i := range 500 {
		s := fmt.Sprintf("k%03d", (i*37)%211)
		if ss.add(s, 1) != (want[s] == 0) {
			t.Fatalf("add(%q) says new = %v with %d quads before", s, want[s] == 0, want[s])
		}
		want[s]++
	}
	for i := range 300 {
		s := fmt.Sprintf("k%03d", (i*53)%211)
		if want[s] == 0 {
			if ss.remove(s) {
				t.Fatalf("remove(%q) of an absent string says it left", s)
			}
			continue
		}
		if ss.remove(s) != (want[s] == 1) {
			t.Fatalf("remove(%q) with %d quads says left = %v", s, want[s], want[s] != 1)
		}
		if want[s]--; want[s] == 0 {
			delete(want, s)
		}
	}
	var sorted []string
	for s := range want {
		sorted = append(sorted, s)
	}
	slices.Sort(sorted)
	if ss.len() != len(sorted) || len(sorted) < 50 {
		t.Fatalf("len = %d; want %d (and at least 50)", ss.len(), len(sorted))
	}
	if got := ss.from("", len(sorted)+5); !slices.Equal(got, sorted) {
		t.Errorf("from(\"\") = %v; want %v", got, sorted)
	}
	for i, s := range sorted {
		if !ss.has(s) {
			t.Errorf("has(%q) = false", s)
		}
		if got, w := ss.after(s, 3), sorted[i+1:min(i+4, len(sorted))]; !slices.Equal(got, w) {
			t.Errorf("after(%q, 3) = %v; want %v", s, got, w)
		}
		if got, w := ss.from(s, 2), sorted[i:min(i+2, len(sorted))]; !slices.Equal(got, w) {
			t.Errorf("from(%q, 2) = %v; want %v", s, got, w)
		}
		if got, w := ss.after(s+"\x00", 1), sorted[i+1:min(i+2, len(sorted))]; !slices.Equal(got, w) {
			t.Errorf("after(%q, 1) = %v; want %v", s+"\x00", got, w)
		}
	}
	if got := ss.after("", 0); len(got) != 0 {
		t.Errorf("after(\"\", 0) = %v; want none", got)
	}
}
