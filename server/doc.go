// Package server serves the claimgraph.v1 API over gRPC. It maps protobuf to
// and from the domain types of extract and graph, validates requests, maps
// errors to gRPC status codes in one place (errors.go) and holds no logic of
// its own: extraction is extract's, storage and queries are graph's.
//
// A Service is safe for concurrent use as long as its Store is.
package server
