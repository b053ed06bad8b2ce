package extract

// findFigures returns the numbers in d that quantify something. Numbers
// inside a date expression are not figures. A figure inside a statement's
// content takes the statement's speaker as its source.
func findFigures(d *document, actors *actorTable, stmts []Statement, times []TimeMention) []Figure {
	return nil
}
