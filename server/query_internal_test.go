package server

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBoundedJSON(t *testing.T) {
	v := map[string]any{
		"nodes": []map[string]any{{"id": "a"}, {"id": "b"}, {"id": "c"}},
		"x":     1.5,
	}
	full, _ := json.Marshal(v)
	for _, tc := range []struct {
		max     int
		want    string
		wantCut bool
	}{
		{len(full), string(full), false},
		{1000, string(full), false},
		{len(full) - 1, `{"nodes":[{"id":"a"},{"id":"b"},{"id":"c"}]}`, true},
		{33, `{"nodes":[{"id":"a"},{"id":"b"}]}`, true},
		{32, `{"nodes":[{"id":"a"}]}`, true},
		{13, `{"nodes":[]}`, true},
		{5, `{}`, true},
		{1, ``, true},
	} {
		b, cut, err := boundedJSON(v, tc.max)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tc.want || cut != tc.wantCut {
			t.Errorf("boundedJSON(v, %d) = %s, %v; want %s, %v", tc.max, b, cut, tc.want, tc.wantCut)
		}
		if len(b) > tc.max {
			t.Errorf("boundedJSON(v, %d) is %d bytes", tc.max, len(b))
		}
		if b != nil && !json.Valid(b) {
			t.Errorf("boundedJSON(v, %d) = %s: not JSON", tc.max, b)
		}
	}
	for _, in := range []any{nil, "x<y>", 3, []any{nil, true, "s"}, map[string]string{"b": "1", "a": "2"}, []byte("raw")} {
		b, cut, err := boundedJSON(in, 1<<20)
		want, _ := json.Marshal(in)
		if err != nil || cut || !bytes.Equal(b, want) {
			t.Errorf("boundedJSON(%#v) = %s, %v, %v; want %s as encoding/json writes it", in, b, cut, err, want)
		}
	}
}

func TestLineChunker(t *testing.T) {
	long := strings.Repeat("x", 25) + "\n"
	for _, in := range [][]string{
		{"a\n", "bb\n", "ccc\n"},
		{long, long, "short\n"},
		{strings.Repeat("y", 100)},
		{"abc", "def\n", strings.Repeat("z", 33), "\n", "end\n"},
		// Lines longer than a chunk, in letters of two, three and four
		// bytes, each written whole and byte by byte.
		{strings.Repeat("قال", 9) + "\n"},
		{"x" + strings.Repeat("€", 11) + "\n"},
		{"xy" + strings.Repeat("𝄞", 7) + "\n"},
		strings.Split(strings.Repeat("غزة", 5)+"\n", ""),
	} {
		var chunks []string
		w := &lineChunker{size: 10, send: func(b []byte) error { chunks = append(chunks, string(b)); return nil }}
		for _, p := range in {
			if n, err := w.Write([]byte(p)); n != len(p) || err != nil {
				t.Fatalf("Write(%q) = %d, %v", p, n, err)
			}
		}
		if err := w.flush(); err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Join(chunks, ""), strings.Join(in, ""); got != want {
			t.Errorf("chunks of %q join to %q", in, got)
		}
		for i, c := range chunks {
			if len(c) > 10 {
				t.Errorf("chunk %d of %q is %d bytes; want at most 10", i, in, len(c))
			}
			if !utf8.ValidString(c) {
				t.Errorf("chunk %d of %q = %q: not valid UTF-8 (a protobuf string must be)", i, in, c)
			}
			// A chunk ends at a line end unless it is full (but for a
			// letter that would not fit whole) with no line end.
			if i < len(chunks)-1 && !strings.HasSuffix(c, "\n") && (len(c) < 10-utf8.UTFMax+1 || strings.Contains(c, "\n")) {
				t.Errorf("chunk %d of %q = %q: cut inside a line", i, in, c)
			}
		}
	}
}

// BenchmarkLineChunkerLongLine writes one 8 MiB line in 4 KiB writes, as
// the N-Quads writer does with a quad list literal; its time per byte must
// not grow with the line.
func BenchmarkLineChunkerLongLine(b *testing.B) {
	p := bytes.Repeat([]byte("q"), 4<<10)
	for b.Loop() {
		w := &lineChunker{size: exportChunk, send: func([]byte) error { return nil }}
		for range 2048 {
			_, _ = w.Write(p)
		}
		_, _ = w.Write([]byte("\n"))
		_ = w.flush()
	}
}
