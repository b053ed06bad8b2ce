package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progress reports how a bulk ingest goes on stderr: a bar redrawn in place
// on a terminal; otherwise a plain line at most every progressEvery; and a
// summary at the end.
type progress struct {
	w       io.Writer
	tty     bool
	quiet   bool
	every   time.Duration // between plain lines; 0: at every update
	total   int           // articles in the inputs, or -1 if unknown
	stored  int
	failed  int
	skipped int
	start   time.Time
	printed time.Time // when the last line or bar was printed
	drawn   bool      // a bar is on the terminal's last line
}

// newProgress returns a progress of total articles (-1: unknown) on w,
// printing plain lines at most every every (0: at every update) when w is
// not a terminal.
func newProgress(w io.Writer, total int, every time.Duration, quiet bool) *progress {
	p := &progress{w: w, quiet: quiet, total: total, every: every, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

// add counts articles stored, refused by the server, and skipped as
// stored already, and reports progress.
func (p *progress) add(stored, failed, skipped int) {
	p.stored += stored
	p.failed += failed
	p.skipped += skipped
	if p.quiet {
		return
	}
	now := time.Now()
	switch {
	case p.tty:
		// At most ten frames a second: skipping stored articles is fast.
		if now.Sub(p.printed) >= 100*time.Millisecond || p.done() == p.total {
			fmt.Fprintf(p.w, "\r\033[K%s", p.bar(now))
			p.drawn, p.printed = true, now
		}
	case p.every <= 0 || p.printed.IsZero() || now.Sub(p.printed) >= p.every:
		fmt.Fprintf(p.w, "ingest: %s\n", p.line(now))
		p.printed = now
	}
}

// done is how many articles were handled: stored, refused or skipped.
func (p *progress) done() int { return p.stored + p.failed + p.skipped }

// rate returns articles handled per second, and the time left (zero when
// unknown).
func (p *progress) rate(now time.Time) (float64, time.Duration) {
	secs := now.Sub(p.start).Seconds()
	if secs <= 0 {
		return 0, 0
	}
	r := float64(p.done()) / secs
	if r <= 0 || p.total < 0 {
		return r, 0
	}
	return r, time.Duration(float64(p.total-p.done()) / r * float64(time.Second))
}

// line is the plain form: "640/1000 articles (2 failed, 0 skipped), 12.3/s, ETA 29s".
func (p *progress) line(now time.Time) string {
	r, eta := p.rate(now)
	var b strings.Builder
	if p.total >= 0 {
		fmt.Fprintf(&b, "%d/%d articles", p.done(), p.total)
	} else {
		fmt.Fprintf(&b, "%d articles", p.done())
	}
	fmt.Fprintf(&b, " (%d stored, %d failed, %d skipped), %.1f/s", p.stored, p.failed, p.skipped, r)
	if eta >= time.Second {
		fmt.Fprintf(&b, ", ETA %s", eta.Round(time.Second))
	}
	return b.String()
}

// bar is the terminal form: "[#######.............]  35%  640/1000 articles  12.3/s  ETA 29s".
func (p *progress) bar(now time.Time) string {
	const width = 30
	r, eta := p.rate(now)
	if p.total <= 0 {
		return fmt.Sprintf("%d articles  %.1f/s", p.done(), r)
	}
	full := min(width, p.done()*width/p.total)
	s := fmt.Sprintf("[%s%s] %3d%%  %d/%d articles  %.1f/s", strings.Repeat("#", full), strings.Repeat(".", width-full),
		p.done()*100/p.total, p.done(), p.total, r)
	if eta >= time.Second {
		s += "  ETA " + eta.Round(time.Second).String()
	}
	return s
}

// clear erases the bar from the terminal.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// finish prints the summary: what was stored, refused and skipped, and in
// how long; interrupted says the run was cut short and how to resume.
// inFlight is how many articles were being sent when the run ended: the
// server may have stored them or not.
func (p *progress) finish(interrupted bool, inFlight int) {
	if p.quiet && !interrupted {
		return
	}
	p.clear()
	secs := time.Since(p.start).Seconds()
	counts := fmt.Sprintf("%d stored, %d failed, %d skipped", p.stored, p.failed, p.skipped)
	if !interrupted {
		fmt.Fprintf(p.w, "ingest: %s, in %.1fs\n", counts, secs)
		return
	}
	left := ""
	if p.total >= 0 {
		left = fmt.Sprintf(" of %d", p.total)
	}
	fmt.Fprintf(p.w, "ingest: interrupted after %.1fs: %d%s articles stored (%d failed, %d skipped)", secs, p.stored, left, p.failed, p.skipped)
	if inFlight > 0 {
		fmt.Fprintf(p.w, "; the %d being sent may be stored too", inFlight)
	}
	fmt.Fprintln(p.w, ".\ningest: re-running the same command resumes safely: articles stored unchanged are skipped, and an article stored again holds the same quads.")
}
