package server

import (
	"errors"
	"testing"
)

// FuzzPageToken feeds the decoder anything a client may send: it must
// refuse with a *FieldError on page_token or return a key that, encoded
// again for the same filter, decodes to itself; and every key survives a
// round trip.
func FuzzPageToken(f *testing.F) {
	filter := filterKey("ListStatements", "Trump", "", "")
	for _, s := range []string{
		"", "AQ", "!!", encodePageToken(filter, "s1"), encodePageToken(filter, "ترامب\x00x"),
		encodePageToken(filterKey("ListArticles", ""), "a"), "AQAAAAAAAAAAAAAAAAB4", "====", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, token string) {
		key, err := decodePageToken(filter, token)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != "page_token" {
				t.Fatalf("decodePageToken(%q) = %v; want a field error on page_token", token, err)
			}
		} else if token != "" {
			again, err := decodePageToken(filter, encodePageToken(filter, key))
			if err != nil || again != key {
				t.Fatalf("key %q of token %q does not survive a round trip: %q, %v", key, token, again, err)
			}
		}
		// The token's text as a key: any string must round-trip.
		if token == "" {
			return
		}
		got, err := decodePageToken(filter, encodePageToken(filter, token))
		if err != nil || got != token {
			t.Fatalf("decodePageToken(encodePageToken(%q)) = %q, %v", token, got, err)
		}
		if _, err := decodePageToken(filterKey("ListStatements", "Trump", "", "x"), encodePageToken(filter, token)); err == nil {
			t.Fatalf("a token for one filter was accepted for another")
		}
	})
}
