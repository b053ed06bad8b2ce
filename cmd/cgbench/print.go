package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// printReport writes rep as a table, the backends side by side.
func printReport(w io.Writer, rep *report) {
	fmt.Fprintf(w, "cgbench: %d articles, commit %s\n\n", rep.Articles, rep.Commit)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(name string, cell func(r *result) string) {
		cells := []string{name}
		for _, r := range rep.Backends {
			cells = append(cells, cell(r))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	head := []string{"measure"}
	for _, r := range rep.Backends {
		head = append(head, r.Backend)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	row("ingest articles/s", func(r *result) string { return fmt.Sprintf("%.1f", r.Ingest.ArticlesPerSec) })
	row("  first call, last call", func(r *result) string {
		return fmt.Sprintf("%.1f, %.1f", r.Ingest.FirstChunk, r.Ingest.LastChunk)
	})
	row("ingest quads/s (x raw)", func(r *result) string {
		return fmt.Sprintf("%.0f (%.2f)", r.Ingest.QuadsPerSec, r.Ingest.RatioToRaw)
	})
	row("  failures, retries", func(r *result) string { return fmt.Sprintf("%d, %d", r.Ingest.Failures, r.Ingest.Retries) })
	row("quads stored", func(r *result) string { return fmt.Sprint(r.Quads) })
	row("bytes/quad (x raw)", func(r *result) string {
		if r.BytesPerQuad == 0 {
			return "-"
		}
		return fmt.Sprintf("%.0f (%.2f)", r.BytesPerQuad, r.BytesPerQuadToRaw)
	})
	row("export MB/s", func(r *result) string { return fmt.Sprintf("%.1f", r.Export.MBPerSec) })
	row("  longest line MB", func(r *result) string { return fmt.Sprintf("%.2f", r.Export.LongestMB) })
	row("replace p50/p99 ms", func(r *result) string { return fmt.Sprintf("%.1f / %.1f", r.Replace.P50ms, r.Replace.P99ms) })
	row("delete p50/p99 ms", func(r *result) string { return fmt.Sprintf("%.1f / %.1f", r.Delete.P50ms, r.Delete.P99ms) })
	row("peak RSS MiB (anonymous)", func(r *result) string { return fmt.Sprintf("%.0f (%.0f)", r.PeakRSSMiB, r.PeakAnonMiB) })
	if len(rep.Backends) > 0 {
		for i, rr := range rep.Backends[0].Reads {
			row(rr.RPC+" p50/p99 ms (rate x health)", func(r *result) string {
				x := r.Reads[i]
				errs := ""
				if x.Errors > 0 {
					errs = fmt.Sprintf(" %d errors", x.Errors)
				}
				return fmt.Sprintf("%.2f / %.2f (%.3f)%s", x.P50ms, x.P99ms, x.RatioToHealth, errs)
			})
		}
	}
	tw.Flush()
	fmt.Fprintf(w, "\nraw bolt load: %d quads, %.0f quads/s, %.0f bytes/quad\n", rep.Raw.Quads, rep.Raw.QuadsPerSec, rep.Raw.BytesPerQuad)
}
