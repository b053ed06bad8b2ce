package extract

// findTimes returns every date expression in d, resolved against d.published.
func findTimes(d *document) []TimeMention {
	return nil
}
