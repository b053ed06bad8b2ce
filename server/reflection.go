package server

import (
	"fmt"

	"google.golang.org/grpc"
	"google.golang.org/grpc/reflection"
	v1reflectiongrpc "google.golang.org/grpc/reflection/grpc_reflection_v1"
	v1alphareflectiongrpc "google.golang.org/grpc/reflection/grpc_reflection_v1alpha"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// registerReflection registers server reflection (v1 and v1alpha) on gs,
// serving the API's descriptors with their comments, from
// claimgraphv1.DescriptorSet, and every other file (grpc.health.v1, …) from
// the generated code's registry. If the embedded set cannot be read, which
// a test rules out, reflection serves the generated descriptors without
// comments.
func registerReflection(gs *grpc.Server) {
	var resolver protodesc.Resolver = protoregistry.GlobalFiles
	if files, err := commentedFiles(); err == nil {
		resolver = layeredFiles{files, protoregistry.GlobalFiles}
	}
	svr := reflection.NewServerV1(reflection.ServerOptions{Services: gs, DescriptorResolver: resolver})
	v1reflectiongrpc.RegisterServerReflectionServer(gs, svr)
	v1alphareflectiongrpc.RegisterServerReflectionServer(gs, reflection.NewServer(reflection.ServerOptions{Services: gs, DescriptorResolver: resolver}))
}

// commentedFiles returns the files of claimgraphv1.DescriptorSet.
func commentedFiles() (*protoregistry.Files, error) {
	var set descriptorpb.FileDescriptorSet
	if err := proto.Unmarshal(claimgraphv1.DescriptorSet, &set); err != nil {
		return nil, fmt.Errorf("descriptor set: %w", err)
	}
	files, err := protodesc.NewFiles(&set)
	if err != nil {
		return nil, fmt.Errorf("descriptor set: %w", err)
	}
	return files, nil
}

// layeredFiles resolves from its first registry, then its second.
type layeredFiles struct{ first, second *protoregistry.Files }

func (l layeredFiles) FindFileByPath(path string) (protoreflect.FileDescriptor, error) {
	if fd, err := l.first.FindFileByPath(path); err == nil {
		return fd, nil
	}
	return l.second.FindFileByPath(path)
}

func (l layeredFiles) FindDescriptorByName(name protoreflect.FullName) (protoreflect.Descriptor, error) {
	if d, err := l.first.FindDescriptorByName(name); err == nil {
		return d, nil
	}
	return l.second.FindDescriptorByName(name)
}
