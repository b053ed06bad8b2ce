package main

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strconv"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// pagedTrack serves TrackMeasure as pages of one figure each, of five
// figures from two articles, every page with the one link between the
// first two figures.
type pagedTrack struct {
	claimgraphv1.UnimplementedClaimGraphServiceServer
}

func (pagedTrack) TrackMeasure(_ context.Context, req *claimgraphv1.TrackMeasureRequest) (*claimgraphv1.TrackMeasureResponse, error) {
	i := 0
	if req.GetPageToken() != "" {
		i, _ = strconv.Atoi(req.GetPageToken())
	}
	art := fmt.Sprint("a", i%2)
	resp := &claimgraphv1.TrackMeasureResponse{
		Measure:  req.GetMeasure(),
		Figures:  []*claimgraphv1.Figure{{ArticleId: art, Id: fmt.Sprint("f", i)}},
		Articles: []*claimgraphv1.Article{{Id: art}},
		Links: []*claimgraphv1.Link{{Kind: claimgraphv1.LinkKind_LINK_KIND_FIGURE_CONFLICTS,
			From: &claimgraphv1.LinkEnd{ArticleId: "a0", Id: "f0"}, To: &claimgraphv1.LinkEnd{ArticleId: "a1", Id: "f1"}}},
	}
	if i < 4 {
		resp.NextPageToken = strconv.Itoa(i + 1)
	}
	return resp, nil
}

// TestTrackAll checks that track follows every page and shows each
// article and link once.
func TestTrackAll(t *testing.T) {
	lis := bufconn.Listen(1 << 20)
	s := grpc.NewServer()
	claimgraphv1.RegisterClaimGraphServiceServer(s, pagedTrack{})
	go s.Serve(lis)
	t.Cleanup(s.Stop)
	conn, err := grpc.NewClient("passthrough:///bufnet", grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	resp, err := trackAll(context.Background(), claimgraphv1.NewClaimGraphServiceClient(conn), "killed@x")
	if err != nil {
		t.Fatal(err)
	}
	var figs, arts []string
	for _, f := range resp.GetFigures() {
		figs = append(figs, f.GetArticleId()+"/"+f.GetId())
	}
	for _, a := range resp.GetArticles() {
		arts = append(arts, a.GetId())
	}
	if want := []string{"a0/f0", "a1/f1", "a0/f2", "a1/f3", "a0/f4"}; !slices.Equal(figs, want) {
		t.Errorf("trackAll figures = %v; want %v", figs, want)
	}
	if want := []string{"a0", "a1"}; !slices.Equal(arts, want) {
		t.Errorf("trackAll articles = %v; want %v", arts, want)
	}
	if len(resp.GetLinks()) != 1 || resp.GetMeasure() != "killed@x" {
		t.Errorf("trackAll = measure %q, %d links; want killed@x and one link", resp.GetMeasure(), len(resp.GetLinks()))
	}
}
