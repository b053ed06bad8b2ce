package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	corpus := `{"id": "a1", "language": "ar", "text": "قال الوزير إن الوضع صعب."}
{"id": "e1", "language": "en", "text": "The minister said it was hard."}
{"id": "e2", "language": "en", "text": "   "}
`
	if err := os.WriteFile(filepath.Join(dir, "c.jsonl"), []byte(corpus), 0o644); err != nil {
		t.Fatal(err)
	}
	arts, err := generate(9, dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	seen := map[string]bool{}
	langs := map[string]int{}
	for i, a := range arts {
		ids = append(ids, a.GetId())
		if seen[a.GetId()] {
			t.Errorf("id %q twice", a.GetId())
		}
		seen[a.GetId()] = true
		if story := strings.HasPrefix(a.GetId(), "story-"); story != (i%2 == 0) {
			t.Errorf("article %d is %q; want story articles and replicas in turn", i, a.GetId())
		}
		if !strings.HasPrefix(a.GetId(), "story-") {
			langs[a.GetLanguage()]++
		}
	}
	want := "story-00001 a1-r0 story-00002 e1-r0 story-00003 a1-r1 story-00004 e1-r1 story-00005"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("ids = %s; want %s (the blank corpus text left out)", got, want)
	}
	if langs["ar"] != 2 || langs["en"] != 2 {
		t.Errorf("replica languages = %v; want 2 Arabic, 2 English", langs)
	}
	if _, err := generate(4, t.TempDir()); err == nil {
		t.Error("generate from an empty corpus succeeded")
	}
}

func TestShorten(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"One.\n\nTwo. Three.", "Two. Three."},
		{"One. Two.", "Two."},
		{"One.", "One. Updated."},
	} {
		if got := shorten(tt.in); got != tt.want {
			t.Errorf("shorten(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
