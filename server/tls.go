package server

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
)

// ServerTLS returns the TLS configuration for serve --tls-cert --tls-key,
// requiring TLS 1.2 or later. When clientCAFile is not empty the server
// requires every client to present a certificate signed by a CA in that file
// (mutual TLS). It returns an error naming the file when a file cannot be
// read or parsed, or when certFile or keyFile is empty. Pass the result to
// credentials.NewTLS, which adds the "h2" ALPN protocol gRPC needs.
func ServerTLS(certFile, keyFile, clientCAFile string) (*tls.Config, error) {
	if certFile == "" || keyFile == "" {
		return nil, errors.New("server TLS: need both a certificate and a key file")
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("server TLS: load key pair %s, %s: %w", certFile, keyFile, unwrapPath(err))
	}
	cfg := &tls.Config{
		MinVersion:   tls.VersionTLS12,
		Certificates: []tls.Certificate{cert},
	}
	if clientCAFile != "" {
		pool, err := certPool(clientCAFile)
		if err != nil {
			return nil, fmt.Errorf("server TLS: client CA: %w", err)
		}
		cfg.ClientCAs = pool
		cfg.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return cfg, nil
}

// ClientTLS returns the TLS configuration for a client, requiring TLS 1.2 or
// later. caFile, if not empty, replaces the system roots as the CAs that may
// sign the server's certificate. certFile and keyFile, both or neither, give
// the client certificate for mutual TLS. insecureSkipVerify accepts any server
// certificate: the connection is encrypted but the server unauthenticated, so
// anyone on the path can impersonate it; it excludes caFile. It returns an
// error naming the file when a file cannot be read or parsed.
func ClientTLS(caFile, certFile, keyFile string, insecureSkipVerify bool) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if caFile != "" && insecureSkipVerify {
		return nil, errors.New("client TLS: a CA file and skipping verification exclude each other")
	}
	if (certFile == "") != (keyFile == "") {
		return nil, errors.New("client TLS: a client certificate needs both a certificate and a key file")
	}
	if caFile != "" {
		pool, err := certPool(caFile)
		if err != nil {
			return nil, fmt.Errorf("client TLS: %w", err)
		}
		cfg.RootCAs = pool
	}
	if certFile != "" {
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, fmt.Errorf("client TLS: load key pair %s, %s: %w", certFile, keyFile, unwrapPath(err))
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	cfg.InsecureSkipVerify = insecureSkipVerify
	return cfg, nil
}

// certPool returns a pool of the PEM certificates in the named file.
func certPool(name string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read CA file %s: %w", name, unwrapPath(err))
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("read CA file %s: no PEM certificate in it", name)
	}
	return pool, nil
}
