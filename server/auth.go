package server

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// Access is what a caller may do.
type Access int

const (
	// AccessNone is the access of a caller without a valid token.
	AccessNone Access = iota
	// AccessReadOnly may call the read RPCs.
	AccessReadOnly
	// AccessFull may call every RPC.
	AccessFull
)

// String returns "none", "read-only" or "full", for logs and errors.
func (a Access) String() string {
	switch a {
	case AccessReadOnly:
		return "read-only"
	case AccessFull:
		return "full"
	}
	return "none"
}

// Method names the interceptors classify. Health is open to all so that load
// balancers and orchestrators can probe without a token.
const (
	healthPrefix        = "/grpc.health.v1.Health/"
	putExtractionMethod = claimgraphv1.ClaimGraphService_PutExtraction_FullMethodName
)

// writeMethods are the RPCs that change the store: they need a full token.
var writeMethods = map[string]bool{
	claimgraphv1.ClaimGraphService_IngestArticle_FullMethodName:  true,
	claimgraphv1.ClaimGraphService_IngestArticles_FullMethodName: true,
	claimgraphv1.ClaimGraphService_DeleteArticle_FullMethodName:  true,
	putExtractionMethod: true,
}

// readMethods are the RPCs a read-only token may call. Every other method,
// including a new ClaimGraphService RPC nobody has classified yet, needs a full
// token: a forgotten entry locks readers out rather than letting them write.
// TestEveryServiceMethodClassified fails until a new RPC is added here or to
// writeMethods.
var readMethods = map[string]bool{
	claimgraphv1.ClaimGraphService_Extract_FullMethodName:        true,
	claimgraphv1.ClaimGraphService_GetArticle_FullMethodName:     true,
	claimgraphv1.ClaimGraphService_ListArticles_FullMethodName:   true,
	claimgraphv1.ClaimGraphService_GetActor_FullMethodName:       true,
	claimgraphv1.ClaimGraphService_SearchActors_FullMethodName:   true,
	claimgraphv1.ClaimGraphService_ListStatements_FullMethodName: true,
	claimgraphv1.ClaimGraphService_ListFigures_FullMethodName:    true,
	claimgraphv1.ClaimGraphService_ListEvents_FullMethodName:     true,
	// Query is read-only whatever the language (issue 5); the handler enforces it.
	claimgraphv1.ClaimGraphService_Query_FullMethodName:       true,
	claimgraphv1.ClaimGraphService_ExportQuads_FullMethodName: true,
	// Cross-article reads (issue 4). WatchClaims only listens.
	claimgraphv1.ClaimGraphService_ListLinks_FullMethodName:     true,
	claimgraphv1.ClaimGraphService_GetClaim_FullMethodName:      true,
	claimgraphv1.ClaimGraphService_ListClaims_FullMethodName:    true,
	claimgraphv1.ClaimGraphService_TrackMeasure_FullMethodName:  true,
	claimgraphv1.ClaimGraphService_ListMeasures_FullMethodName:  true,
	claimgraphv1.ClaimGraphService_ListConflicts_FullMethodName: true,
	claimgraphv1.ClaimGraphService_Neighborhood_FullMethodName:  true,
	claimgraphv1.ClaimGraphService_FindPaths_FullMethodName:     true,
	claimgraphv1.ClaimGraphService_WatchClaims_FullMethodName:   true,
	// Server reflection reveals only the schema, which is public in the
	// repository; it still needs a token (any kind) so that an anonymous scanner
	// learns nothing. grpcurl's -H header is sent on reflection calls too.
	"/grpc.reflection.v1.ServerReflection/ServerReflectionInfo":      true,
	"/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo": true,
}

// required returns the access a method needs; AccessNone means none.
func required(fullMethod string) Access {
	switch {
	case strings.HasPrefix(fullMethod, healthPrefix):
		return AccessNone
	case writeMethods[fullMethod]:
		return AccessFull
	case readMethods[fullMethod]:
		return AccessReadOnly
	}
	return AccessFull
}

// digest is the SHA-256 of a token. Tokens are kept and compared only as
// digests, so the comparison takes the same time whatever their length.
type digest = [sha256.Size]byte

// tokenSet is one loaded generation of tokens. It is never modified after it
// is built.
type tokenSet struct {
	full, readOnly []digest
}

// lookup returns the access a presented token grants. It compares the token
// with every known digest in constant time and does not stop at a match.
func (s *tokenSet) lookup(token string) Access {
	d := sha256.Sum256([]byte(token))
	full, ro := 0, 0
	for i := range s.full {
		full |= subtle.ConstantTimeCompare(d[:], s.full[i][:])
	}
	for i := range s.readOnly {
		ro |= subtle.ConstantTimeCompare(d[:], s.readOnly[i][:])
	}
	switch {
	case full == 1:
		return AccessFull
	case ro == 1:
		return AccessReadOnly
	}
	return AccessNone
}

// Authenticator checks the bearer token of each RPC against the tokens in a
// full-access file and a read-only file. A nil *Authenticator, or one made
// with no files, lets every call through. Its methods are safe for concurrent
// use; Reload swaps the token set atomically.
type Authenticator struct {
	fullFile, readOnlyFile string

	mu     sync.Mutex // serialises Reload
	tokens atomic.Pointer[tokenSet]
}

// NewAuthenticator loads the tokens in fullFile (full access) and
// readOnlyFile (read-only access); either name may be empty, and when both
// are the Authenticator is disabled and lets every call through. It returns
// an error, naming the file but never a token, when a named file cannot be
// read, holds no token, holds a malformed one, or when a token appears in
// both files.
func NewAuthenticator(fullFile, readOnlyFile string) (*Authenticator, error) {
	a := &Authenticator{fullFile: fullFile, readOnlyFile: readOnlyFile}
	if err := a.Reload(); err != nil {
		return nil, err
	}
	return a, nil
}

// Enabled reports whether a checks tokens at all. It is false for a nil
// Authenticator and for one made with no files.
func (a *Authenticator) Enabled() bool {
	return a != nil && (a.fullFile != "" || a.readOnlyFile != "")
}

// Reload reads the token files again; the serve command calls it on SIGHUP.
// On failure it keeps the tokens it had and returns the error, which names
// the file but never a token. Calls in flight finish with the tokens they
// started with. It does nothing for a disabled Authenticator.
func (a *Authenticator) Reload() error {
	if !a.Enabled() {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	var s tokenSet
	var fullLines map[digest]int
	if a.fullFile != "" {
		toks, lines, err := readTokenFile(a.fullFile)
		if err != nil {
			return err
		}
		s.full, fullLines = digests(toks, lines)
	}
	if a.readOnlyFile != "" {
		toks, lines, err := readTokenFile(a.readOnlyFile)
		if err != nil {
			return err
		}
		var roLines map[digest]int
		s.readOnly, roLines = digests(toks, lines)
		for d, line := range roLines {
			if fl, ok := fullLines[d]; ok {
				return fmt.Errorf("load tokens: line %d of %s repeats line %d of %s: a token is either full or read-only", line, a.readOnlyFile, fl, a.fullFile)
			}
		}
	}
	a.tokens.Store(&s)
	return nil
}

// CanRead reports whether a caller presenting token may call the read
// RPCs: always when a is disabled (or nil), else when token is one of its
// full-access or read-only tokens. The HTTP site asks it for each request,
// so pages and RPCs take the same tokens. It compares in constant time and
// is safe for concurrent use.
func (a *Authenticator) CanRead(token string) bool {
	if !a.Enabled() {
		return true
	}
	return a.tokens.Load().lookup(token) >= AccessReadOnly
}

// digests returns the distinct digests of toks and, for each, the line of
// the token that first gave it.
func digests(toks []string, lines []int) ([]digest, map[digest]int) {
	seen := make(map[digest]int, len(toks))
	var out []digest
	for i, t := range toks {
		d := sha256.Sum256([]byte(t))
		if _, ok := seen[d]; ok {
			continue
		}
		seen[d] = lines[i]
		out = append(out, d)
	}
	return out, seen
}

// maxTokenFileSize bounds what ReadTokenFile reads, so that pointing a flag
// at the wrong file fails instead of filling memory.
const maxTokenFileSize = 1 << 20

// ReadTokenFile returns the tokens in the named file: one per line, surrounding
// space trimmed, blank lines and lines starting with # ignored. The serve
// command's token files and the CLI's --token-file share this format. It
// returns an error naming the file, and the line for a malformed token, but
// never echoing a token, when the file cannot be read, is too large, holds no
// token, or holds a token with spaces or characters outside printable ASCII
// (which cannot travel in a gRPC header).
func ReadTokenFile(name string) ([]string, error) {
	toks, _, err := readTokenFile(name)
	return toks, err
}

// readTokenFile is ReadTokenFile that also returns the line of each token.
func readTokenFile(name string) (toks []string, lines []int, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("read token file %s: %w", name, unwrapPath(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxTokenFileSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read token file %s: %w", name, unwrapPath(err))
	}
	if len(data) > maxTokenFileSize {
		return nil, nil, fmt.Errorf("read token file %s: larger than %d bytes", name, maxTokenFileSize)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, maxTokenFileSize+1)
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if !validToken(t) {
			return nil, nil, fmt.Errorf("read token file %s: line %d: malformed token: want printable ASCII without spaces", name, line)
		}
		toks = append(toks, t)
		lines = append(lines, line)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("read token file %s: %w", name, err)
	}
	if len(toks) == 0 {
		return nil, nil, fmt.Errorf("read token file %s: no token in it", name)
	}
	return toks, lines, nil
}

// unwrapPath drops the *fs.PathError around err, whose text repeats the file
// name the caller's message already gives.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// validToken reports whether t can be sent as "Bearer t" in a gRPC header.
func validToken(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}

// authorize returns ctx carrying the caller's access, or the status error
// that refuses the call. Error messages never contain the presented token.
func (a *Authenticator) authorize(ctx context.Context, fullMethod string) (context.Context, error) {
	need := required(fullMethod)
	if need == AccessNone {
		return ctx, nil
	}
	token, err := bearerToken(ctx)
	if err != nil {
		return nil, err
	}
	got := a.tokens.Load().lookup(token)
	if got == AccessNone {
		return nil, status.Error(codes.Unauthenticated, "unknown bearer token")
	}
	if got < need {
		return nil, status.Errorf(codes.PermissionDenied, "a %s token may not call %s", got, fullMethod)
	}
	return context.WithValue(ctx, accessKey{}, got), nil
}

// bearerToken returns the token of the one "authorization: Bearer <token>"
// metadata entry, or an Unauthenticated status.
func bearerToken(ctx context.Context) (string, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	vals := md.Get("authorization")
	switch len(vals) {
	case 0:
		return "", status.Error(codes.Unauthenticated, `missing "authorization: Bearer <token>" metadata`)
	case 1:
	default:
		return "", status.Error(codes.Unauthenticated, "more than one authorization metadata entry")
	}
	scheme, token, ok := strings.Cut(strings.TrimSpace(vals[0]), " ")
	token = strings.TrimSpace(token)
	// RFC 6750: the scheme is case-insensitive.
	if !ok || !strings.EqualFold(scheme, "Bearer") || !validToken(token) {
		return "", status.Error(codes.Unauthenticated, `malformed authorization metadata: want "Bearer <token>"`)
	}
	return token, nil
}

type accessKey struct{}

// AccessFromContext returns the access the Authenticator granted the call
// whose context is ctx, for logging. It returns false when no token was
// checked: auth is disabled, or the method (health) needs none.
func AccessFromContext(ctx context.Context) (Access, bool) {
	a, ok := ctx.Value(accessKey{}).(Access)
	return a, ok
}

// UnaryInterceptor returns an interceptor that refuses unary calls without a
// valid token (Unauthenticated) or with a read-only token on a method that
// needs full access (PermissionDenied). A disabled or nil Authenticator's
// interceptor calls the handler directly.
func (a *Authenticator) UnaryInterceptor() grpc.UnaryServerInterceptor {
	if !a.Enabled() {
		return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
			return h(ctx, req)
		}
	}
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		ctx, err := a.authorize(ctx, info.FullMethod)
		if err != nil {
			return nil, err
		}
		return h(ctx, req)
	}
}

// StreamInterceptor is UnaryInterceptor for streaming calls; it checks the
// token once, when the stream opens.
func (a *Authenticator) StreamInterceptor() grpc.StreamServerInterceptor {
	if !a.Enabled() {
		return func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, h grpc.StreamHandler) error {
			return h(srv, ss)
		}
	}
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
		ctx, err := a.authorize(ss.Context(), info.FullMethod)
		if err != nil {
			return err
		}
		return h(srv, &authedStream{ServerStream: ss, ctx: ctx})
	}
}

// authedStream is a ServerStream whose context carries the caller's access.
type authedStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *authedStream) Context() context.Context { return s.ctx }

// InsecureListenWarning returns the warning the serve command prints when it
// listens on addr beyond loopback without transport security (tls) or without
// authentication (auth: tokens or mutual TLS), and "" when there is nothing to
// warn about. Unix sockets and loopback addresses never warn; an address it
// cannot parse, or a host name other than localhost, counts as beyond loopback.
func InsecureListenWarning(addr string, tls, auth bool) string {
	if tls && auth || listenLoopback(addr) {
		return ""
	}
	switch {
	case !tls && !auth:
		return fmt.Sprintf("warning: listening on %s beyond loopback with neither TLS nor tokens: anyone who can reach it can read, write and delete, and everything crosses the network in clear text; set --auth-token-file and --tls-cert/--tls-key", addr)
	case !tls:
		return fmt.Sprintf("warning: listening on %s beyond loopback without TLS: bearer tokens and data cross the network in clear text, where anyone on the path can read and reuse them; set --tls-cert and --tls-key", addr)
	default:
		return fmt.Sprintf("warning: listening on %s beyond loopback without tokens: anyone who can reach it can read, write and delete; set --auth-token-file (or --tls-client-ca for mutual TLS)", addr)
	}
}

// listenLoopback reports whether a listener on addr is reachable only from
// this machine. An empty host (":8080") listens on every interface.
func listenLoopback(addr string) bool {
	if strings.HasPrefix(addr, "unix:") || strings.HasPrefix(addr, "unix-abstract:") || strings.HasPrefix(addr, "/") {
		return true
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
