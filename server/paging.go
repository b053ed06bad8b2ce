package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"

	"github.com/claimgraph/claimgraph/graph"
)

// Page tokens are opaque to clients: base64url of a version byte, a check
// and the store's keyset key. The check is a hash over the list method, the
// request's filter and the key, so a token is bound to the filter it was
// issued for (reused with another filter it is InvalidArgument) and a token
// whose bytes were edited is rejected. The check is not a secret: it guards
// against mistakes, not against a client that wants to skip ahead, which
// keyset paging allows anyway.

const tokenVersion = 1

const tokenCheckLen = 12

// filterKey names a list method and its filter for binding page tokens.
// Each list handler builds it from every filter field of its request.
func filterKey(method string, fields ...string) []byte {
	var b bytes.Buffer
	b.WriteString(method)
	for _, f := range fields {
		// Length-prefixed so that ("ab","c") and ("a","bc") differ.
		fmt.Fprintf(&b, "\x00%d:%s", len(f), f)
	}
	return b.Bytes()
}

func tokenCheck(filter []byte, key string) []byte {
	h := sha256.New()
	h.Write(filter)
	h.Write([]byte{0})
	h.Write([]byte(key))
	return h.Sum(nil)[:tokenCheckLen]
}

// encodePageToken returns the token for the page after key, or "" when key
// is "" (no more pages).
func encodePageToken(filter []byte, key string) string {
	if key == "" {
		return ""
	}
	b := make([]byte, 0, 1+tokenCheckLen+len(key))
	b = append(b, tokenVersion)
	b = append(b, tokenCheck(filter, key)...)
	b = append(b, key...)
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodePageToken returns the key in token, "" for an empty token, or a
// *FieldError naming page_token. The error never repeats the token.
func decodePageToken(filter []byte, token string) (string, error) {
	if token == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) <= 1+tokenCheckLen || b[0] != tokenVersion {
		return "", &FieldError{"page_token", "is not a page token from this service"}
	}
	key := string(b[1+tokenCheckLen:])
	if !bytes.Equal(b[1:1+tokenCheckLen], tokenCheck(filter, key)) {
		return "", &FieldError{"page_token", "does not belong to this request: the filter changed or the token was altered"}
	}
	return key, nil
}

// page checks page_size and page_token and returns the store's page. A
// page_size of 0 means DefaultPageSize; one above MaxPageSize is clamped to
// it; a negative one is InvalidArgument.
func page(filter []byte, size int32, token string) (graph.Page, error) {
	switch {
	case size < 0:
		return graph.Page{}, &FieldError{"page_size", fmt.Sprintf("is %d; it must not be negative", size)}
	case size == 0:
		size = DefaultPageSize
	case size > MaxPageSize:
		size = MaxPageSize
	}
	after, err := decodePageToken(filter, token)
	if err != nil {
		return graph.Page{}, err
	}
	return graph.Page{After: after, Limit: int(size)}, nil
}
