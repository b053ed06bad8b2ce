package extract

// findStatements returns the attributions in d: who said what.
func findStatements(d *document, actors *actorTable) []Statement {
	return nil
}
