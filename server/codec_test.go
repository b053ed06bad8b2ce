package server

import (
	"bytes"
	"testing"

	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// corrupt encodes m and replaces marker with as many 0xff bytes, which
// keeps the encoding valid and the string invalid UTF-8.
func corrupt(t *testing.T, m proto.Message, marker string) mem.BufferSlice {
	t.Helper()
	b, err := proto.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.ReplaceAll(b, []byte(marker), bytes.Repeat([]byte{0xff}, len(marker)))
	return mem.BufferSlice{mem.SliceBuffer(b)}
}

func TestUTF8CodecKeepsInvalidStrings(t *testing.T) {
	c := newUTF8Codec()
	in := &claimgraphv1.IngestArticleRequest{Article: &claimgraphv1.ArticleInput{
		Id: "a1", Text: "قال XX إن", Language: "ar", Published: "2025-10-07",
	}}
	got := new(claimgraphv1.IngestArticleRequest)
	if err := c.Unmarshal(corrupt(t, in, "XX"), got); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if want := "قال \xff\xff إن"; got.GetArticle().GetText() != want {
		t.Errorf("text = %q; want %q", got.GetArticle().GetText(), want)
	}
	if got.GetArticle().GetId() != "a1" || got.GetArticle().GetPublished() != "2025-10-07" {
		t.Errorf("other fields = %v; want them as sent", got.GetArticle())
	}
	if _, err := ArticleFromInput("article", got.GetArticle(), true); !isField(err, "article.text") {
		t.Errorf("ArticleFromInput = %v; want an article.text error", err)
	}

	q := &claimgraphv1.QueryRequest{Query: "g.V(XX)", Limit: 7, Timeout: durationpb.New(3e9), Language: claimgraphv1.QueryLanguage_QUERY_LANGUAGE_MQL}
	gotQ := new(claimgraphv1.QueryRequest)
	if err := c.Unmarshal(corrupt(t, q, "XX"), gotQ); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if gotQ.GetLimit() != 7 || gotQ.GetTimeout().AsDuration() != 3e9 || gotQ.GetLanguage() != q.GetLanguage() || gotQ.GetQuery() != "g.V(\xff\xff)" {
		t.Errorf("query request = %v; want %v with the query's bytes kept", gotQ, q)
	}

	valid := new(claimgraphv1.IngestArticleRequest)
	if err := c.Unmarshal(corrupt(t, in, "no marker"), valid); err != nil || !proto.Equal(valid, in) {
		t.Errorf("Unmarshal(valid) = %v, %v; want %v", valid, err, in)
	}
	if err := c.Unmarshal(mem.BufferSlice{mem.SliceBuffer([]byte{0x0a, 0x05, 'x'})}, new(claimgraphv1.IngestArticleRequest)); err == nil {
		t.Errorf("Unmarshal(truncated) = nil; want an error")
	}
}
