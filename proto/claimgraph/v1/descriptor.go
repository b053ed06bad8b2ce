package claimgraphv1

import _ "embed"

// DescriptorSet is a google.protobuf.FileDescriptorSet of claimgraph.proto
// and its imports with their comments (source info), which the generated
// code leaves out; server reflection serves it, so that `grpcurl describe`
// shows them. It is made with
//
//	buf build --as-file-descriptor-set -o proto/claimgraph/v1/claimgraph.binpb
//
// beside `buf generate`, and CI checks that it is reproduced byte for byte.
//
//go:embed claimgraph.binpb
var DescriptorSet []byte
