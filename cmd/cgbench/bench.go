package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

type config struct {
	n           int
	corpus      string
	backends    string
	postgres    string
	binary      string
	chunk       int
	readTime    time.Duration
	concurrency int
	edits       int
	jsonOut     string
}

// report is what one run measured; it is written as JSON.
type report struct {
	Commit   string    `json:"commit"`
	Articles int       `json:"articles"`
	Raw      rawLoad   `json:"raw_bolt_load"`
	Backends []*result `json:"backends"`
}

// result is what one backend measured.
type result struct {
	Backend string `json:"backend"`
	Ingest  struct {
		Seconds        float64 `json:"seconds"`
		ArticlesPerSec float64 `json:"articles_per_sec"`
		QuadsPerSec    float64 `json:"quads_per_sec"`
		// RatioToRaw is QuadsPerSec over the raw bolt load's.
		RatioToRaw float64 `json:"ratio_to_raw"`
		// FirstChunk and LastChunk are the articles/s of the first and
		// last IngestArticles calls: a write that costs more as the
		// store grows shows here.
		FirstChunk float64 `json:"first_chunk_articles_per_sec"`
		LastChunk  float64 `json:"last_chunk_articles_per_sec"`
		Failures   int     `json:"failures"`
		Retries    int     `json:"retries"`
	} `json:"ingest"`
	Quads  int64 `json:"quads"`
	Export struct {
		Bytes     int64   `json:"bytes"`
		MBPerSec  float64 `json:"mb_per_sec"`
		LongestMB float64 `json:"longest_line_mb"`
	} `json:"export"`
	Reads   []readResult `json:"reads"`
	Replace latencies    `json:"replace"`
	Delete  latencies    `json:"delete"`
	// PeakRSSMiB is the server's VmHWM at the end of the run: its
	// anonymous memory and the pages of files it maps (bolt maps its
	// whole store), at their peak.
	PeakRSSMiB float64 `json:"peak_rss_mib"`
	// PeakAnonMiB is the largest RssAnon sampled during the run (every
	// 50 ms): the memory the server itself holds, without mapped files.
	PeakAnonMiB float64 `json:"peak_anon_rss_mib"`
	// BytesPerQuad is the store's size on disk over its quads (bolt only),
	// and RatioToRaw that over the raw load's.
	BytesPerQuad       float64 `json:"bytes_per_quad,omitempty"`
	BytesPerQuadToRaw  float64 `json:"bytes_per_quad_ratio_to_raw,omitempty"`
	exportPath         string
	storeDir           string
	storyIDs, otherIDs []string
}

type latencies struct {
	Calls  int     `json:"calls"`
	Errors int     `json:"errors"`
	P50ms  float64 `json:"p50_ms"`
	P99ms  float64 `json:"p99_ms"`
	PerSec float64 `json:"per_sec"`
}

type readResult struct {
	RPC string `json:"rpc"`
	latencies
	// RatioToHealth is PerSec over the health check's.
	RatioToHealth float64 `json:"ratio_to_health"`
}

func run(c config) error {
	if c.n < 2 || c.chunk < 1 || c.concurrency < 1 || c.edits < 1 {
		return errors.New("-n must be at least 2, and -chunk, -concurrency and -edits at least 1")
	}
	tmp, err := os.MkdirTemp("", "cgbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if c.binary == "" {
		c.binary = filepath.Join(tmp, "claimgraph")
		build := exec.Command("go", "build", "-o", c.binary, "github.com/claimgraph/claimgraph/cmd/claimgraph")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build claimgraph: %w", err)
		}
	}
	arts, err := generate(c.n, c.corpus)
	if err != nil {
		return err
	}
	rep := &report{Commit: commit(), Articles: len(arts)}
	for _, b := range strings.Split(c.backends, ",") {
		r, err := measure(c, strings.TrimSpace(b), tmp, arts)
		if err != nil {
			return fmt.Errorf("%s: %w", b, err)
		}
		if rep.Raw.Quads == 0 {
			// The ceiling: the first backend's quads loaded raw.
			if rep.Raw, err = loadRaw(r.exportPath, filepath.Join(tmp, "raw")); err != nil {
				return fmt.Errorf("raw load: %w", err)
			}
		}
		r.Ingest.RatioToRaw = r.Ingest.QuadsPerSec / rep.Raw.QuadsPerSec
		if r.BytesPerQuad > 0 {
			r.BytesPerQuadToRaw = r.BytesPerQuad / rep.Raw.BytesPerQuad
		}
		os.Remove(r.exportPath)
		rep.Backends = append(rep.Backends, r)
	}
	printReport(os.Stdout, rep)
	if c.jsonOut != "" {
		out, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		return os.WriteFile(c.jsonOut, append(out, '\n'), 0o644)
	}
	return nil
}

// commit returns the checkout's commit, or "" outside a git checkout.
func commit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// measure runs the whole measurement on one backend.
func measure(c config, backend, tmp string, arts []*claimgraphv1.ArticleInput) (*result, error) {
	r := &result{Backend: backend, exportPath: filepath.Join(tmp, backend+".nq")}
	for _, a := range arts {
		if strings.HasPrefix(a.GetId(), "story-") {
			r.storyIDs = append(r.storyIDs, a.GetId())
		} else {
			r.otherIDs = append(r.otherIDs, a.GetId())
		}
	}
	args := []string{"serve", "--listen", "127.0.0.1:0", "--db", backend}
	switch backend {
	case "bolt":
		r.storeDir = filepath.Join(tmp, "bolt.db")
		args = append(args, "--db-path", r.storeDir)
	case "postgres":
		if c.postgres == "" {
			return nil, errors.New("-postgres (or CLAIMGRAPH_TEST_POSTGRES) names no database")
		}
		args = append(args, "--db-path", c.postgres)
	default:
		return nil, fmt.Errorf("unknown backend %q", backend)
	}
	srv, err := startServer(c.binary, args)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	conn, err := grpc.NewClient(srv.addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(256<<20)))
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	client := claimgraphv1.NewClaimGraphServiceClient(conn)
	ctx := context.Background()
	if resp, err := client.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{PageSize: 1}); err != nil {
		return nil, err
	} else if len(resp.GetArticles()) > 0 {
		return nil, errors.New("the store is not empty")
	}

	fmt.Fprintf(os.Stderr, "cgbench: %s: ingesting %d articles\n", backend, len(arts))
	if err := ingest(ctx, client, c.chunk, arts, r); err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "cgbench: %s: exporting\n", backend)
	if err := export(ctx, client, r); err != nil {
		return nil, err
	}
	r.Ingest.QuadsPerSec = float64(r.Quads) / r.Ingest.Seconds
	if r.storeDir != "" {
		r.BytesPerQuad = float64(dirBytes(r.storeDir)) / float64(r.Quads)
	}
	fmt.Fprintf(os.Stderr, "cgbench: %s: reads\n", backend)
	if r.Reads, err = reads(ctx, conn, client, c, r); err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "cgbench: %s: replaces and deletes\n", backend)
	if err := edits(ctx, client, c.edits, arts, r); err != nil {
		return nil, err
	}
	r.PeakRSSMiB = srv.procStatusMiB("VmHWM:")
	r.PeakAnonMiB = srv.peakAnonMiB()
	return r, nil
}

// server is a running `claimgraph serve`.
type server struct {
	cmd  *exec.Cmd
	addr string
	done chan struct{}

	mu       sync.Mutex
	peakAnon float64 // MiB
}

var servingRE = regexp.MustCompile(`msg=serving addr=(\S+)`)

func startServer(binary string, args []string) (*server, error) {
	cmd := exec.Command(binary, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, done: make(chan struct{})}
	addrc := make(chan string, 1)
	var log strings.Builder
	go func() {
		defer close(s.done)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(nil, 1<<20)
		found := false
		for sc.Scan() {
			if m := servingRE.FindStringSubmatch(sc.Text()); m != nil && !found {
				found = true
				addrc <- m[1]
			}
			if !found && log.Len() < 64<<10 {
				log.WriteString(sc.Text() + "\n")
			}
		}
		io.Copy(io.Discard, stderr)
		cmd.Wait()
		close(addrc)
	}()
	addr, ok := <-addrc
	if !ok {
		return nil, fmt.Errorf("claimgraph serve exited before listening:\n%s", log.String())
	}
	s.addr = addr
	go s.sampleAnon()
	return s, nil
}

// sampleAnon records the server's RssAnon every 50 ms until it exits:
// the kernel keeps no peak of it as it does of VmRSS.
func (s *server) sampleAnon() {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-tick.C:
			if v := s.procStatusMiB("RssAnon:"); v > 0 {
				s.mu.Lock()
				s.peakAnon = max(s.peakAnon, v)
				s.mu.Unlock()
			}
		}
	}
}

func (s *server) peakAnonMiB() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return max(s.peakAnon, s.procStatusMiB("RssAnon:"))
}

func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(time.Minute):
		s.cmd.Process.Kill()
		<-s.done
	}
}

// procStatusMiB reads one kB field of the server's /proc status, such as
// "VmHWM:", in MiB (0 where there is none).
func (s *server) procStatusMiB(field string) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == field {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// ingest sends arts in IngestArticles calls of chunk articles each,
// retrying a call refused as ResourceExhausted or Unavailable.
func ingest(ctx context.Context, client claimgraphv1.ClaimGraphServiceClient, chunk int, arts []*claimgraphv1.ArticleInput, r *result) error {
	start := time.Now()
	for off := 0; off < len(arts); off += chunk {
		batch := arts[off:min(off+chunk, len(arts))]
		t := time.Now()
		for try := 0; ; try++ {
			resp, err := ingestOnce(ctx, client, batch)
			if err == nil {
				r.Ingest.Failures += len(resp.GetFailures())
				break
			}
			if c := status.Code(err); (c != codes.ResourceExhausted && c != codes.Unavailable) || try == 10 {
				return fmt.Errorf("ingest of articles %d-%d: %w", off, off+len(batch)-1, err)
			}
			r.Ingest.Retries++
			time.Sleep(time.Second) // the server asked for a later retry
		}
		rate := float64(len(batch)) / time.Since(t).Seconds()
		if off == 0 {
			r.Ingest.FirstChunk = rate
		}
		r.Ingest.LastChunk = rate
		if (off/chunk)%20 == 19 {
			fmt.Fprintf(os.Stderr, "cgbench: %d articles, %.0f/s\n", off+len(batch), rate)
		}
	}
	r.Ingest.Seconds = time.Since(start).Seconds()
	r.Ingest.ArticlesPerSec = float64(len(arts)) / r.Ingest.Seconds
	return nil
}

func ingestOnce(ctx context.Context, client claimgraphv1.ClaimGraphServiceClient, batch []*claimgraphv1.ArticleInput) (*claimgraphv1.IngestArticlesResponse, error) {
	stream, err := client.IngestArticles(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range batch {
		if err := stream.Send(&claimgraphv1.IngestArticlesRequest{Article: a}); err != nil {
			break // CloseAndRecv says why
		}
	}
	return stream.CloseAndRecv()
}

// export streams the whole store's N-Quads into r.exportPath.
func export(ctx context.Context, client claimgraphv1.ClaimGraphServiceClient, r *result) error {
	f, err := os.Create(r.exportPath)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	start := time.Now()
	stream, err := client.ExportQuads(ctx, &claimgraphv1.ExportQuadsRequest{})
	if err != nil {
		return err
	}
	var line, longest int64
	for {
		m, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		s := m.GetNquads()
		r.Export.Bytes += int64(len(s))
		for {
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				line += int64(len(s))
				break
			}
			line += int64(i)
			longest = max(longest, line)
			line = 0
			r.Quads++
			s = s[i+1:]
		}
		w.WriteString(m.GetNquads())
	}
	r.Export.MBPerSec = float64(r.Export.Bytes) / 1e6 / time.Since(start).Seconds()
	r.Export.LongestMB = float64(longest) / 1e6
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// dirBytes returns the bytes of the files under dir.
func dirBytes(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// edits replaces c.edits articles with a shortened text, one call each,
// then deletes as many others.
func edits(ctx context.Context, client claimgraphv1.ClaimGraphServiceClient, n int, arts []*claimgraphv1.ArticleInput, r *result) error {
	rnd := rand.New(rand.NewPCG(3, 4))
	order := rnd.Perm(len(arts))
	n = min(n, len(arts)/2)
	var lat []time.Duration
	for _, i := range order[:n] {
		a := proto.Clone(arts[i]).(*claimgraphv1.ArticleInput)
		a.Text = shorten(a.Text)
		t := time.Now()
		_, err := client.IngestArticle(ctx, &claimgraphv1.IngestArticleRequest{Article: a})
		lat = append(lat, time.Since(t))
		if err != nil {
			r.Replace.Errors++
		}
	}
	r.Replace = summarise(lat, r.Replace.Errors, 0)
	lat = lat[:0]
	errs := 0
	for _, i := range order[n : 2*n] {
		t := time.Now()
		_, err := client.DeleteArticle(ctx, &claimgraphv1.DeleteArticleRequest{Id: arts[i].GetId()})
		lat = append(lat, time.Since(t))
		if err != nil {
			errs++
		}
	}
	r.Delete = summarise(lat, errs, 0)
	return nil
}

// shorten drops a text's first paragraph, or with one paragraph its first
// sentence: a replace that removes more than it adds.
func shorten(text string) string {
	if _, rest, ok := strings.Cut(text, "\n\n"); ok && strings.TrimSpace(rest) != "" {
		return rest
	}
	if _, rest, ok := strings.Cut(text, ". "); ok && strings.TrimSpace(rest) != "" {
		return rest
	}
	return text + " Updated."
}

// summarise gives the quantiles of lat, and the rate over elapsed when it
// is not zero.
func summarise(lat []time.Duration, errs int, elapsed time.Duration) latencies {
	l := latencies{Calls: len(lat), Errors: errs}
	if len(lat) == 0 {
		return l
	}
	slices.Sort(lat)
	q := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))]) / 1e6
	}
	l.P50ms, l.P99ms = q(0.5), q(0.99)
	if elapsed > 0 {
		l.PerSec = float64(len(lat)) / elapsed.Seconds()
	}
	return l
}

// drive calls op from c.concurrency goroutines for c.readTime (each call
// started before the time is up is finished) and summarises the calls.
func drive(c config, op func(ctx context.Context, rnd *rand.Rand) error) latencies {
	var (
		mu   sync.Mutex
		lat  []time.Duration
		errs int
		wg   sync.WaitGroup
	)
	start := time.Now()
	end := start.Add(c.readTime)
	for w := range c.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(uint64(w), 9))
			var mine []time.Duration
			bad := 0
			for time.Now().Before(end) {
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				t := time.Now()
				err := op(ctx, rnd)
				mine = append(mine, time.Since(t))
				cancel()
				if err != nil {
					bad++
				}
			}
			mu.Lock()
			lat, errs = append(lat, mine...), errs+bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	return summarise(lat, errs, time.Since(start))
}

// reads drives each typed read RPC and the health check.
func reads(ctx context.Context, conn *grpc.ClientConn, client claimgraphv1.ClaimGraphServiceClient, c config, r *result) ([]readResult, error) {
	p, err := readParams(ctx, client, r)
	if err != nil {
		return nil, err
	}
	health := healthpb.NewHealthClient(conn)
	pick := func(rnd *rand.Rand) string { return p.articles[rnd.IntN(len(p.articles))] }
	ops := []struct {
		name string
		op   func(ctx context.Context, rnd *rand.Rand) error
	}{
		{"Health/Check (ceiling)", func(ctx context.Context, _ *rand.Rand) error {
			_, err := health.Check(ctx, &healthpb.HealthCheckRequest{})
			return err
		}},
		{"GetArticle", func(ctx context.Context, rnd *rand.Rand) error {
			_, err := client.GetArticle(ctx, &claimgraphv1.GetArticleRequest{Id: pick(rnd)})
			return err
		}},
		{"ListArticles", func(ctx context.Context, _ *rand.Rand) error {
			_, err := client.ListArticles(ctx, &claimgraphv1.ListArticlesRequest{PageSize: 20})
			return err
		}},
		{"ListStatements by article", func(ctx context.Context, rnd *rand.Rand) error {
			_, err := client.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{ArticleId: pick(rnd), PageSize: 20})
			return err
		}},
		{"ListStatements by speaker", func(ctx context.Context, _ *rand.Rand) error {
			_, err := client.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{Speaker: p.speaker, PageSize: 20})
			return err
		}},
		{"ListFigures by measure", func(ctx context.Context, _ *rand.Rand) error {
			_, err := client.ListFigures(ctx, &claimgraphv1.ListFiguresRequest{Measure: p.measure, PageSize: 20})
			return err
		}},
		{"ListEvents by kind", func(ctx context.Context, _ *rand.Rand) error {
			_, err := client.ListEvents(ctx, &claimgraphv1.ListEventsRequest{Kind: p.eventKind, PageSize: 20})
			return err
		}},
		{"SearchActors", func(ctx context.Context, _ *rand.Rand) error {
			_, err := client.SearchActors(ctx, &claimgraphv1.SearchActorsRequest{Query: p.actorQuery, PageSize: 20})
			return err
		}},
		{"GetActor", func(ctx context.Context, _ *rand.Rand) error {
			_, err := client.GetActor(ctx, &claimgraphv1.GetActorRequest{Id: p.speaker})
			return err
		}},
		{"ListClaims by speaker", func(ctx context.Context, _ *rand.Rand) error {
			_, err := client.ListClaims(ctx, &claimgraphv1.ListClaimsRequest{Speaker: p.speaker, PageSize: 20})
			return err
		}},
		{"ListConflicts", func(ctx context.Context, _ *rand.Rand) error {
			_, err := client.ListConflicts(ctx, &claimgraphv1.ListConflictsRequest{PageSize: 20})
			return err
		}},
		{"ListLinks", func(ctx context.Context, _ *rand.Rand) error {
			_, err := client.ListLinks(ctx, &claimgraphv1.ListLinksRequest{PageSize: 20})
			return err
		}},
		{"TrackMeasure", func(ctx context.Context, _ *rand.Rand) error {
			_, err := client.TrackMeasure(ctx, &claimgraphv1.TrackMeasureRequest{Measure: p.measure})
			return err
		}},
		{"Neighborhood depth 2", func(ctx context.Context, _ *rand.Rand) error {
			_, err := client.Neighborhood(ctx, &claimgraphv1.NeighborhoodRequest{Node: p.speaker, Depth: 2, Limit: 50})
			return err
		}},
		{"FindPaths depth 4", func(ctx context.Context, _ *rand.Rand) error {
			_, err := client.FindPaths(ctx, &claimgraphv1.FindPathsRequest{From: p.speaker, To: p.other, MaxDepth: 4, Limit: 5})
			return err
		}},
	}
	var out []readResult
	for _, o := range ops {
		fmt.Fprintf(os.Stderr, "cgbench: %s: %s\n", r.Backend, o.name)
		l := drive(c, o.op)
		rr := readResult{RPC: o.name, latencies: l}
		if len(out) > 0 && out[0].PerSec > 0 {
			rr.RatioToHealth = l.PerSec / out[0].PerSec
		}
		out = append(out, rr)
	}
	out[0].RatioToHealth = 1
	return out, nil
}

// params are the arguments of the measured reads, found in the store: the
// story's most quoted speaker, a measure with figures, another actor.
type params struct {
	articles       []string
	speaker, other string
	measure        string
	eventKind      string
	actorQuery     string
}

func readParams(ctx context.Context, client claimgraphv1.ClaimGraphServiceClient, r *result) (params, error) {
	p := params{articles: append(slices.Clone(r.storyIDs), r.otherIDs...)}
	speakers := map[string]int{}
	for _, id := range r.storyIDs[:min(30, len(r.storyIDs))] {
		sts, err := client.ListStatements(ctx, &claimgraphv1.ListStatementsRequest{ArticleId: id, PageSize: 50})
		if err != nil {
			return p, err
		}
		for _, s := range sts.GetStatements() {
			if s.GetSpeakerId() != "" {
				speakers[s.GetSpeakerId()]++
			}
		}
		figs, err := client.ListFigures(ctx, &claimgraphv1.ListFiguresRequest{ArticleId: id, PageSize: 50})
		if err != nil {
			return p, err
		}
		for _, f := range figs.GetFigures() {
			if p.measure == "" && f.GetMeasureKey() != "" {
				p.measure = f.GetMeasureKey()
			}
		}
		evs, err := client.ListEvents(ctx, &claimgraphv1.ListEventsRequest{ArticleId: id, PageSize: 50})
		if err != nil {
			return p, err
		}
		for _, e := range evs.GetEvents() {
			if p.eventKind == "" {
				p.eventKind = e.GetKind()
			}
		}
	}
	ranked := slices.SortedFunc(func(yield func(string) bool) {
		for s := range speakers {
			if !yield(s) {
				return
			}
		}
	}, func(a, b string) int {
		if speakers[a] != speakers[b] {
			return speakers[b] - speakers[a]
		}
		return strings.Compare(a, b)
	})
	if len(ranked) < 2 || p.measure == "" || p.eventKind == "" {
		return p, fmt.Errorf("the story gave %d speakers, measure %q, event kind %q: too few to measure reads", len(ranked), p.measure, p.eventKind)
	}
	p.speaker, p.other = ranked[0], ranked[1]
	a, err := client.GetActor(ctx, &claimgraphv1.GetActorRequest{Id: p.speaker})
	if err != nil {
		return p, err
	}
	p.actorQuery = strings.Fields(a.GetActor().GetName() + " x")[0]
	fmt.Fprintf(os.Stderr, "cgbench: reads with speaker %s (%q), other %s, measure %q, event kind %q\n",
		p.speaker, a.GetActor().GetName(), p.other, p.measure, p.eventKind)
	return p, nil
}
