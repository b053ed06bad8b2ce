package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"google.golang.org/protobuf/proto"

	"github.com/claimgraph/claimgraph/internal/story"
	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// generate returns n articles: story and corpus replicas taking turns, the
// replicas taking Arabic and English articles in turn. Replica k of a
// corpus article has its id with "-r" and k after it.
func generate(n int, corpusDir string) ([]*claimgraphv1.ArticleInput, error) {
	byLang, err := readCorpus(corpusDir)
	if err != nil {
		return nil, err
	}
	if len(byLang["ar"]) == 0 || len(byLang["en"]) == 0 {
		return nil, fmt.Errorf("corpus %s: want Arabic and English articles", corpusDir)
	}
	var tale []*claimgraphv1.ArticleInput
	c := story.Config{Articles: (n + 1) / 2, Seed: 1}
	if c.Articles/story.DefaultPerDay > 2 {
		c.Planted = 2 // two tolls that contradict their day's
	}
	err = story.Generate(c, func(a story.Article, _ story.Truth) error {
		tale = append(tale, &claimgraphv1.ArticleInput{Id: a.ID, Text: a.Text, Language: a.Language,
			Published: a.Published, Title: a.Title, Url: a.URL, Publisher: a.Publisher})
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]*claimgraphv1.ArticleInput, 0, n)
	used := map[string]int{}
	for i := range n {
		if i%2 == 0 {
			out = append(out, tale[i/2])
			continue
		}
		lang := "ar"
		if (i/2)%2 == 1 {
			lang = "en"
		}
		src := byLang[lang]
		k := used[lang]
		used[lang]++
		a := proto.Clone(src[k%len(src)]).(*claimgraphv1.ArticleInput)
		a.Id = fmt.Sprintf("%s-r%d", a.Id, k/len(src))
		out = append(out, a)
	}
	return out, nil
}

// readCorpus reads the JSONL files of dir, by language.
func readCorpus(dir string) (map[string][]*claimgraphv1.ArticleInput, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	out := map[string][]*claimgraphv1.ArticleInput{}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 64<<20)
		for line := 1; sc.Scan(); line++ {
			var a story.Article // the JSONL fields claimgraph ingest reads
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				f.Close()
				return nil, fmt.Errorf("%s:%d: %w", name, line, err)
			}
			if strings.TrimSpace(a.Text) == "" {
				continue
			}
			out[a.Language] = append(out[a.Language], &claimgraphv1.ArticleInput{Id: a.ID, Text: a.Text,
				Language: a.Language, Published: a.Published, Title: a.Title, Url: a.URL, Publisher: a.Publisher})
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return out, nil
}
