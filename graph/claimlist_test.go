package graph

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestListClaimsCapsStatements checks that ListClaims gives a claim that
// many articles report with its first listedStatements statements in time
// order, and its dates and articles from all of them, while GetClaim gives
// every statement.
func TestListClaimsCapsStatements(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Config{Backend: BackendMemory})
	const n = listedStatements + 5
	var docs []Document
	for i := 0; i < n; i++ {
		d := plainDoc(fmt.Sprintf("claim-%02d", i), "en", "speaker-x")
		d.Meta.Published = fmt.Sprintf("2025-10-%02d", n+1-i) // key order is not time order
		d.Extraction.Statements[0].Content = "the talks would go on"
		docs = append(docs, d)
	}
	if _, err := s.PutArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	listed, _, err := s.ListClaims(ctx, ClaimFilter{Speaker: "speaker-x"}, Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) != 1 {
		t.Fatalf("ListClaims(speaker-x) = %d claims; want 1", len(listed))
	}
	whole, err := s.GetClaim(ctx, listed[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole.Statements) != n {
		t.Fatalf("GetClaim = %d statements; want %d", len(whole.Statements), n)
	}
	c := listed[0]
	var got, want []string
	for _, st := range c.Statements {
		got = append(got, st.ArticleID)
	}
	for i := n - 1; i >= n-listedStatements; i-- {
		want = append(want, fmt.Sprintf("claim-%02d", i))
	}
	if !slices.Equal(got, want) {
		t.Errorf("ListClaims statements from %v; want the first reports %v", got, want)
	}
	if !slices.Equal(c.ArticleIDs, whole.ArticleIDs) || len(c.ArticleIDs) != n ||
		c.FirstReported != "2025-10-02" || c.LastReported != whole.LastReported || c.LastReported != fmt.Sprintf("2025-10-%02d", n+1) {
		t.Errorf("ListClaims = articles %v, %s..%s; want GetClaim's %v, %s..%s", c.ArticleIDs, c.FirstReported, c.LastReported,
			whole.ArticleIDs, whole.FirstReported, whole.LastReported)
	}
}
