package graph

import (
	"runtime"
	"time"
)

// yieldEvery is how long a long read (a raw query, a whole-store export)
// runs between offers of its processor to other work.
const yieldEvery = 200 * time.Microsecond

// yielder makes a long read give way. Go's scheduler lets a running
// goroutine keep its processor for a 10 ms slice; two long reads beside
// each other (a Gizmo loop, an export) then hold both processors of a small
// machine, and every goroutine of a short read (the handler, gRPC's
// transport) waits out such slices at each step: tens of milliseconds for
// a call that needs one. A long read calls yield between steps; every
// yieldEvery of its running it goes to the back of the run queue, so that
// whatever is waiting runs first. With nothing waiting it goes on at once.
// It is not safe for concurrent use: one per goroutine.
type yielder struct{ since time.Time }

// yield gives up the processor if the read has run yieldEvery since it
// last did.
func (y *yielder) yield() {
	now := time.Now()
	if y.since.IsZero() {
		y.since = now
		return
	}
	if now.Sub(y.since) < yieldEvery {
		return
	}
	runtime.Gosched()
	y.since = time.Now()
}
