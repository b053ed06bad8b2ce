package server

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/claimgraph/claimgraph/extract"
	"github.com/claimgraph/claimgraph/graph"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// checkArticle validates an article sent by a client, size first so that an
// oversized text costs nothing more, and converts it for the extractor.
func (s *Service) checkArticle(prefix string, in *claimgraphv1.ArticleInput, requireID bool) (extract.Article, error) {
	if n := len(in.GetText()); n > s.cfg.MaxArticleBytes {
		return extract.Article{}, &FieldError{prefix + ".text", fmt.Sprintf("is %d bytes; the limit (--max-article-bytes) is %d", n, s.cfg.MaxArticleBytes)}
	}
	a, err := ArticleFromInput(prefix, in, requireID)
	if err != nil {
		return a, err
	}
	return a, checkStorable(prefix, in)
}

// IngestArticle extracts one article and stores it, replacing what was
// stored under its id.
func (s *Service) IngestArticle(ctx context.Context, req *claimgraphv1.IngestArticleRequest) (*claimgraphv1.IngestArticleResponse, error) {
	const method = "IngestArticle"
	a, err := s.checkArticle("article", req.GetArticle(), true)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	x, err := s.extract("article", a)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	info, err := s.store.PutArticle(ctx, DocumentFromInput(req.GetArticle(), a, x))
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	s.wrote(1)
	return &claimgraphv1.IngestArticleResponse{Article: ArticleToProto(&info), Extraction: ExtractionToProto(x)}, nil
}

// IngestArticles stores a stream of articles, several per write
// transaction. An invalid article is reported as an IngestFailure and
// skipped, also when only the store finds it invalid: then the articles of
// its batch are written one by one. A store error ends the call; the
// batches written before it stay written.
func (s *Service) IngestArticles(stream claimgraphv1.ClaimGraphService_IngestArticlesServer) error {
	const method = "IngestArticles"
	ctx := stream.Context()
	resp := new(claimgraphv1.IngestArticlesResponse)
	var (
		batch      []graph.Document
		indexes    []int32 // indexes[i] is the stream index of batch[i]
		batchBytes int
	)
	fail := func(index int32, id string, fe *FieldError) {
		resp.Failures = append(resp.Failures, &claimgraphv1.IngestFailure{
			// The id goes back in a proto string: it must be valid UTF-8.
			Index: index, ArticleId: strings.ToValidUTF8(id, "\uFFFD"), Field: fe.Field, Reason: fe.Reason,
		})
	}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		infos, err := s.store.PutArticles(ctx, batch)
		if errors.Is(err, graph.ErrInvalid) {
			// Nothing of the batch was written; find the culprit.
			infos = infos[:0]
			for i := range batch {
				info, err := s.store.PutArticle(ctx, batch[i])
				if errors.Is(err, graph.ErrInvalid) {
					fail(indexes[i], batch[i].Meta.ID, &FieldError{"article", err.Error()})
					continue
				}
				if err != nil {
					return err
				}
				infos = append(infos, info)
			}
			err = nil
		}
		if err != nil {
			return err
		}
		for i := range infos {
			resp.QuadCount += infos[i].QuadCount
		}
		resp.ArticleCount += int32(len(infos))
		s.wrote(len(infos))
		batch, indexes, batchBytes = nil, nil, 0 // the store may keep the slice
		return nil
	}
	for index := int32(0); ; index++ {
		req, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return s.toStatus(ctx, method, err)
		}
		in := req.GetArticle()
		a, err := s.checkArticle("article", in, true)
		var x *extract.Extraction
		if err == nil {
			x, err = s.extract("article", a)
		}
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) {
				return s.toStatus(ctx, method, err)
			}
			fail(index, in.GetId(), fe)
			continue
		}
		batch = append(batch, DocumentFromInput(in, a, x))
		indexes = append(indexes, index)
		batchBytes += len(a.Text)
		if len(batch) >= s.cfg.IngestBatchArticles || batchBytes >= s.cfg.IngestBatchBytes {
			if err := flush(); err != nil {
				return s.toStatus(ctx, method, err)
			}
		}
	}
	if err := flush(); err != nil {
		return s.toStatus(ctx, method, err)
	}
	// Failures found by the store come after those of later articles.
	slices.SortStableFunc(resp.Failures, func(a, b *claimgraphv1.IngestFailure) int { return cmp.Compare(a.Index, b.Index) })
	return stream.SendAndClose(resp)
}

// DeleteArticle removes an article and the quads under its label.
func (s *Service) DeleteArticle(ctx context.Context, req *claimgraphv1.DeleteArticleRequest) (*claimgraphv1.DeleteArticleResponse, error) {
	const method = "DeleteArticle"
	if err := requireID("id", req.GetId()); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	n, err := s.store.DeleteArticle(ctx, req.GetId())
	if err != nil {
		return nil, s.toStatus(ctx, method, notFound(err, "article with id", req.GetId(), ""))
	}
	return &claimgraphv1.DeleteArticleResponse{QuadCount: n}, nil
}

// Extract runs the extractor on an article and stores nothing.
func (s *Service) Extract(ctx context.Context, req *claimgraphv1.ExtractRequest) (*claimgraphv1.ExtractResponse, error) {
	a, err := s.checkArticle("article", req.GetArticle(), false)
	if err != nil {
		return nil, s.toStatus(ctx, "Extract", err)
	}
	x, err := s.extract("article", a)
	if err != nil {
		return nil, s.toStatus(ctx, "Extract", err)
	}
	return &claimgraphv1.ExtractResponse{Extraction: ExtractionToProto(x)}, nil
}

// GetArticle returns one stored article.
func (s *Service) GetArticle(ctx context.Context, req *claimgraphv1.GetArticleRequest) (*claimgraphv1.GetArticleResponse, error) {
	const method = "GetArticle"
	if err := requireID("id", req.GetId()); err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	info, err := s.store.GetArticle(ctx, req.GetId())
	if err != nil {
		return nil, s.toStatus(ctx, method, notFound(err, "article with id", req.GetId(), ""))
	}
	return &claimgraphv1.GetArticleResponse{Article: ArticleToProto(&info)}, nil
}

// ListArticles lists stored articles in id order.
func (s *Service) ListArticles(ctx context.Context, req *claimgraphv1.ListArticlesRequest) (*claimgraphv1.ListArticlesResponse, error) {
	const method = "ListArticles"
	lang := req.GetLanguage()
	if lang != "" && !Languages[lang] {
		return nil, s.toStatus(ctx, method, &FieldError{"language", fmt.Sprintf("%q is not a supported language (ar, en)", lang)})
	}
	filter := filterKey(method, lang)
	p, err := page(filter, req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	infos, next, err := s.store.ListArticles(ctx, graph.ArticleFilter{Language: lang}, p)
	if err != nil {
		return nil, s.toStatus(ctx, method, err)
	}
	resp := &claimgraphv1.ListArticlesResponse{NextPageToken: encodePageToken(filter, next)}
	for i := range infos {
		resp.Articles = append(resp.Articles, ArticleToProto(&infos[i]))
	}
	return resp, nil
}

// requireID checks a required id field.
func requireID(field, id string) error {
	if id == "" {
		return &FieldError{field, "is required"}
	}
	return checkText(field, id)
}
