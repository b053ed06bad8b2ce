package extract

// actorTable collects the actors of one document and where they are named.
type actorTable struct {
	d      *document
	actors []Actor
}

// newActorTable finds the actors that d names.
func newActorTable(d *document) *actorTable {
	return &actorTable{d: d}
}

// resolve returns the ID of the actor named by the phrase at span s (a name,
// title, role or description), adding an actor of kind hint when none fits.
func (t *actorTable) resolve(s Span, hint ActorKind) string {
	return ""
}

// mentionsIn returns the IDs of the actors named inside span s, each once,
// in order of first mention.
func (t *actorTable) mentionsIn(s Span) []string {
	return nil
}

// kind returns the kind of the actor with the given ID.
func (t *actorTable) kind(id string) ActorKind {
	return KindUnknown
}

// list returns the actors, each once.
func (t *actorTable) list() []Actor {
	return t.actors
}
