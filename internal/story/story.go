package story

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Defaults of a Config's zero fields.
const (
	DefaultPerDay    = 6
	DefaultStartToll = 1200
	// EventDelay is how long after the first day the story's event, talks
	// in Cairo, takes place: articles before it announce the talks, the
	// others report them, always with the same date.
	EventDelay = 14
	// PlantedFactor is a planted article's toll as a share of its day's.
	PlantedFactor = 0.7
)

// DefaultStart is the first day of a story when Config.Start is zero.
var DefaultStart = time.Date(2023, 10, 8, 0, 0, 0, 0, time.UTC)

// Config describes a story. Articles is required; every other zero field
// means its default.
type Config struct {
	// Articles is how many articles the story has; it must be positive.
	Articles int
	// Seed chooses the wording, the daily rise of the toll and which
	// articles are planted.
	Seed uint64
	// PerDay is how many articles are published a day (default
	// DefaultPerDay).
	PerDay int
	// Start is the publication day of the first articles (default
	// DefaultStart); only its date counts.
	Start time.Time
	// StartToll is the toll on the first day (default DefaultStartToll).
	// It rises every day after.
	StartToll int
	// Planted is how many articles give a toll PlantedFactor of their
	// day's (zero: none). Each falls on its own day, never the first, and
	// there must be that many full days after the first.
	Planted int
}

// Article is one article as `claimgraph ingest` reads it from a JSONL line.
type Article struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Language  string `json:"language"`
	Published string `json:"published"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Publisher string `json:"publisher"`
}

// Truth is what an article says, for checking what was extracted from it.
type Truth struct {
	ID        string `json:"id"`
	Published string `json:"published"`
	Language  string `json:"language"`
	// Toll is the death toll the article gives.
	Toll int `json:"toll"`
	// DayToll is the toll of the article's day; Toll differs from it only
	// in a planted article.
	DayToll int `json:"day_toll"`
	// Planted says whether the article's toll contradicts its day's.
	Planted bool `json:"planted"`
	// EventDate is the date of the talks in Cairo the article reports.
	EventDate string `json:"event_date"`
}

// Generate makes the story c describes and calls emit with each article and
// its truth, in publication order. It returns an error when c is invalid,
// or the first error emit returns.
func Generate(c Config, emit func(Article, Truth) error) error {
	c, err := c.withDefaults()
	if err != nil {
		return err
	}
	// Separate streams, so that changing the wording never moves the tolls
	// or the planted articles.
	tollRand := rand.New(rand.NewPCG(c.Seed, 1))
	plantRand := rand.New(rand.NewPCG(c.Seed, 2))
	textRand := rand.New(rand.NewPCG(c.Seed, 3))

	planted := pickPlanted(plantRand, c)
	eventDay := c.Start.AddDate(0, 0, EventDelay)
	toll := c.StartToll
	for i := range c.Articles {
		day, slot := i/c.PerDay, i%c.PerDay
		if slot == 0 && day > 0 {
			toll += 20 + tollRand.IntN(120) // the toll rises every day
		}
		published := c.Start.AddDate(0, 0, day)
		lang := "en"
		if (uint64(i)+c.Seed)%2 == 1 {
			lang = "ar"
		}
		t := Truth{
			ID:        fmt.Sprintf("story-%05d", i+1),
			Published: published.Format(time.DateOnly),
			Language:  lang,
			Toll:      toll,
			DayToll:   toll,
			Planted:   planted[i],
			EventDate: eventDay.Format(time.DateOnly),
		}
		if t.Planted {
			t.Toll = int(math.Round(float64(toll) * PlantedFactor))
		}
		a := writeArticle(textRand, t, published, eventDay)
		if err := emit(a, t); err != nil {
			return err
		}
	}
	return nil
}

// withDefaults fills the zero fields of c and checks it.
func (c Config) withDefaults() (Config, error) {
	if c.Articles <= 0 {
		return c, fmt.Errorf("story: %d articles: want at least one", c.Articles)
	}
	if c.PerDay == 0 {
		c.PerDay = DefaultPerDay
	}
	if c.PerDay < 0 {
		return c, fmt.Errorf("story: %d articles a day: want at least one", c.PerDay)
	}
	if c.Start.IsZero() {
		c.Start = DefaultStart
	}
	y, m, d := c.Start.Date()
	c.Start = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if c.StartToll == 0 {
		c.StartToll = DefaultStartToll
	}
	if c.StartToll < 0 {
		return c, fmt.Errorf("story: start toll %d: want a positive number", c.StartToll)
	}
	if c.Planted < 0 {
		return c, errors.New("story: negative planted count")
	}
	if days := c.Articles/c.PerDay - 1; c.Planted > 0 && c.Planted > days {
		return c, fmt.Errorf("story: %d planted articles need as many full days after the first; %d articles at %d a day have %d", c.Planted, c.Articles, c.PerDay, max(days, 0))
	}
	return c, nil
}

// pickPlanted chooses c.Planted articles, each on its own full day after
// the first, and returns them as a set of article indexes.
func pickPlanted(r *rand.Rand, c Config) map[int]bool {
	if c.Planted == 0 {
		return nil
	}
	days := r.Perm(c.Articles/c.PerDay - 1) // full days, less the first
	planted := make(map[int]bool, c.Planted)
	for _, d := range days[:c.Planted] {
		planted[(d+1)*c.PerDay+r.IntN(c.PerDay)] = true
	}
	return planted
}

// writeArticle writes the article t describes: the toll first, as wire
// copy leads with it, then the quote, the event and filler in an order of
// r's choosing.
func writeArticle(r *rand.Rand, t Truth, published, eventDay time.Time) Article {
	b := bank[t.Language]
	event := b.eventAfter
	if published.Before(eventDay) {
		event = b.eventBefore
	}
	body := []string{
		pick(r, b.quote),
		strings.ReplaceAll(pick(r, event), "{date}", b.date(eventDay)),
	}
	filler := r.Perm(len(b.filler))
	for _, k := range filler[:2+r.IntN(3)] {
		body = append(body, b.filler[k])
	}
	r.Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	lead := strings.ReplaceAll(pick(r, b.toll), "{n}", b.number(r, t.Toll))
	return Article{
		ID:        t.ID,
		Text:      strings.Join(append([]string{lead}, body...), "\n"),
		Language:  t.Language,
		Published: t.Published,
		Title:     pick(r, b.title),
		URL:       "https://news.example/" + t.Published + "/" + t.ID,
		Publisher: pick(r, b.publisher),
	}
}

// pick returns one of xs, chosen by r.
func pick(r *rand.Rand, xs []string) string {
	return xs[r.IntN(len(xs))]
}

// groupThousands writes n with a comma between groups of three digits.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
