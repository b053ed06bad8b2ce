// Package pgtest gives tests scratch databases on the PostgreSQL server
// that CLAIMGRAPH_TEST_POSTGRES names (a connection string; .ci/postgres
// starts one and sets it).
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	_ "github.com/lib/pq" // the driver of database/sql's "postgres"
)

var scratchN atomic.Int64

// Scratch returns the connection string of a new, empty database named
// after prefix, dropped when the test ends. It skips the test when
// CLAIMGRAPH_TEST_POSTGRES is not set.
func Scratch(t testing.TB, prefix string) string {
	t.Helper()
	conn := os.Getenv("CLAIMGRAPH_TEST_POSTGRES")
	if conn == "" {
		t.Skip("CLAIMGRAPH_TEST_POSTGRES not set: skipping the PostgreSQL tests")
	}
	admin, err := sql.Open("postgres", conn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("%s_%d_%d", prefix, os.Getpid(), scratchN.Add(1))
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(conn)
	if err != nil {
		t.Fatalf("CLAIMGRAPH_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}
