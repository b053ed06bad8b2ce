package server_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	rpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	rpbalpha "google.golang.org/grpc/reflection/grpc_reflection_v1alpha"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/types/descriptorpb"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
	"github.com/claimgraph/claimgraph/server"
)

// reflectFile asks reflection v1 for the file that defines symbol and its
// dependencies.
func reflectFile(t *testing.T, e *testEnv, symbol string) map[string]*descriptorpb.FileDescriptorProto {
	t.Helper()
	stream, err := rpb.NewServerReflectionClient(e.conn).ServerReflectionInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer stream.CloseSend()
	if err := stream.Send(&rpb.ServerReflectionRequest{MessageRequest: &rpb.ServerReflectionRequest_FileContainingSymbol{FileContainingSymbol: symbol}}); err != nil {
		t.Fatal(err)
	}
	resp, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	if e := resp.GetErrorResponse(); e != nil {
		t.Fatalf("reflection of %s: %v", symbol, e)
	}
	files := map[string]*descriptorpb.FileDescriptorProto{}
	for _, b := range resp.GetFileDescriptorResponse().GetFileDescriptorProto() {
		fd := new(descriptorpb.FileDescriptorProto)
		if err := proto.Unmarshal(b, fd); err != nil {
			t.Fatal(err)
		}
		files[fd.GetName()] = fd
	}
	return files
}

// TestReflectionComments checks that reflection serves the API's
// descriptor with its comments (what `grpcurl describe` prints), and still
// serves the other services.
func TestReflectionComments(t *testing.T) {
	e := start(t, server.Config{})
	fd := reflectFile(t, e, "claimgraph.v1.ClaimGraphService")["claimgraph/v1/claimgraph.proto"]
	if fd == nil {
		t.Fatal("reflection did not send claimgraph/v1/claimgraph.proto")
	}
	var comments []string
	for _, loc := range fd.GetSourceCodeInfo().GetLocation() {
		comments = append(comments, loc.GetLeadingComments())
	}
	all := strings.Join(comments, "\n")
	for _, want := range []string{
		"ClaimGraphService ingests news articles",
		"Started is the first message of every watch",
		"WatchStarted says a watch is live.",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("reflected claimgraph.proto has no comment %q (%d comments)", want, len(comments))
		}
	}
	if health := reflectFile(t, e, "grpc.health.v1.Health"); health["grpc/health/v1/health.proto"] == nil {
		t.Errorf("reflection of grpc.health.v1.Health sent %v", health)
	}

	// v1alpha, which older grpcurl versions ask, lists the services too.
	stream, err := rpbalpha.NewServerReflectionClient(e.conn).ServerReflectionInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&rpbalpha.ServerReflectionRequest{MessageRequest: &rpbalpha.ServerReflectionRequest_ListServices{}}); err != nil {
		t.Fatal(err)
	}
	resp, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range resp.GetListServicesResponse().GetService() {
		names = append(names, s.GetName())
	}
	for _, want := range []string{"claimgraph.v1.ClaimGraphService", "grpc.health.v1.Health"} {
		if !slices.Contains(names, want) {
			t.Errorf("v1alpha services = %v; want %s", names, want)
		}
	}
}

// TestDescriptorSetMatchesGenerated checks that the embedded descriptor set
// describes the same API as the generated code, comments aside.
func TestDescriptorSetMatchesGenerated(t *testing.T) {
	var set descriptorpb.FileDescriptorSet
	if err := proto.Unmarshal(claimgraphv1.DescriptorSet, &set); err != nil {
		t.Fatal(err)
	}
	want := protodesc.ToFileDescriptorProto(claimgraphv1.File_claimgraph_v1_claimgraph_proto)
	for _, fd := range set.GetFile() {
		if fd.GetName() != want.GetName() {
			continue
		}
		fd = proto.Clone(fd).(*descriptorpb.FileDescriptorProto)
		fd.SourceCodeInfo = nil
		if !proto.Equal(fd, want) {
			t.Errorf("claimgraph.binpb differs from the generated descriptor: run buf build --as-file-descriptor-set -o proto/claimgraph/v1/claimgraph.binpb")
		}
		return
	}
	t.Errorf("claimgraph.binpb has no %s", want.GetName())
}
