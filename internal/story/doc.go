// Package story writes long running news stories for tests and benchmarks:
// many short wire articles, half in Arabic and half in English, that repeat
// one growing death toll, one quote by one named speaker and one dated
// event, with filler sentences between them and a few planted articles
// whose toll contradicts that day's.
//
// Everything is a pure function of a Config: the same Config, seed
// included, gives byte-identical articles. Each article comes with its
// ground truth (Truth), so that a benchmark can check what the service
// made of the story.
package story
