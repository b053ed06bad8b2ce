package graph

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/link"
)

// pageKeys returns the keys (keyOf of each node; nodes it refuses are
// skipped) of the nodes in every set, after p.After, sorted, at most
// p.Limit of them, and the key for the next page ("" after the last).
func pageKeys(sets []map[quad.IRI]bool, keyOf func(quad.IRI) (string, bool), p Page) (keys []string, next string) {
	if len(sets) == 0 {
		return nil, ""
	}
	for n := range sets[0] {
		if !inAll(sets[1:], n) {
			continue
		}
		if k, ok := keyOf(n); ok && k > p.After {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if limit := pageLimit(p); len(keys) > limit {
		keys, next = keys[:limit], keys[limit-1]
	}
	return keys, next
}

func linkKeyOf(n quad.IRI) (string, bool) { return strings.CutPrefix(string(n), prefixLink) }

// linkLocked reads the link node whose sort key is key, or takes it from
// the links kept (nodecache.go).
func (s *Store) linkLocked(ctx context.Context, key string) (Link, error) {
	n := quad.IRI(prefixLink + key)
	if s.index == nil || s.index.links == nil {
		return s.readLinkLocked(ctx, n, key)
	}
	l, gen, ok := s.index.links.get(n)
	if ok {
		return l, nil
	}
	l, err := s.readLinkLocked(ctx, n, key)
	if err == nil {
		s.index.links.put(n, l, gen)
	}
	return l, err
}

// readLinkLocked reads link node n, whose sort key is key.
func (s *Store) readLinkLocked(ctx context.Context, n quad.IRI, key string) (Link, error) {
	pr, err := s.propsLocked(ctx, n)
	if err != nil {
		return Link{}, err
	}
	if !pr.has(PredType, ClassLink) {
		return Link{}, ErrNotFound
	}
	l := Link{Kind: ParseLinkKind(pr.str(PredLinkKind)), Key: pr.str(PredKey), Score: pr.float(PredScore)}
	end := func(pred, value, date quad.IRI) (NodeRef, error) {
		iris := pr.iris(pred)
		if len(iris) != 1 {
			return NodeRef{}, fmt.Errorf("link %q has %d %s", key, len(iris), pred)
		}
		k, ok := itemKey(iris[0], refSeg(l.Kind))
		if !ok {
			return NodeRef{}, fmt.Errorf("link %q: bad end %s", key, iris[0])
		}
		art, local, err := splitItemKey(k)
		if err != nil {
			return NodeRef{}, err
		}
		return NodeRef{ArticleID: art, LocalID: local, Value: pr.float(value), Date: pr.str(date)}, nil
	}
	if l.From, err = end(PredFrom, PredFromValue, PredFromDate); err != nil {
		return Link{}, err
	}
	if l.To, err = end(PredTo, PredToValue, PredToDate); err != nil {
		return Link{}, err
	}
	return l, nil
}

// linksLocked reads the links whose keys are given.
func (s *Store) linksLocked(ctx context.Context, keys []string) ([]Link, error) {
	ctx, err := s.linksAheadLocked(ctx, keys) // readahead.go
	if err != nil {
		return nil, err
	}
	out := make([]Link, 0, len(keys))
	for _, k := range keys {
		l, err := s.linkLocked(ctx, k)
		if err != nil {
			return nil, fmt.Errorf("link %q: %w", k, err)
		}
		out = append(out, l)
	}
	return out, nil
}

// ListLinks returns a page of cross-article links, ordered by kind name
// (lower case: figure-agrees, figure-conflicts, figure-updates, same-claim,
// same-event), then key, then both ends, and the key to pass as Page.After
// for the next page ("" after the last). Kind 0 matches every kind;
// ArticleID keeps the links with an end in that article. It is safe for
// concurrent use.
func (s *Store) ListLinks(ctx context.Context, f LinkFilter, p Page) ([]Link, string, error) {
	if err := s.rlock(); err != nil {
		return nil, "", err
	}
	defer s.runlock()
	keys, next, err := s.linkPageLocked(ctx, f.Kind, f.ArticleID, "", p)
	if err != nil {
		return nil, "", fmt.Errorf("list links: %w", err)
	}
	links, err := s.linksLocked(ctx, keys)
	if err != nil {
		return nil, "", fmt.Errorf("list links: %w", err)
	}
	return links, next, nil
}

// linkPageLocked returns the keys of a page of the links of kind (0:
// any), with an end in articleID ("": any), of a claim, measure or event
// group key ("": any; only with a kind), and the key for the next page
// ("" after the last). A link's key starts with its kind and group key
// (linkIRI), so where the store keeps ordered lists (subjectindex.go) it
// walks the list of every link, or of the article's links, from the
// range those give to the page: the cost of the page, not of the links
// stored. Elsewhere it reads the indexed sets and sorts them.
func (s *Store) linkPageLocked(ctx context.Context, kind LinkKind, articleID, key string, p Page) ([]string, string, error) {
	if s.index != nil && (key == "" || kind != 0) {
		pred, obj := PredType, quad.Value(ClassLink)
		if articleID != "" {
			pred, obj = PredLinkArticle, ArticleIRI(articleID)
		}
		k, built, err := s.index.subjects.ensure(ctx, s, pred, obj, entryLinkKey)
		if err != nil {
			return nil, "", err
		}
		if built {
			return s.walkLinksLocked(ctx, k, linkKeyPrefix(kind, key), p)
		}
	}
	sets, err := s.linkSetsLocked(ctx, kind, articleID, key)
	if err != nil {
		return nil, "", err
	}
	keys, next := pageKeys(sets, linkKeyOf, p)
	return keys, next, nil
}

// linkKeyPrefix returns what the keys of the links of kind (0: any) and
// group key ("": any) start with.
func linkKeyPrefix(kind LinkKind, key string) string {
	if kind == 0 {
		return ""
	}
	prefix := linkKindSeg(kind) + "/"
	if key != "" {
		prefix += encodeID(key) + "/"
	}
	return prefix
}

// walkLinksLocked returns the keys of list k that start with prefix,
// after p.After, at most p.Limit, and the key for the next page.
func (s *Store) walkLinksLocked(ctx context.Context, k subjectKey, prefix string, p Page) ([]string, string, error) {
	// No key is its prefix: each has both ends after it.
	return s.pageKeysLocked(ctx, subjectFilter{k}, max(p.After, prefix), prefix, p)
}

// pageKeysLocked returns the keys that filter's lists hold, after after,
// while they start with prefix, at most p.Limit, and the key for the next
// page ("" after the last).
func (s *Store) pageKeysLocked(ctx context.Context, filter subjectFilter, after, prefix string, p Page) ([]string, string, error) {
	limit := pageLimit(p)
	var keys []string
	more := false
	s.index.subjects.each(filter, after, func(key string) bool {
		if !strings.HasPrefix(key, prefix) {
			return false
		}
		if len(keys) == limit {
			more = true
			return false
		}
		keys = append(keys, key)
		return ctx.Err() == nil
	})
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	if more {
		return keys, keys[limit-1], nil
	}
	return keys, "", nil
}

// linkSetsLocked returns the indexed sets of nodes that select links of
// kind (0: any), with an end in articleID ("": any), of a claim, measure or
// event group key ("": any); the sets may hold other nodes, which
// linkKeyOf refuses.
func (s *Store) linkSetsLocked(ctx context.Context, kind LinkKind, articleID, key string) ([]map[quad.IRI]bool, error) {
	var sets []map[quad.IRI]bool
	add := func(obj quad.Value, pred quad.IRI) error {
		set, err := s.subjectsLocked(ctx, obj, pred)
		sets = append(sets, set)
		return err
	}
	if kind != 0 {
		if err := add(quad.String(kind.String()), PredLinkKind); err != nil {
			return nil, err
		}
	}
	if articleID != "" {
		if err := add(ArticleIRI(articleID), PredLinkArticle); err != nil {
			return nil, err
		}
	}
	if key != "" {
		if err := add(quad.String(key), PredKey); err != nil {
			return nil, err
		}
	}
	if len(sets) == 0 {
		if err := add(ClassLink, PredType); err != nil {
			return nil, err
		}
	}
	return sets, nil
}

// GetClaim returns the claim with the given key, or an error wrapping
// ErrNotFound. It is safe for concurrent use.
func (s *Store) GetClaim(ctx context.Context, key string) (ClaimInfo, error) {
	if err := s.rlock(); err != nil {
		return ClaimInfo{}, err
	}
	defer s.runlock()
	c, err := s.claimLocked(ctx, claimIRI(key))
	if err != nil {
		return ClaimInfo{}, fmt.Errorf("get claim %q: %w", key, err)
	}
	return c, nil
}

// publishedCache holds the published days of articles by id.
type publishedCache map[string]string

// publishedLocked returns the published day of article id ("" when it has
// none), reading it once per cache c.
func (s *Store) publishedLocked(ctx context.Context, c publishedCache, id string) (string, error) {
	if d, ok := c[id]; ok {
		return d, nil
	}
	vs, err := s.objectsLocked(ctx, ArticleIRI(id), PredDatePublished)
	if err != nil {
		return "", err
	}
	d := ""
	if len(vs) > 0 {
		if str, ok := vs[0].(quad.String); ok {
			d = string(str)
		}
	}
	c[id] = d
	return d, nil
}

func (s *Store) claimLocked(ctx context.Context, n quad.IRI) (ClaimInfo, error) {
	return s.claimUpToLocked(ctx, n, publishedCache{}, -1)
}

// listedStatements is how many statements of each claim ListClaims gives.
const listedStatements = 20

// claimUpToLocked reads claim n with its first max statements (all when
// max < 0); its dates and articles count every statement. Reading a
// statement's facts is what a claim many articles report costs most, so a
// list reads only a few; pub caches articles' published days across claims.
func (s *Store) claimUpToLocked(ctx context.Context, n quad.IRI, pub publishedCache, max int) (ClaimInfo, error) {
	pr, err := s.propsLocked(ctx, n)
	if err != nil {
		return ClaimInfo{}, err
	}
	if !pr.has(PredType, ClassClaim) {
		return ClaimInfo{}, ErrNotFound
	}
	c := ClaimInfo{Key: pr.str(PredKey), SpeakerID: firstActor(pr, PredSpeaker)}
	var refs []NodeRef // the first max members, in order
	kept := false
	if s.index != nil {
		kept, err = s.claimMembersLocked(ctx, n, pub, func(set *sortedSet) {
			refs, c.ArticleIDs, c.FirstReported, c.LastReported = claimSummary(set, max)
		})
		if err != nil {
			return ClaimInfo{}, err
		}
	}
	if !kept {
		all, err := s.claimRefsLocked(ctx, n, pub)
		if err != nil {
			return ClaimInfo{}, err
		}
		slices.SortFunc(all, link.Compare)
		seen := map[string]bool{}
		for _, r := range all {
			if r.Date != "" {
				if c.FirstReported == "" {
					c.FirstReported = r.Date
				}
				c.LastReported = r.Date
			}
			if !seen[r.ArticleID] {
				seen[r.ArticleID] = true
				c.ArticleIDs = append(c.ArticleIDs, r.ArticleID)
			}
		}
		refs = all
		if max >= 0 && len(refs) > max {
			refs = refs[:max]
		}
	}
	for _, r := range refs {
		st := StatementIRI(r.ArticleID, r.LocalID)
		key, _ := itemKey(st, segStatement)
		spr, err := s.propsLocked(ctx, st)
		if err != nil {
			return ClaimInfo{}, err
		}
		ss, err := statementFromProps(key, spr)
		if err != nil {
			return ClaimInfo{}, err
		}
		c.Statements = append(c.Statements, ss)
	}
	return c, nil
}

// claimSummary returns the first max members of a claim's sorted members
// (all when max < 0), its articles in the order they first reported it,
// and its first and last days. The members of one article share its day,
// so they are neighbours in the order: the articles come without a set.
func claimSummary(set *sortedSet, max int) (refs []NodeRef, articles []string, first, last string) {
	prev := ""
	set.t.Ascend(func(e counted) bool {
		day, rest, _ := strings.Cut(e.s, "\x00")
		art, local, _ := strings.Cut(rest, "\x00")
		if day == noDay {
			day = ""
		}
		if first == "" && day != "" {
			first = day
		}
		if art != prev || len(articles) == 0 {
			articles = append(articles, art)
			prev = art
		}
		if max < 0 || len(refs) < max {
			refs = append(refs, NodeRef{ArticleID: art, LocalID: local, Date: day})
		}
		return true
	})
	set.t.DescendLessOrEqual(counted{s: noDay}, func(e counted) bool {
		last, _, _ = strings.Cut(e.s, "\x00")
		return false
	})
	return refs, articles, first, last
}

// ListClaims returns a page of claims in order of key, each with its first
// 20 statements (GetClaim gives them all; the dates and articles count
// every one), and the key to pass as Page.After for the next page (""
// after the last). Speaker is an actor
// reference (see SearchActors); one that names no actor gives an empty
// page. It is safe for concurrent use.
func (s *Store) ListClaims(ctx context.Context, f ClaimFilter, p Page) ([]ClaimInfo, string, error) {
	if err := s.rlock(); err != nil {
		return nil, "", err
	}
	defer s.runlock()
	keys, next, err := s.claimPageLocked(ctx, f, p)
	if err != nil {
		return nil, "", fmt.Errorf("list claims: %w", err)
	}
	var out []ClaimInfo
	pub := publishedCache{}
	if ctx, err = s.claimsAheadLocked(ctx, keys, pub, listedStatements); err != nil { // readahead.go
		return nil, "", fmt.Errorf("list claims: %w", err)
	}
	for _, k := range keys {
		c, err := s.claimUpToLocked(ctx, claimIRI(k), pub, listedStatements)
		if err != nil {
			return nil, "", fmt.Errorf("list claims: %q: %w", k, err)
		}
		out = append(out, c)
	}
	return out, next, nil
}

// claimPageLocked returns the keys of ListClaims' page and the key for
// the next page. A claim of two members or more states its speaker, so
// where the store keeps ordered lists it walks the list of claims (or
// of the speaker's claims) to the page; elsewhere it reads the claims'
// set and sorts it.
func (s *Store) claimPageLocked(ctx context.Context, f ClaimFilter, p Page) ([]string, string, error) {
	var ids []string
	if f.Speaker != "" {
		var err error
		if ids, err = s.resolveActorLocked(ctx, f.Speaker); err != nil || len(ids) == 0 {
			return nil, "", err
		}
	}
	if s.index != nil {
		var filter subjectFilter
		built := true
		for i := 0; built && (i < len(ids) || i == 0 && f.Speaker == ""); i++ {
			pred, obj := PredType, quad.Value(ClassClaim)
			if f.Speaker != "" {
				pred, obj = PredSpeaker, ActorIRI(ids[i])
			}
			k, ok, err := s.index.subjects.ensure(ctx, s, pred, obj, entryClaimKey)
			if err != nil {
				return nil, "", err
			}
			filter, built = append(filter, k), ok
		}
		if built {
			return s.pageKeysLocked(ctx, filter, p.After, "", p)
		}
	}
	set := map[quad.IRI]bool{}
	if f.Speaker != "" {
		for _, id := range ids {
			sub, err := s.subjectsLocked(ctx, ActorIRI(id), PredSpeaker)
			if err != nil {
				return nil, "", err
			}
			for n := range sub {
				if strings.HasPrefix(string(n), prefixClaim) {
					set[n] = true
				}
			}
		}
	} else {
		var err error
		if set, err = s.subjectsLocked(ctx, ClassClaim, PredType); err != nil {
			return nil, "", err
		}
	}
	keys, next := pageKeys([]map[quad.IRI]bool{set}, func(n quad.IRI) (string, bool) { return keyOfIRI(n, prefixClaim) }, p)
	return keys, next, nil
}

// TrackMeasure returns the measure with the given key (e.g. "killed@gaza"),
// even one that a single article counts:
// its figures in time order (a figure's date is its as-of day, else its
// article's published day; then article id, then figure id) and every link
// among them, in ListLinks order. It returns an error wrapping ErrNotFound
// for an unknown key. It is safe for concurrent use.
func (s *Store) TrackMeasure(ctx context.Context, key string) (MeasureInfo, error) {
	if err := s.rlock(); err != nil {
		return MeasureInfo{}, err
	}
	defer s.runlock()
	m, err := s.measureLocked(ctx, key)
	if err != nil {
		return MeasureInfo{}, fmt.Errorf("track measure %q: %w", key, err)
	}
	return m, nil
}

func (s *Store) measureLocked(ctx context.Context, key string) (MeasureInfo, error) {
	n := measureIRI(key)
	types, err := s.objectsLocked(ctx, n, PredType)
	if err != nil {
		return MeasureInfo{}, err
	}
	m := MeasureInfo{Key: key}
	if !slices.Contains(types, quad.Value(ClassMeasure)) {
		return MeasureInfo{}, ErrNotFound
	}
	nodes, err := s.subjectsLocked(ctx, n, PredInMeasure)
	if err == nil { // readahead.go: the figures and their articles
		ctx, err = s.readAheadLocked(ctx, slices.Collect(maps.Keys(nodes)), nil, PredDerivedFrom)
	}
	if err != nil {
		return MeasureInfo{}, err
	}
	type dated struct {
		ref NodeRef
		f   StoredFigure
	}
	var figs []dated
	pub := publishedCache{}
	for fn := range nodes {
		k, ok := itemKey(fn, segFigure)
		if !ok {
			continue
		}
		f, err := s.figureLocked(ctx, fn, k)
		if err != nil {
			return MeasureInfo{}, err
		}
		d := link.FullDay(f.AsOf)
		if d == "" {
			p, err := s.publishedLocked(ctx, pub, f.ArticleID)
			if err != nil {
				return MeasureInfo{}, err
			}
			d = link.FullDay(p)
		}
		figs = append(figs, dated{NodeRef{ArticleID: f.ArticleID, LocalID: f.ID, Date: d}, f})
	}
	slices.SortFunc(figs, func(a, b dated) int { return link.Compare(a.ref, b.ref) })
	for _, f := range figs {
		m.Figures = append(m.Figures, f.f)
	}
	sets, err := s.linkSetsLocked(ctx, 0, "", key)
	if err != nil {
		return MeasureInfo{}, err
	}
	keys, _ := pageKeys(sets, linkKeyOf, Page{Limit: int(^uint(0) >> 1)})
	if m.Links, err = s.linksLocked(ctx, keys); err != nil {
		return MeasureInfo{}, err
	}
	return m, nil
}

// ListMeasures returns a page of the keys of the measures stored figures
// count, in order, and the key to pass as Page.After for the next page (""
// after the last). It is safe for concurrent use.
func (s *Store) ListMeasures(ctx context.Context, p Page) ([]string, string, error) {
	if err := s.rlock(); err != nil {
		return nil, "", err
	}
	defer s.runlock()
	set, err := s.subjectsLocked(ctx, ClassMeasure, PredType)
	if err != nil {
		return nil, "", fmt.Errorf("list measures: %w", err)
	}
	keys, next := pageKeys([]map[quad.IRI]bool{set}, func(n quad.IRI) (string, bool) { return keyOfIRI(n, prefixMeasure) }, p)
	return keys, next, nil
}

// ListConflicts returns a page of FigureConflicts links, of one measure
// key or of all when measure is "", in ListLinks order, each with both
// figures and both articles, and the key to pass as Page.After for the
// next page ("" after the last). It is safe for concurrent use.
func (s *Store) ListConflicts(ctx context.Context, measure string, p Page) ([]Conflict, string, error) {
	if err := s.rlock(); err != nil {
		return nil, "", err
	}
	defer s.runlock()
	keys, next, err := s.linkPageLocked(ctx, FigureConflicts, "", measure, p)
	if err != nil {
		return nil, "", fmt.Errorf("list conflicts: %w", err)
	}
	links, err := s.linksLocked(ctx, keys)
	if err == nil {
		ctx, err = s.conflictsAheadLocked(ctx, links) // readahead.go
	}
	if err != nil {
		return nil, "", fmt.Errorf("list conflicts: %w", err)
	}
	out := make([]Conflict, 0, len(links))
	arts := map[string]ArticleInfo{} // a page's conflicts share a few articles
	for _, l := range links {
		c := Conflict{Link: l}
		for _, e := range []struct {
			ref NodeRef
			fig *StoredFigure
			art *ArticleInfo
		}{{l.From, &c.From, &c.FromArticle}, {l.To, &c.To, &c.ToArticle}} {
			n := FigureIRI(e.ref.ArticleID, e.ref.LocalID)
			k, _ := itemKey(n, segFigure)
			var err error
			*e.fig, err = s.figureLocked(ctx, n, k)
			if a, ok := arts[e.ref.ArticleID]; ok && err == nil {
				*e.art = a
			} else if err == nil {
				if *e.art, err = s.articleLocked(ctx, e.ref.ArticleID); err == nil {
					arts[e.ref.ArticleID] = *e.art
				}
			}
			if err != nil {
				return nil, "", fmt.Errorf("list conflicts: %w", err)
			}
		}
		out = append(out, c)
	}
	return out, next, nil
}
