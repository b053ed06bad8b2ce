package main

import (
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"google.golang.org/grpc"
)

// cutOffGrace is how long calls cut off at the end of a shutdown may take
// to say so to their clients, and then how long the gRPC server may take
// to stop, before the process exits without waiting for them.
const cutOffGrace = 750 * time.Millisecond

// signals counts SIGINT and SIGTERM from the start of serve: the first
// starts the shutdown (through main's context), the second cuts it short.
// Counting them here, rather than listening only once the shutdown has
// begun, means a second signal sent right after the first is never lost.
type signals struct {
	ch     chan os.Signal
	second chan struct{} // closed at the second signal
	last   os.Signal
}

func notifySignals() *signals {
	s := &signals{ch: make(chan os.Signal, 2), second: make(chan struct{})}
	signal.Notify(s.ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-s.ch
		s.last = <-s.ch
		close(s.second)
	}()
	return s
}

func (s *signals) stop() { signal.Stop(s.ch) }

// cutter is what drain needs of the service: CutOff ends every call in
// flight and makes each say that its write was not stored.
type cutter interface{ CutOff() }

// drain stops gs after the first SIGINT or SIGTERM: it refuses new calls
// and lets the calls in flight finish (GracefulStop). Once timeout has
// passed, or at a second SIGINT or SIGTERM, it cuts them off: svc.CutOff
// cancels them, and they have cutOffGrace to answer (a write cut off
// before its commit is reported as not stored); then gs.Stop closes every
// connection, and after another cutOffGrace drain returns even if some
// handlers are still inside the store. It reports whether every call
// ended; when not, the caller must not wait for the store either, and the
// process exits, which rolls back a write that has not committed.
func drain(gs *grpc.Server, svc cutter, timeout time.Duration, sigs *signals, log *slog.Logger) bool {
	stopped := make(chan struct{})
	go func() {
		gs.GracefulStop()
		close(stopped)
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-stopped:
		return true
	case <-timer.C:
		log.Warn("in-flight calls still running after the shutdown timeout; cutting them off")
	case <-sigs.second:
		log.Warn("second signal: cutting in-flight calls off now", "signal", sigs.last.String())
	}
	svc.CutOff()
	if waitFor(stopped, cutOffGrace) {
		return true
	}
	gs.Stop()
	if waitFor(stopped, cutOffGrace) {
		return true
	}
	log.Warn("calls still running inside the store after the cut-off; exiting without them: a write not yet committed is rolled back")
	return false
}

// waitFor reports whether c is closed within d.
func waitFor(c <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-c:
		return true
	case <-t.C:
		return false
	}
}
