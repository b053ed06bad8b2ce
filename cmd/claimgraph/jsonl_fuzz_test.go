package main

import (
	"bytes"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// FuzzReadArticles feeds readArticles any input: it must not panic, must
// name the line of an error, and every article it returns must survive
// being written back as JSONL and read again.
func FuzzReadArticles(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"The minister said that talks would resume."}`,
		"{\"id\":\"ar\",\"text\":\"قال الوزير إن المحادثات ستستأنف.\",\"language\":\"ar\"}\n\n{\"id\":\"b\",\"text\":\"x\"}\n",
		`{"id":"a>\"\u0000\u202e","text":"nul \u0000 and bidi \u202e","unknown":1}`,
		`{"id": 5}`, `[]`, `null`, "{\"id\":\"a\",\"text\":\"\xff\"}", `{"text":"` + strings.Repeat("x", 1000) + `"}`,
		"\r\n{\"id\":\"crlf\"}\r\n", `{"id":"a"}{"id":"b"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var got []*claimgraphv1.ArticleInput
		err := readArticles(bytes.NewReader(in), "in", func(a *claimgraphv1.ArticleInput, where string) error {
			if !strings.HasPrefix(where, "in:") {
				t.Fatalf("position %q does not name the input", where)
			}
			got = append(got, a)
			return nil
		})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "in") {
				t.Fatalf("error %q does not name the input", err)
			}
			return
		}
		var b bytes.Buffer
		for _, a := range got {
			line, err := protojson.Marshal(a)
			if err != nil {
				t.Fatalf("an article read back does not marshal: %v", err)
			}
			b.Write(line)
			b.WriteByte('\n')
		}
		var again []*claimgraphv1.ArticleInput
		if err := readArticles(&b, "again", func(a *claimgraphv1.ArticleInput, _ string) error {
			again = append(again, a)
			return nil
		}); err != nil {
			t.Fatalf("written back, the articles do not read: %v", err)
		}
		if len(again) != len(got) {
			t.Fatalf("%d articles read, %d after a round trip", len(got), len(again))
		}
		for i := range got {
			if !proto.Equal(got[i], again[i]) {
				t.Fatalf("article %d changed in a round trip: %v then %v", i, got[i], again[i])
			}
		}
	})
}
