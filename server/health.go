package server

import (
	"context"
	"time"

	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// healthPingTimeout bounds one ping of the store's database;
// healthProbeInterval is how often a health Watch pings it.
const (
	healthPingTimeout   = 2 * time.Second
	healthProbeInterval = 5 * time.Second
)

// Check is health.Server's Check, but, until the service shuts down, it
// pings the store's database and answers NOT_SERVING when that fails; it
// records what it finds, so that Watch streams hear of it too.
func (h *healthServer) Check(ctx context.Context, req *healthpb.HealthCheckRequest) (*healthpb.HealthCheckResponse, error) {
	resp, err := h.Server.Check(ctx, req)
	if err != nil || h.ping == nil || h.done.Err() != nil {
		return resp, err
	}
	st := h.status(ctx)
	return &healthpb.HealthCheckResponse{Status: st}, nil
}

// status pings the store's database and sets the serving status of every
// service to what it finds. Only Shutdown makes the service NOT_SERVING
// otherwise, and after it the health server ignores this.
func (h *healthServer) status(ctx context.Context) healthpb.HealthCheckResponse_ServingStatus {
	st := healthpb.HealthCheckResponse_SERVING
	if !h.reachable(ctx) {
		st = healthpb.HealthCheckResponse_NOT_SERVING
		if ctx.Err() != nil {
			return st // the caller is gone, not the database
		}
	}
	for _, svc := range []string{"", claimgraphv1.ClaimGraphService_ServiceDesc.ServiceName} {
		h.SetServingStatus(svc, st)
	}
	return st
}

// reachable pings the store's database.
func (h *healthServer) reachable(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, healthPingTimeout)
	defer cancel()
	if err := h.ping(ctx); err != nil {
		h.log.WarnContext(ctx, "health: the store's database cannot be reached", "err", err)
		return false
	}
	return true
}

// probe sets the serving status (status) every healthProbeInterval
// until ctx ends, so that health Watch streams hear of the database.
func (h *healthServer) probe(ctx context.Context) {
	tick := time.NewTicker(healthProbeInterval)
	defer tick.Stop()
	for {
		h.status(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
