package main

import (
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"google.golang.org/grpc"
)

// drain stops gs after the first SIGINT or SIGTERM: it refuses new calls
// and lets the calls in flight finish (GracefulStop), but cuts them off
// (Stop) once timeout has passed or at a second SIGINT or SIGTERM, so an
// operator who asks twice is not kept waiting. It returns when gs has
// stopped.
func drain(gs *grpc.Server, timeout time.Duration, log *slog.Logger) {
	again := make(chan os.Signal, 1)
	signal.Notify(again, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(again)
	stopped := make(chan struct{})
	go func() {
		gs.GracefulStop()
		close(stopped)
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-stopped:
		return
	case <-timer.C:
		log.Warn("in-flight calls still running after the shutdown timeout; stopping them")
	case sig := <-again:
		log.Warn("second signal: stopping in-flight calls now", "signal", sig.String())
	}
	gs.Stop()
	<-stopped
}
