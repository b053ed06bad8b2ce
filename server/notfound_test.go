package server_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// TestNotFoundNames checks that every NotFound names what the request
// asked for in its own words, never the store's "graph: not found", and
// carries a ResourceInfo.
func TestNotFoundNames(t *testing.T) {
	e := start(t, server.Config{})
	e.ingestSeed(t)
	ctx := context.Background()
	export := func() error {
		s, err := e.client.ExportQuads(ctx, &claimgraphv1.ExportQuadsRequest{ArticleId: "no-such-article"})
		if err != nil {
			return err
		}
		for {
			if _, err := s.Recv(); err != nil {
				if err == io.EOF {
					return nil
				}
				return err
			}
		}
	}
	for _, tc := range []struct {
		name    string
		call    func() error
		want    string
		resType string
	}{
		{"GetArticle", func() error {
			_, err := e.client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: "no-such-article"})
			return err
		}, `no article with id "no-such-article"`, "article with id"},
		{"DeleteArticle", func() error {
			_, err := e.client.DeleteArticle(ctx, &claimgraphv1.DeleteArticleRequest{Id: "no-such-article"})
			return err
		}, `no article with id "no-such-article"`, "article with id"},
		{"ExportQuads", export, `no article with id "no-such-article"`, "article with id"},
		{"GetActor", func() error {
			_, err := e.client.GetActor(ctx, &claimgraphv1.GetActorRequest{Id: "nobody"})
			return err
		}, `no actor with id "nobody"`, "actor with id"},
		{"GetClaim", func() error {
			_, err := e.client.GetClaim(ctx, &claimgraphv1.GetClaimRequest{Id: "no-claim"})
			return err
		}, `no claim with id "no-claim"`, "claim with id"},
		{"TrackMeasure", func() error {
			_, err := e.client.TrackMeasure(ctx, &claimgraphv1.TrackMeasureRequest{Measure: "killed@atlantis"})
			return err
		}, `no figures of the measure "killed@atlantis"`, "figures of the measure"},
		{"Neighborhood", func() error {
			_, err := e.client.Neighborhood(ctx, &claimgraphv1.NeighborhoodRequest{Node: "Trumpp"})
			return err
		}, `no node named "Trumpp"`, "node named"},
		{"FindPaths to", func() error {
			_, err := e.client.FindPaths(ctx, &claimgraphv1.FindPathsRequest{From: "Trump", To: "Nobody Atall"})
			return err
		}, `no node named "Nobody Atall"`, "node named"},
		{"FindPaths from", func() error {
			_, err := e.client.FindPaths(ctx, &claimgraphv1.FindPathsRequest{From: "Nobody Atall", To: "Trump"})
			return err
		}, `no node named "Nobody Atall"`, "node named"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			st := status.Convert(err)
			if st.Code() != codes.NotFound || !strings.HasPrefix(st.Message(), tc.want) || strings.Contains(st.Message(), "graph:") {
				t.Fatalf("%s = %v; want NotFound starting %q", tc.name, err, tc.want)
			}
			var ri *errdetails.ResourceInfo
			for _, d := range st.Details() {
				if r, ok := d.(*errdetails.ResourceInfo); ok {
					ri = r
				}
			}
			if ri == nil || ri.GetResourceType() != tc.resType {
				t.Errorf("%s details = %v; want a ResourceInfo of type %q", tc.name, st.Details(), tc.resType)
			}
		})
	}
}

// TestEventDateRange checks that a date range whose start is after its
// end is InvalidArgument on date_from, partial dates compared by the days
// they cover.
func TestEventDateRange(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	for _, tc := range []struct {
		from, to string
		ok       bool
	}{
		{"2025", "2023", false},
		{"2023-10-08", "2023-10-07", false},
		{"2023-11", "2023-10-31", false},
		{"2024-01-01", "2023", false},
		{"2023-10-07", "2023-10", true},
		{"2023", "2023-01", true},
		{"2023-10", "2023-10-01", true},
		{"2023-10-07", "2023-10-07", true},
		{"2023", "", true},
	} {
		_, err := e.client.ListEvents(ctx, &claimgraphv1.ListEventsRequest{DateFrom: tc.from, DateTo: tc.to})
		if tc.ok {
			if err != nil {
				t.Errorf("ListEvents(%s..%s) = %v; want no error", tc.from, tc.to, err)
			}
			continue
		}
		if status.Code(err) != codes.InvalidArgument || !strings.Contains(err.Error(), "after date_to") {
			t.Errorf("ListEvents(%s..%s) = %v; want InvalidArgument: date_from ... after date_to", tc.from, tc.to, err)
			continue
		}
		wantStatus(t, err, codes.InvalidArgument, "date_from")
	}
}

// TestNeighborhoodLiterals checks that literal values read as people write
// them: a figure's value in plain digits, a flag as true or false.
func TestNeighborhoodLiterals(t *testing.T) {
	e := start(t, server.Config{})
	ctx := context.Background()
	in := &claimgraphv1.ArticleInput{Id: "toll", Language: "en", Published: "2025-10-07",
		Text: "The ministry said that about 67,000 people had been killed since the war began."}
	if _, err := e.client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: in}); err != nil {
		t.Fatal(err)
	}
	resp, err := e.client.Neighborhood(ctx, &claimgraphv1.NeighborhoodRequest{Node: "toll", Depth: 1, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	values := 0
	for _, ed := range resp.GetEdges() {
		if !ed.GetLiteral() {
			continue
		}
		o := ed.GetObject()
		if strings.Contains(o, "E+") || o == "True" || o == "False" {
			t.Errorf("literal %s %s = %q; want it as people write it", ed.GetSubject(), ed.GetPredicate(), o)
		}
		if strings.HasSuffix(ed.GetPredicate(), "schema.org/value") {
			values++
			if o != "67000" {
				t.Errorf("figure value = %q; want 67000", o)
			}
		}
	}
	if values == 0 {
		t.Errorf("no figure value among the literals of %v", resp.GetEdges())
	}
}
