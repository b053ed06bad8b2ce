package web

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"time"

	"github.com/claimgraph/claimgraph/extract"
	"github.com/claimgraph/claimgraph/graph"
)

// palette colours the sources of a chart, in order of first appearance;
// colour-blind safe (Okabe-Ito), without the red kept for conflicts.
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#8C6D1F", "#000000", "#7F7F7F"}

const conflictColour = "#D7191C"

type measureView struct {
	Key     string
	Node    string // the measure's IRI
	Chart   *timeline
	Figures []figureRow
	Links   []linkRow
}

// figureRow is one figure of a measure with what the page says of it.
type figureRow struct {
	graph.StoredFigure
	Article    graph.ArticleInfo
	Source     string // whom the figure is attributed to
	Date       string // the date it is drawn at
	DateNote   string // why that date, when it is not the figure's own
	Conflicts  int
	Colour     string
	Href       string
	MarkID     string
	Qualifier  string
	ValueShown string
}

type linkRow struct {
	Kind     string
	From, To *figureRow
}

func (s *Site) measure(ctx context.Context, r *http.Request) (string, any, error) {
	key := r.FormValue("key")
	if key == "" {
		return "", nil, errNotFound
	}
	m, err := s.store.TrackMeasure(ctx, key)
	if err != nil {
		return "", nil, err
	}
	v := measureView{Key: m.Key, Node: graph.NodeIRI("measure", m.Key)}
	articles := map[string]graph.ArticleInfo{}
	sources := map[string]string{}
	colours := map[string]string{}
	byRef := map[string]*figureRow{}
	v.Figures = make([]figureRow, len(m.Figures))
	for i, f := range m.Figures {
		a, ok := articles[f.ArticleID]
		if !ok {
			if a, err = s.store.GetArticle(ctx, f.ArticleID); err != nil {
				return "", nil, err
			}
			articles[f.ArticleID] = a
		}
		src := f.SourceText
		if f.SourceID != "" {
			name, ok := sources[f.SourceID]
			if !ok {
				if act, err := s.store.GetActor(ctx, f.SourceID); err == nil {
					name = act.Name
				}
				sources[f.SourceID] = name
			}
			if name != "" {
				src = name
			}
		}
		c, ok := colours[f.ArticleID]
		if !ok {
			c = palette[len(colours)%len(palette)]
			colours[f.ArticleID] = c
		}
		row := figureRow{
			StoredFigure: f, Article: a, Source: src, Colour: c,
			Href:       articleURL(f.ArticleID, anchor("fig-", f.ID)),
			MarkID:     anchor("mark-", f.ArticleID+"-"+f.ID),
			Qualifier:  qualifierWords(f.Qualifier, f.Approximate),
			ValueShown: formatValue(f.Value),
		}
		row.Date = dayOf(f.AsOf)
		if row.Date != "" && row.Date != f.AsOf {
			row.DateNote = "as of " + f.AsOf + ", drawn at its first day"
		}
		if row.Date == "" && a.Published != "" {
			row.Date, row.DateNote = a.Published, "no as-of date: drawn at the article's publication"
		}
		v.Figures[i] = row
		byRef[f.ArticleID+"\x00"+f.ID] = &v.Figures[i]
	}
	for _, l := range m.Links {
		from, to := byRef[l.From.ArticleID+"\x00"+l.From.LocalID], byRef[l.To.ArticleID+"\x00"+l.To.LocalID]
		if from == nil || to == nil {
			continue
		}
		if l.Kind == graph.FigureConflicts {
			from.Conflicts++
			to.Conflicts++
		}
		v.Links = append(v.Links, linkRow{Kind: l.Kind.String(), From: from, To: to})
	}
	v.Chart = drawTimeline(v.Figures, v.Links)
	return "measure", &v, nil
}

// dayOf returns the first day of an ISO date that may be partial
// ("2023-10" → "2023-10-01"), or "" when d is not a date.
func dayOf(d string) string {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, d); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// timeline is a chart of a measure's figures: value over date, one mark
// per figure, drawn as inline SVG by the measure template.
type timeline struct {
	Width, Height            float64
	Left, Right, Top, Bottom float64 // the plot area
	Log                      bool
	XTicks, YTicks           []tick
	Marks                    []chartMark
	Conflicts                []line
	Legend                   []legendItem
	UndatedX                 float64 // > 0 when some figures have no date at all
}

type tick struct {
	X, Y  float64
	Label string
}

type line struct {
	X1, Y1, X2, Y2 float64
	Path           string // a curve from (X1, Y1) to (X2, Y2)
	Title          string
}

// arc returns an SVG path from one point to another bowed to one side, so
// that lines between marks in a row do not lie on top of each other.
func arc(x1, y1, x2, y2 float64) string {
	dx, dy := x2-x1, y2-y1
	n := math.Hypot(dx, dy)
	if n == 0 {
		return fmt.Sprintf("M%.1f %.1f", x1, y1)
	}
	bow := math.Max(n*0.3, 12)
	cx, cy := (x1+x2)/2+dy/n*bow, (y1+y2)/2-dx/n*bow
	if cy < (y1+y2)/2 { // bow downwards, away from the value labels
		cx, cy = (x1+x2)/2-dy/n*bow, (y1+y2)/2+dx/n*bow
	}
	return fmt.Sprintf("M%.1f %.1fQ%.1f %.1f %.1f %.1f", x1, y1, cx, cy, x2, y2)
}

type legendItem struct {
	Colour, Label string
}

// chartMark is one figure on the chart.
type chartMark struct {
	ID        string
	X, Y      float64
	Shape     string // "exact", "about", "lower" (more than, at least), "upper" (less than, up to)
	Colour    string
	Path      string  // the triangle of a bound
	BarTop    float64 // "about": the ±10% whisker; bounds: the arrow's end
	BarBottom float64
	CapL      float64 // the whisker's caps
	CapR      float64
	Conflict  bool
	Href      string
	Title     string
	Label     string
	LabelX    float64
	LabelY    float64 // the label's baseline, above the mark
}

const (
	chartWidth    = 960
	chartHeight   = 440
	minDodge      = 14 // pixels between marks of one date
	maxDodge      = 70
	clusterPixels = 60 // dates closer than this share their room
)

// drawTimeline lays out the chart of rows: x by date (figures of one date
// side by side), y by value, on a log scale when the values span more than
// two orders of magnitude.
func drawTimeline(rows []figureRow, links []linkRow) *timeline {
	t := &timeline{Width: chartWidth, Height: chartHeight, Left: 90, Right: chartWidth - 40, Top: 60, Bottom: chartHeight - 70}
	var days []float64
	undated := false
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range rows {
		if d, ok := epochDay(r.Date); ok {
			days = append(days, d)
		} else {
			undated = true
		}
		top, bottom := r.Value, r.Value
		switch shapeOf(r.Figure) {
		case "about":
			top, bottom = r.Value*1.1, r.Value*0.9
		}
		lo, hi = math.Min(lo, bottom), math.Max(hi, top)
	}
	if len(rows) == 0 {
		lo, hi = 0, 1
	}
	if undated {
		t.UndatedX = t.Right - 30
		t.Right -= 90
	}
	// x: days, padded so that marks keep off the axes.
	d0, d1 := 0.0, 1.0
	if len(days) > 0 {
		d0, d1 = slices.Min(days), slices.Max(days)
	}
	pad := math.Max((d1-d0)*0.2, 3)
	d0, d1 = d0-pad, d1+pad
	xOf := func(day float64) float64 { return t.Left + (day-d0)/(d1-d0)*(t.Right-t.Left) }
	// y: linear from 0, or log10 over whole decades.
	t.Log = lo > 0 && hi/lo > 100
	var yOf func(v float64) float64
	if t.Log {
		e0, e1 := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
		if e1 == e0 {
			e1++
		}
		yOf = func(v float64) float64 {
			v = math.Max(v, math.Pow(10, e0))
			return t.Bottom - (math.Log10(v)-e0)/(e1-e0)*(t.Bottom-t.Top)
		}
		for e := e0; e <= e1; e++ {
			v := math.Pow(10, e)
			t.YTicks = append(t.YTicks, tick{Y: yOf(v), Label: formatValue(v)})
		}
	} else {
		top := niceCeil(math.Max(hi*1.1, 1))
		base := math.Min(lo, 0)
		yOf = func(v float64) float64 { return t.Bottom - (v-base)/(top-base)*(t.Bottom-t.Top) }
		for i := 0; i <= 5; i++ {
			v := base + (top-base)*float64(i)/5
			t.YTicks = append(t.YTicks, tick{Y: yOf(v), Label: formatValue(v)})
		}
	}
	// Marks; figures of one date stand side by side, in row order.
	byDate := map[string][]int{}
	for i, r := range rows {
		byDate[r.Date] = append(byDate[r.Date], i)
	}
	// Marks of one date, or of dates too close to tell apart, stand side
	// by side in date order, spread over most of the room to the next
	// cluster.
	type group struct {
		x    float64
		rows []int
	}
	var groups []group
	for date, idx := range byDate {
		x := t.UndatedX
		if d, ok := epochDay(date); ok {
			x = xOf(d)
		}
		groups = append(groups, group{x, idx})
	}
	slices.SortFunc(groups, func(a, b group) int { return cmp.Compare(a.x, b.x) })
	var clusters []group // x is the middle of the cluster's dates
	last := math.Inf(-1)
	for _, g := range groups {
		if n := len(clusters); n > 0 && g.x-last < clusterPixels {
			c := &clusters[n-1]
			c.x = (c.x*float64(len(c.rows)) + g.x*float64(len(g.rows))) / float64(len(c.rows)+len(g.rows))
			c.rows = append(c.rows, g.rows...)
		} else {
			clusters = append(clusters, group{g.x, slices.Clone(g.rows)})
		}
		last = g.x
	}
	pos := make([]struct{ x, y float64 }, len(rows))
	below := make([]bool, len(rows)) // the label goes under the mark
	for k, c := range clusters {
		room := math.Min(c.x-t.Left, t.Right-c.x) * 2
		if k > 0 {
			room = math.Min(room, c.x-clusters[k-1].x)
		}
		if k+1 < len(clusters) {
			room = math.Min(room, clusters[k+1].x-c.x)
		}
		step := math.Min(math.Max(room*0.8/float64(len(c.rows)), minDodge), maxDodge)
		for j, i := range c.rows {
			pos[i].x = c.x + (float64(j)-float64(len(c.rows)-1)/2)*step
			pos[i].y = yOf(rows[i].Value)
			below[i] = step < 48 && j%2 == 1
		}
	}
	seenSource := map[string]bool{}
	for i, r := range rows {
		m := chartMark{
			ID: r.MarkID, X: pos[i].x, Y: pos[i].y, Shape: shapeOf(r.Figure), Colour: r.Colour,
			Conflict: r.Conflicts > 0, Href: r.Href, LabelX: pos[i].x,
		}
		m.Label = r.ValueShown
		switch m.Shape {
		case "about":
			m.Label = "~" + m.Label
			m.BarTop, m.BarBottom = yOf(r.Value*1.1), yOf(r.Value*0.9)
			m.CapL, m.CapR = m.X-5, m.X+5
		case "lower":
			m.Label = "≥" + m.Label
			if r.Qualifier == "more than" {
				m.Label = ">" + r.ValueShown
			}
			m.Path = fmt.Sprintf("M%.1f %.1fL%.1f %.1fL%.1f %.1fZ", m.X, m.Y-7, m.X+7, m.Y+6, m.X-7, m.Y+6)
			m.BarTop, m.BarBottom = m.Y-30, m.Y-7
		case "upper":
			m.Label = "≤" + m.Label
			if r.Qualifier == "less than" {
				m.Label = "<" + r.ValueShown
			}
			m.Path = fmt.Sprintf("M%.1f %.1fL%.1f %.1fL%.1f %.1fZ", m.X, m.Y+7, m.X+7, m.Y-6, m.X-7, m.Y-6)
			m.BarTop, m.BarBottom = m.Y+7, m.Y+30
		}
		m.Title = fmt.Sprintf("%s %s — %s, in %s", r.Qualifier, r.ValueShown, orDash(r.Source), r.ArticleID)
		if r.Article.Publisher != "" {
			m.Title += " (" + r.Article.Publisher + ")"
		}
		if r.Date != "" {
			m.Title += ", as of " + r.Date
		}
		if r.DateNote != "" {
			m.Title += " [" + r.DateNote + "]"
		}
		if r.Conflicts > 0 {
			m.Title += fmt.Sprintf("; conflicts with %d other figure(s)", r.Conflicts)
		}
		m.LabelY = m.Y - 15
		switch {
		case below[i] && m.Shape == "about":
			m.LabelY = m.BarBottom + 14
		case below[i] && m.Shape == "upper":
			m.LabelY = m.BarBottom + 14
		case below[i]:
			m.LabelY = m.Y + 24
		case m.Shape == "about":
			m.LabelY = math.Min(m.LabelY, m.BarTop-6)
		case m.Shape == "lower":
			m.LabelY = m.BarTop - 6
		}
		t.Marks = append(t.Marks, m)
		if !seenSource[r.ArticleID] {
			seenSource[r.ArticleID] = true
			label := r.ArticleID
			if r.Article.Publisher != "" {
				label += " · " + r.Article.Publisher
			}
			t.Legend = append(t.Legend, legendItem{Colour: r.Colour, Label: label})
		}
	}
	index := map[*figureRow]int{}
	for i := range rows {
		index[&rows[i]] = i
	}
	for _, l := range links {
		if l.Kind != graph.FigureConflicts.String() {
			continue
		}
		a, b := index[l.From], index[l.To]
		t.Conflicts = append(t.Conflicts, line{
			X1: pos[a].x, Y1: pos[a].y, X2: pos[b].x, Y2: pos[b].y, Path: arc(pos[a].x, pos[a].y, pos[b].x, pos[b].y),
			Title: fmt.Sprintf("conflict: %s (%s) and %s (%s) cannot both be true", l.From.ValueShown, l.From.ArticleID, l.To.ValueShown, l.To.ArticleID),
		})
	}
	// x ticks at the dates drawn, skipping one too close to the last.
	var dates []string
	for d := range byDate {
		if _, ok := epochDay(d); ok {
			dates = append(dates, d)
		}
	}
	slices.Sort(dates)
	last = math.Inf(-1)
	for _, d := range dates {
		day, _ := epochDay(d)
		if x := xOf(day); x-last >= 90 {
			t.XTicks = append(t.XTicks, tick{X: x, Label: d})
			last = x
		}
	}
	if undated {
		t.XTicks = append(t.XTicks, tick{X: t.UndatedX, Label: "undated"})
	}
	return t
}

// shapeOf says how a figure is drawn.
func shapeOf(f extract.Figure) string {
	switch f.Qualifier {
	case extract.MoreThan, extract.AtLeast:
		return "lower"
	case extract.LessThan, extract.UpTo:
		return "upper"
	case extract.About:
		return "about"
	}
	if f.Approximate {
		return "about"
	}
	return "exact"
}

// epochDay returns the days since 1970-01-01 of a YYYY-MM-DD date.
func epochDay(d string) (float64, bool) {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return 0, false
	}
	return float64(t.Unix() / 86400), true
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

func orDash(s string) string { return cmp.Or(s, "—") }
