package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	claimgraphv1 "github.com/claimgraph/claimgraph/proto/claimgraph/v1"
)

// articleFlags are the flags that describe an article read from a file:
// --id, --published, --language, --url, --title and --publisher.
type articleFlags struct {
	id, published, language, url, title, publisher string
}

// register adds the flags to fs; idUsage and languageUsage say what their
// defaults are for the command.
func (a *articleFlags) register(fs *flag.FlagSet, idUsage, languageUsage string) {
	fs.StringVar(&a.id, "id", "", idUsage)
	fs.StringVar(&a.published, "published", "", "publication date, YYYY-MM-DD")
	fs.StringVar(&a.language, "language", "", languageUsage)
	fs.StringVar(&a.url, "url", "", "article URL")
	fs.StringVar(&a.title, "title", "", "article title")
	fs.StringVar(&a.publisher, "publisher", "", "article publisher")
}

// fill sets the fields of in that are empty from the flags (all but the id).
func (a *articleFlags) fill(in *claimgraphv1.ArticleInput) {
	for _, f := range []struct {
		dst *string
		v   string
	}{
		{&in.Published, a.published}, {&in.Language, a.language}, {&in.Url, a.url},
		{&in.Title, a.title}, {&in.Publisher, a.publisher},
	} {
		if *f.dst == "" {
			*f.dst = f.v
		}
	}
}

// idFor returns --id, or else the base name of the file the article is read
// from without its extension. Standard input ("-") has no name: it needs --id.
func (a *articleFlags) idFor(cmd, file string) (string, error) {
	switch {
	case a.id != "":
		return a.id, nil
	case file == "-":
		return "", fmt.Errorf("%s: --id is required to read an article from standard input", cmd)
	}
	return strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)), nil
}
