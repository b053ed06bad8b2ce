package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfidenceCalibrated checks that a statement's confidence means
// something: over the shared development sets (EVAL_DIR, or ../shared/eval
// beside the checkout), the share of statements that match a gold one rises
// from each confidence bucket to the next. It logs the table; run it with
//
//	EVAL_DIR=/path/to/eval go test ./extract -run Calibrated -v
//
// and it skips when the sets are absent.
func TestConfidenceCalibrated(t *testing.T) {
	dir := os.Getenv("EVAL_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "eval")
	}
	var golds []goldArticle
	for _, sub := range []string{"gold", "polnear-dev"} {
		golds = append(golds, loadGold(t, filepath.Join(dir, sub))...)
	}
	if len(golds) == 0 {
		t.Skipf("no development sets under %s", dir)
	}
	// Buckets by lower bound; the last holds 0.85 and above.
	bounds := []float64{0, 0.6, 0.7, 0.85}
	type tally struct{ n, hit [2]int } // per language: 0 ar, 1 en
	tallies := make([]tally, len(bounds))
	for _, g := range golds {
		x := Extract(g.article(t))
		hit := map[int]bool{}
		for _, j := range matchStatements(&g, x, true) {
			hit[j] = true
		}
		lang := 0
		if g.Language == "en" {
			lang = 1
		}
		for j, s := range x.Statements {
			b := 0
			for k, lo := range bounds {
				if s.Confidence >= lo-1e-9 {
					b = k
				}
			}
			tallies[b].n[lang]++
			if hit[j] {
				tallies[b].hit[lang]++
			}
		}
	}
	var tb strings.Builder
	fmt.Fprintf(&tb, "\n%-11s %14s %14s %14s\n", "confidence", "ar hit/n", "en hit/n", "all precision")
	prev := -1.0
	for k, lo := range bounds {
		hi := "1"
		if k+1 < len(bounds) {
			hi = fmt.Sprintf("%.2f", bounds[k+1])
		}
		tl := tallies[k]
		n, hit := tl.n[0]+tl.n[1], tl.hit[0]+tl.hit[1]
		p := 0.0
		if n > 0 {
			p = float64(hit) / float64(n)
		}
		fmt.Fprintf(&tb, "[%.2f, %s) %7d/%-6d %7d/%-6d %14.3f\n", lo, hi, tl.hit[0], tl.n[0], tl.hit[1], tl.n[1], p)
		if n >= 30 {
			if p < prev {
				t.Errorf("precision falls to %.3f in bucket [%.2f, %s) from %.3f below it", p, lo, hi, prev)
			}
			prev = p
		}
	}
	t.Log(tb.String())
}
