package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/claimgraph/claimgraph/server"
)

// clientConfig is how a client subcommand authenticates itself and the
// server. The zero value dials in plaintext without a token.
type clientConfig struct {
	// TokenFile holds the bearer token, in the format of the server's token
	// files (blank lines and # comments ignored) with exactly one token.
	TokenFile string
	// Token is the bearer token itself, from CLAIMGRAPH_TOKEN; TokenFile,
	// an explicit flag, wins over it.
	Token string
	// TLSCA is a PEM file of the CAs that may sign the server's certificate,
	// instead of the system roots. It implies TLS.
	TLSCA string
	// TLSCert and TLSKey, both or neither, are the client certificate for a
	// server that requires mutual TLS. They imply TLS.
	TLSCert, TLSKey string
	// TLS dials with TLS, verifying the server against the system roots
	// unless TLSCA is set.
	TLS bool
	// Insecure dials with TLS but accepts any server certificate: encrypted,
	// yet anyone on the path can pose as the server and take the token. It
	// implies TLS and excludes TLSCA.
	Insecure bool
}

// register adds the credential flags to fs and reads CLAIMGRAPH_TOKEN. The
// token is never a flag default, so -help cannot print it.
func (c *clientConfig) register(fs *flag.FlagSet) {
	fs.StringVar(&c.TokenFile, "token-file", "", "file holding the bearer token (default: CLAIMGRAPH_TOKEN)")
	fs.BoolVar(&c.TLS, "tls", false, "dial with TLS, verifying the server against the system CAs")
	fs.StringVar(&c.TLSCA, "tls-ca", "", "PEM file of the CAs that sign the server's certificate (implies --tls)")
	fs.StringVar(&c.TLSCert, "tls-cert", "", "client certificate for mutual TLS (implies --tls; needs --tls-key)")
	fs.StringVar(&c.TLSKey, "tls-key", "", "client key for mutual TLS")
	fs.BoolVar(&c.Insecure, "insecure", false, "dial with TLS without verifying the server's certificate (implies --tls)")
	c.Token = os.Getenv("CLAIMGRAPH_TOKEN")
}

// usesTLS reports whether cfg asks for TLS in any way.
func (c clientConfig) usesTLS() bool {
	return c.TLS || c.Insecure || c.TLSCA != "" || c.TLSCert != "" || c.TLSKey != ""
}

// dialOptions returns the transport and per-call credentials for dialing
// target (a grpc.NewClient target) with cfg. A token is sent only over TLS,
// or in plaintext to a loopback address or unix socket, where nothing
// crosses a network; otherwise dialOptions returns an error rather than
// leak it. Errors never contain the token.
func dialOptions(target string, cfg clientConfig) ([]grpc.DialOption, error) {
	var opts []grpc.DialOption
	if cfg.usesTLS() {
		tc, err := server.ClientTLS(cfg.TLSCA, cfg.TLSCert, cfg.TLSKey, cfg.Insecure)
		if err != nil {
			return nil, err
		}
		opts = append(opts, grpc.WithTransportCredentials(credentials.NewTLS(tc)))
	} else {
		opts = append(opts, grpc.WithTransportCredentials(insecure.NewCredentials()))
	}

	token, err := cfg.token()
	if err != nil || token == "" {
		return opts, err
	}
	local := dialLoopback(target)
	if !cfg.usesTLS() && !local {
		return nil, fmt.Errorf("a token for %s needs TLS (--tls, --tls-ca or --insecure): without it the token would cross the network in clear text", target)
	}
	return append(opts, grpc.WithPerRPCCredentials(bearer{token: token, requireTLS: !local})), nil
}

// token returns the bearer token cfg names, or "" for none.
func (c clientConfig) token() (string, error) {
	if c.TokenFile != "" {
		toks, err := server.ReadTokenFile(c.TokenFile)
		if err != nil {
			return "", err
		}
		if len(toks) != 1 {
			return "", fmt.Errorf("token file %s holds %d tokens; want one", c.TokenFile, len(toks))
		}
		return toks[0], nil
	}
	t := strings.TrimSpace(c.Token)
	for i := 0; i < len(t); i++ {
		if t[i] <= ' ' || t[i] > '~' {
			return "", fmt.Errorf("CLAIMGRAPH_TOKEN: malformed token: want printable ASCII without spaces")
		}
	}
	return t, nil
}

// bearer is per-call credentials that send "authorization: Bearer <token>".
type bearer struct {
	token string
	// requireTLS makes gRPC itself refuse to send the token over a
	// connection without privacy and integrity. It is false only for
	// loopback targets, which may be dialed in plaintext.
	requireTLS bool
}

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + b.token}, nil
}

func (b bearer) RequireTransportSecurity() bool { return b.requireTLS }

// dialLoopback reports whether the gRPC target reaches only this machine: a
// unix socket, or a loopback IP or localhost, with or without the dns or
// passthrough scheme. An empty host (":7411") is localhost to gRPC's
// resolver. Any other name, even one that resolves to loopback, counts as
// remote.
func dialLoopback(target string) bool {
	if strings.HasPrefix(target, "unix:") || strings.HasPrefix(target, "unix-abstract:") {
		return true
	}
	if scheme, rest, ok := strings.Cut(target, "://"); ok {
		if scheme != "dns" && scheme != "passthrough" {
			return false
		}
		// Drop the authority (a DNS server): "dns://8.8.8.8/host:port".
		_, target, _ = strings.Cut(rest, "/")
	}
	host, _, err := net.SplitHostPort(target)
	if err != nil {
		host = strings.TrimSuffix(strings.TrimPrefix(target, "["), "]") // no port: gRPC uses 443
	}
	if host == "" || strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
