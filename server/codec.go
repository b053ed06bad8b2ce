package server

import (
	"fmt"
	"strings"

	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// utf8Codec is gRPC's proto codec, except that a request whose string
// fields hold invalid UTF-8 still decodes: those fields keep their bytes,
// so the handler's validation answers InvalidArgument naming the field.
// With the plain codec, grpc-go refuses such a request before any handler
// or interceptor runs, as Internal.
type utf8Codec struct{ encoding.CodecV2 }

func newUTF8Codec() utf8Codec { return utf8Codec{encoding.GetCodecV2("proto")} }

func (c utf8Codec) Unmarshal(data mem.BufferSlice, v any) error {
	err := c.CodecV2.Unmarshal(data, v)
	if err == nil || !strings.Contains(err.Error(), "invalid UTF-8") {
		return err
	}
	m, ok := v.(proto.Message)
	if !ok {
		return err
	}
	msg := m.ProtoReflect()
	proto.Reset(m)
	return decodeLenient(msg, data.Materialize())
}

// decodeLenient decodes b into m as proto.Unmarshal does, except that
// string fields are set without checking UTF-8.
func decodeLenient(m protoreflect.Message, b []byte) error {
	fields := m.Descriptor().Fields()
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		vn := protowire.ConsumeFieldValue(num, typ, b[n:])
		if vn < 0 {
			return protowire.ParseError(vn)
		}
		field, value := b[:n+vn], b[n:n+vn]
		b = b[n+vn:]
		fd := fields.ByNumber(num)
		switch {
		case fd != nil && typ == protowire.BytesType && fd.Kind() == protoreflect.StringKind:
			s, _ := protowire.ConsumeBytes(value)
			if fd.IsList() {
				m.Mutable(fd).List().Append(protoreflect.ValueOfString(string(s)))
			} else {
				m.Set(fd, protoreflect.ValueOfString(string(s)))
			}
		case fd != nil && typ == protowire.BytesType && fd.Message() != nil && !fd.IsMap():
			s, _ := protowire.ConsumeBytes(value)
			var sub protoreflect.Message
			if fd.IsList() {
				l := m.Mutable(fd).List()
				e := l.NewElement()
				l.Append(e)
				sub = e.Message()
			} else {
				sub = m.Mutable(fd).Message()
			}
			if err := decodeLenient(sub, s); err != nil {
				return fmt.Errorf("%s: %w", fd.Name(), err)
			}
		default:
			// Scalars, maps and unknown fields: one field's bytes are a
			// message of their own, merged as the plain codec would.
			if err := (proto.UnmarshalOptions{Merge: true}).Unmarshal(field, m.Interface()); err != nil {
				return err
			}
		}
	}
	return nil
}
