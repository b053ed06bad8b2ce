package server

import (
	"errors"
	"testing"
)

func TestPageToken(t *testing.T) {
	f := filterKey("ListStatements", "Trump", "", "")
	for _, key := range []string{"s1", "gaza-diplomacy/s120-180", "ترامب\x00x"} {
		tok := encodePageToken(f, key)
		got, err := decodePageToken(f, tok)
		if err != nil || got != key {
			t.Errorf("decodePageToken(encodePageToken(%q)) = %q, %v; want %q", key, got, err, key)
		}
	}
	if tok := encodePageToken(f, ""); tok != "" {
		t.Errorf("encodePageToken(no key) = %q; want empty", tok)
	}
	tok := encodePageToken(f, "s1")
	for name, filter := range map[string][]byte{
		"other filter value": filterKey("ListStatements", "Netanyahu", "", ""),
		"shifted fields":     filterKey("ListStatements", "", "Trump", ""),
		"other method":       filterKey("ListFigures", "Trump", "", ""),
	} {
		if _, err := decodePageToken(filter, tok); !isField(err, "page_token") {
			t.Errorf("%s: decodePageToken = %v; want a page_token error", name, err)
		}
	}
	for _, bad := range []string{"%%%", "AQ", tok[:len(tok)-1] + "A", "Ag" + tok[2:]} {
		if _, err := decodePageToken(f, bad); !isField(err, "page_token") {
			t.Errorf("decodePageToken(%q) = %v; want a page_token error", bad, err)
		}
	}
}

func TestPageSize(t *testing.T) {
	for _, tc := range []struct {
		size int32
		want int
	}{{0, DefaultPageSize}, {1, 1}, {1000, 1000}, {1001, MaxPageSize}, {1 << 30, MaxPageSize}} {
		p, err := page(nil, tc.size, "")
		if err != nil || p.Limit != tc.want {
			t.Errorf("page(size %d) = %+v, %v; want limit %d", tc.size, p, err, tc.want)
		}
	}
	if _, err := page(nil, -1, ""); !isField(err, "page_size") {
		t.Errorf("page(size -1) = %v; want a page_size error", err)
	}
}

func isField(err error, field string) bool {
	var fe *FieldError
	return errors.As(err, &fe) && fe.Field == field
}
