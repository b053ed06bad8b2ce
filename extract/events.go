package extract

// findEvents returns the happenings in d with their dates, participants and places.
func findEvents(d *document, actors *actorTable, times []TimeMention) []Event {
	return nil
}
