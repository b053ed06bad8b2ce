package server

import (
	"fmt"
	"sync"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"
)

// DefaultMaxIngestBytes is the default budget of article text that the
// writes in flight may hold at once (Config.MaxIngestBytes).
const DefaultMaxIngestBytes = 64 << 20

// budgetRetryDelay is the wait a refused write is told to take.
const budgetRetryDelay = time.Second

// budget admits ingest work against a bound of bytes in flight: each write
// takes its articles' text bytes before extracting them and gives them
// back once they are stored or refused. It is safe for concurrent use.
type budget struct {
	mu          sync.Mutex
	used, limit int64
}

// take reserves n bytes and reports whether they were free. A request
// larger than the whole budget is admitted when nothing else is in flight,
// so that it is never refused forever.
func (b *budget) take(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.used+n > b.limit && b.used > 0 {
		return false
	}
	b.used += n
	return true
}

// give returns n bytes taken before.
func (b *budget) give(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used -= n
}

// overBudget is the ResourceExhausted status of a write refused because
// the budget is spent: retryable, which its message and its RetryInfo say.
func (b *budget) overBudget(n int64) error {
	b.mu.Lock()
	used := b.used
	b.mu.Unlock()
	st := status.New(codes.ResourceExhausted, fmt.Sprintf(
		"the server is busy: writes in flight hold %d bytes of article text and this one needs %d more; the limit (--max-ingest-bytes) is %d. "+
			"Nothing of this write was stored (in IngestArticles, batches written before stay stored); retry in a moment: reads are not limited", used, n, b.limit))
	if d, err := st.WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(budgetRetryDelay)}); err == nil {
		st = d
	}
	return st.Err()
}
