package server

import "github.com/claimgraph/claimgraph/extract"

// SetExtractor replaces the extractor of s, for tests that make it fail.
// Call it before s serves.
func SetExtractor(s *Service, fn func(extract.Article) *extract.Extraction) { s.extractor = fn }
