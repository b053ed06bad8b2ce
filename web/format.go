package web

import (
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/claimgraph/claimgraph/extract"
)

// funcs are the helpers the templates call.
var funcs = template.FuncMap{
	"dir":        dir,
	"value":      formatValue,
	"figure":     figureText,
	"articleURL": articleURL,
	"actorURL":   func(id string) string { return "/actor?id=" + url.QueryEscape(id) },
	"graphURL":   func(node string) string { return "/graph?node=" + url.QueryEscape(node) },
	"measureURL": func(key string) string { return "/measure?key=" + url.QueryEscape(key) },
	"short":      func(s string) string { return shorten(s, 120) },
	"anchor":     anchor,
	"localName":  localName,
	"literal":    literal,
	"f":          func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
}

// dir returns the writing direction of s for a dir attribute: "rtl" when
// its first strong letter is Arabic (or Hebrew), "ltr" when it is another
// letter, "auto" when it has none.
func dir(s string) string {
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew):
			return "rtl"
		case unicode.IsLetter(r):
			return "ltr"
		}
	}
	return "auto"
}

// formatValue writes a number as people do: digits grouped by thousands,
// at most two decimals.
func formatValue(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	neg := v < 0
	v = math.Abs(v)
	whole := math.Floor(v)
	frac := strconv.FormatFloat(v-whole, 'f', 2, 64) // "0.25"
	if frac == "1.00" {
		whole++
		frac = "0.00"
	}
	digits := strconv.FormatFloat(whole, 'f', 0, 64)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if f := strings.TrimRight(strings.TrimPrefix(frac, "0"), "0"); f != "." && f != "" {
		b.WriteString(f)
	}
	return b.String()
}

// qualifierWords says a figure's qualifier in words, "" for exact.
func qualifierWords(q extract.Qualifier, approximate bool) string {
	switch q {
	case extract.About:
		return "about"
	case extract.MoreThan:
		return "more than"
	case extract.AtLeast:
		return "at least"
	case extract.LessThan:
		return "less than"
	case extract.UpTo:
		return "up to"
	}
	if approximate {
		return "about"
	}
	return ""
}

// figureText is a figure's value with its qualifier, e.g. "about 12,000".
func figureText(f extract.Figure) string {
	v := formatValue(f.Value)
	if q := qualifierWords(f.Qualifier, f.Approximate); q != "" {
		return q + " " + v
	}
	return v
}

// articleURL is the article page, with an optional fragment naming a
// highlighted span ("fig-f74-80", "st-s3").
func articleURL(id string, fragment ...string) string {
	u := "/article?id=" + url.QueryEscape(id)
	if len(fragment) > 0 && fragment[0] != "" {
		u += "#" + fragment[0]
	}
	return u
}

// shorten cuts s to at most n letters, ending in "…" when cut.
func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return strings.TrimSpace(string(rs[:n-1])) + "…"
}

// anchor makes a span id of an item id: ids are made of letters, digits and
// dashes, but keep only those so that the fragment is always a plain name.
func anchor(prefix, id string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for _, r := range id {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// literal writes a literal's text as people do: numbers grouped, booleans
// in lower case; other text as it is.
func literal(s string) string {
	switch s {
	case "True", "true":
		return "yes"
	case "False", "false":
		return "no"
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil && strings.ContainsAny(s, "Ee.") {
		return formatValue(v)
	}
	return s
}
