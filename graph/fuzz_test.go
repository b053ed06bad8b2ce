package graph

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// iriForbidden are the characters N-Quads forbids in an IRIREF, besides
// controls and space.
const iriForbidden = "<>\"{}|^`\\"

func checkIRI(t *testing.T, what string, iri quad.IRI) {
	t.Helper()
	s := string(iri)
	if !utf8.ValidString(s) {
		t.Fatalf("%s %q is not valid UTF-8", what, s)
	}
	for _, r := range s {
		if r <= ' ' || strings.ContainsRune(iriForbidden, r) || r == utf8.RuneError {
			t.Fatalf("%s %q holds %q, which N-Quads forbids in an IRI", what, s, r)
		}
	}
}

// FuzzIRI checks that any two ids give distinct valid IRIs that parse back
// to them, and that an article with a hostile id and title survives N-Quads
// export without touching another article.
func FuzzIRI(f *testing.F) {
	for _, s := range []string{
		"a", "gaza-diplomacy", "a>b", `"quoted"`, "line\nbreak", "nul\x00nul", "\u202eevil\u202c",
		"ترامب", "a/b", "%41", "A", "\xff\xfe", strings.Repeat(">", 300), strings.Repeat("\u200f", 100),
		"x .\n<a> <b> <c> .", " ", "_:blank", "é", "e\u0301",
	} {
		f.Add(s, "a")
	}
	other := plainDoc("other", "en", "speaker")
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, id := range []string{a, b} {
			enc := encodeID(id)
			if got, err := decodeID(enc); err != nil || got != id {
				t.Fatalf("decodeID(encodeID(%q)) = %q, %v", id, got, err)
			}
			if strings.Contains(enc, "/") {
				t.Fatalf("encodeID(%q) = %q holds a slash", id, enc)
			}
			checkIRI(t, "ArticleIRI", ArticleIRI(id))
			checkIRI(t, "ActorIRI", ActorIRI(id))
			if got, ok := parseArticleIRI(ArticleIRI(id)); !ok || got != id {
				t.Fatalf("parseArticleIRI(ArticleIRI(%q)) = %q, %v", id, got, ok)
			}
			key, ok := itemKey(StatementIRI(id, b), segStatement)
			if !ok {
				t.Fatalf("itemKey(StatementIRI(%q, %q)) failed", id, b)
			}
			if art, local, err := splitItemKey(key); err != nil || art != id || local != b {
				t.Fatalf("splitItemKey(%q) = %q, %q, %v; want %q, %q", key, art, local, err, id, b)
			}
		}
		if a != b {
			if ArticleIRI(a) == ArticleIRI(b) || StatementIRI(a, "s1") == StatementIRI(b, "s1") || ActorIRI(a) == ActorIRI(b) {
				t.Fatalf("ids %q and %q give the same IRI", a, b)
			}
			if StatementIRI(a, b) == StatementIRI(b, a) {
				t.Fatalf("StatementIRI(%q, %q) == StatementIRI(%q, %q)", a, b, b, a)
			}
		}
		if a == "" || a == other.Meta.ID {
			return
		}

		ctx := context.Background()
		s, err := Open(ctx, Config{Backend: BackendMemory})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.PutArticle(ctx, other); err != nil {
			t.Fatal(err)
		}
		var before bytes.Buffer
		if err := s.ExportQuads(ctx, "other", &before); err != nil {
			t.Fatal(err)
		}
		// The id a names the article and its speaker; b is free text.
		doc := plainDoc(a, "en", a)
		doc.Text = "text"
		doc.Meta.Title = b
		doc.Extraction.Actors[0].Name = "speaker"
		doc.Extraction.Statements[0].Content = b
		info, err := s.PutArticle(ctx, doc)
		if errors.Is(err, ErrInvalid) && (!utf8.ValidString(b) || strings.IndexByte(b, 0) >= 0) {
			return // text the store cannot keep is refused
		}
		if err != nil {
			t.Fatalf("PutArticle(id %q, title %q): %v", a, b, err)
		}
		var out bytes.Buffer
		if err := s.ExportQuads(ctx, a, &out); err != nil {
			t.Fatal(err)
		}
		r := nquads.NewReader(bytes.NewReader(out.Bytes()), false)
		n := int64(0)
		for {
			q, err := r.ReadQuad()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("export of article %q does not parse back: %v\n%s", a, err, out.String())
			}
			if q.Label != ArticleIRI(a) {
				t.Fatalf("export of article %q: quad %v has label %v", a, q, q.Label)
			}
			n++
		}
		if n != info.QuadCount {
			t.Fatalf("export of article %q: %d quads parse back; want %d", a, n, info.QuadCount)
		}
		var after bytes.Buffer
		if err := s.ExportQuads(ctx, "other", &after); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(before.Bytes(), after.Bytes()) {
			t.Fatalf("writing article %q changed article \"other\"", a)
		}
	})
}
