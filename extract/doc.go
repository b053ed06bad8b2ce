// Package extract turns the text of a news article into an Extraction: its
// actors, who said what (statements), figures, events and dates, in Arabic
// and English.
//
// Everything here is a pure function of the input text: no I/O, no global
// state that changes. Lexicons, the gazetteer and the English attribution
// model (a sequence tagger trained by extract/internal/trainattr) are data
// files embedded with go:embed. Offsets are Unicode code point indices into the text as given.
package extract
