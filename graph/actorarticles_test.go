package graph

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestGetActorArticles checks that GetActor's articles, from the ordered
// list, are those Cayley's indexes alone give, through writes and deletes
// after the list was built, and at most MaxActorArticles, the first in
// id order.
func TestGetActorArticles(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Config{Backend: BackendMemory})
	s.linkOff = true
	put := func(from, to int) {
		t.Helper()
		var docs []Document
		for i := from; i < to; i++ {
			speaker := "hub"
			if i%3 == 0 {
				speaker = fmt.Sprint("other-", i)
			}
			docs = append(docs, plainDoc(fmt.Sprintf("a-%05d", i), "en", speaker))
		}
		if _, err := s.PutArticles(ctx, docs); err != nil {
			t.Fatal(err)
		}
	}
	check := func(stage string, want int) {
		t.Helper()
		ix := s.index
		s.index = nil // Cayley's indexes alone: the reference
		ref, err := s.GetActor(ctx, "hub")
		s.index = ix
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.GetActor(ctx, "hub")
		if err != nil {
			t.Fatal(err)
		}
		if len(got.ArticleIDs) != want || !slices.Equal(got.ArticleIDs, ref.ArticleIDs) || !slices.IsSorted(got.ArticleIDs) {
			t.Errorf("%s: GetActor(hub) = %d articles %v…; want %d, as read from Cayley's indexes: %v…", stage, len(got.ArticleIDs),
				got.ArticleIDs[:min(3, len(got.ArticleIDs))], want, ref.ArticleIDs[:min(3, len(ref.ArticleIDs))])
		}
	}
	put(0, 30)
	check("built", 20)
	put(30, 45)
	if _, err := s.DeleteArticle(ctx, "a-00001"); err != nil {
		t.Fatal(err)
	}
	d := plainDoc("a-00002", "en", "someone-else") // a replace that drops the hub
	if _, err := s.PutArticle(ctx, d); err != nil {
		t.Fatal(err)
	}
	check("kept", 28)
	put(45, 1600)
	check("capped", MaxActorArticles)
	if _, err := s.GetActor(ctx, "nobody"); err == nil {
		t.Error("GetActor(nobody) = nil error; want ErrNotFound")
	}
}
