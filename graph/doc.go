// Package graph stores what claimgraph extracts from articles as quads in
// Cayley and answers typed and raw queries over them.
//
// # Nodes
//
// Every node is an IRI under [Base] (https://claimgraph.org/). Ids are
// percent-encoded into one path segment (ASCII letters, digits, "-._~" and
// non-ASCII letters, digits and marks stay; every other byte becomes %XX),
// so any id, holding '/', '>', quotes, spaces, newlines, NUL or bidi
// controls, gives a valid IRI that no other id gives.
//
//	article    https://claimgraph.org/article/{id}
//	statement  https://claimgraph.org/article/{id}/statement/{local id}
//	figure     https://claimgraph.org/article/{id}/figure/{local id}
//	event      https://claimgraph.org/article/{id}/event/{local id}
//	actor      https://claimgraph.org/actor/{id}
//	role       https://claimgraph.org/actor/{id}/role/{hash of title and dates}
//	claim      https://claimgraph.org/claim/{claim key}
//	measure    https://claimgraph.org/measure/{measure key}
//	eventgroup https://claimgraph.org/eventgroup/{event group key}
//	link       https://claimgraph.org/link/{kind}/{key}/{from article}/{from local id}/{to article}/{to local id}
//	scope      https://claimgraph.org/scope/{scope}
//
// Keys (claim, measure, event group keys and scopes, see link.go) are
// encoded as one segment like ids; a link's kind is its LinkKind name in
// lower case with '-' for '_' (figure-conflicts). [NodeIRI] builds them.
//
// Prefixes below: schema: http://schema.org/, prov: http://www.w3.org/ns/prov#,
// rdf: http://www.w3.org/1999/02/22-rdf-syntax-ns#, cg: https://claimgraph.org/ns#.
//
// # Labels
//
// Every quad an article asserts has the article's IRI as its label,
// including what it says about actors (their types, names, aliases and
// roles): the same actor triple is stored once per article that states it,
// so deleting an article never removes what another says. Replace and
// delete never look quads up by label (bolt has no label index): the quads
// of the nodes the article owns (itself, its statements, figures and
// events) are found by subject, and the article node holds the quad list
// of the rest (cg:quadList, the N-Quads of what it says about actors and
// roles). No quad is ever written twice (duplicates corrupt Cayley's
// reference counts).
//
// Cross-article links, and the indexes that find the few nodes a new node
// must be compared with, sit under one label of their own, [LinksLabel]
// (https://claimgraph.org/links), written in the transaction of the
// article that makes them (linking.go). Package link decides how nodes
// relate; this package finds the candidates and stores what link decides.
//
// The store's own facts sit under [StoreNode]: its schema version
// ([SchemaVersion]; see Upgrade).
//
// # Vocabulary
//
//	subject    predicate            object
//	article    rdf:type             schema:NewsArticle
//	article    schema:url           "url"
//	article    schema:headline      "title"
//	article    schema:publisher     "publisher"
//	article    schema:inLanguage    "ar" | "en" | …
//	article    schema:datePublished "YYYY-MM-DD"
//	article    schema:articleBody   "text"
//	article    cg:contentHash       "SHA-256 of the text, hex"
//	article    cg:statementCount, cg:figureCount, cg:eventCount, cg:actorCount   int
//	article    cg:quadCount         int: quads under the label, these two included
//	article    cg:ingestTime        "RFC 3339 UTC"
//	article    cg:quadList          "N-Quads of the article's quads about actors and roles"
//	actor      rdf:type             cg:Actor, and schema:Person | schema:Organization |
//	                                schema:Place | cg:Group | cg:AnonymousSource
//	actor      schema:name          "canonical name"
//	actor      schema:alternateName "alias"
//	actor      cg:nameKey           "normalised name or alias" (extract.NormalizeArabic, words joined by one space)
//	actor      cg:nameWord          "one word of a normalised name or alias"
//	actor      cg:role              role
//	actor      cg:mentionedIn       article
//	role       rdf:type             schema:Role
//	role       schema:roleName      "title as written"
//	role       schema:startDate, schema:endDate   "YYYY-MM-DD"
//	statement  rdf:type             cg:Statement, and schema:Quotation when direct
//	statement  prov:wasDerivedFrom  article
//	statement  cg:speaker           actor
//	statement  cg:speakerText       "the speaker's words"
//	statement  cg:speakerSpan, cg:cueSpan, cg:span   "start,end" (code points; cg:span is the content)
//	statement  cg:cue               "cue verb"
//	statement  schema:text          "content"
//	statement  cg:direct            bool
//	statement  cg:sentence          int
//	statement  cg:confidence        float
//	statement  schema:mentions      actor | event
//	statement  cg:saidOn            "ISO date, maybe partial"
//	figure     rdf:type             cg:Figure
//	figure     prov:wasDerivedFrom  article
//	figure     schema:value         float
//	figure     cg:approximate       bool
//	figure     cg:qualifier         "exact" | "about" | "more_than" | "at_least" | "less_than" | "up_to"
//	figure     schema:unitText      "person" | "USD" | …
//	figure     cg:counts            "what is counted, as written"
//	figure     cg:measure           "killed" | "hostages" | … (as the text names it)
//	figure     cg:inMeasure         measure (its key: extract.Figure.Key)
//	figure     cg:since             "ISO date, maybe partial": the start of its period
//	figure     cg:accordingTo       actor
//	figure     cg:sourceText        "the words naming the source"
//	figure     cg:inStatement       statement
//	figure     cg:asOf              "ISO date, maybe partial"
//	figure     cg:span, schema:text "start,end", "the figure as written"
//	event      rdf:type             schema:Event
//	event      prov:wasDerivedFrom  article
//	event      cg:eventKind         "kind"
//	event      cg:trigger, cg:span  "trigger word", "start,end"
//	event      cg:date, cg:dateText "ISO date, maybe partial", "as written"
//	event      cg:participant       actor
//	event      schema:location      actor (a place)
//
// Under the links label:
//
//	subject    predicate            object
//	claim      rdf:type             schema:Claim (two members or more)
//	claim      cg:key               "claim/{first article}/{first statement}"
//	claim      cg:speaker           actor (two members or more)
//	claim      cg:first             its first report, which represents it
//	claim      cg:signature         "JSON: link.Signature of the first report"
//	claim      cg:band              "{speaker}|{band}" (link.Bands): the index statements are matched through
//	statement  cg:claim             claim
//	measure    rdf:type             cg:Measure
//	measure    cg:key               "killed@gaza" | "hostages:taken" | … (extract/measure.go)
//	measure    cg:month             "YYYY-MM" with figures
//	month      cg:day               "YYYY-MM-DD" with figures (month: measure IRI + "/YYYY-MM")
//	figure     cg:onDay             day (measure IRI + "/YYYY-MM-DD"): the day it holds for
//	eventgroup rdf:type             cg:EventGroup (two members or more)
//	eventgroup cg:key               "event/{kind}/{date}/{first article}/{first event}"
//	eventgroup cg:eventScope        "{kind}/{date}|{actor}", one per actor of its first report
//	eventgroup cg:participant       actor (its first report's participants and places)
//	eventgroup cg:first             its first report
//	event      cg:inEventGroup      eventgroup
//	link       rdf:type             cg:Link
//	link       cg:linkKind          "SAME_CLAIM" | "FIGURE_AGREES" | "FIGURE_CONFLICTS" | "FIGURE_UPDATES" | "SAME_EVENT"
//	link       cg:from, cg:to       statement | figure | event (for FIGURE_UPDATES, from is the later figure)
//	link       cg:linkArticle       article of either end
//	link       cg:key               the claim, measure or event group key both ends share
//	link       cg:score             float 0..1
//	link       cg:fromValue, cg:toValue   float: the figures' values (figure links only)
//	link       cg:fromDate, cg:toDate     "YYYY-MM-DD": the ends' dates
//	statement  cg:sameClaimAs       statement   (from → to of each link, for traversal)
//	figure     cg:agreesWith | cg:conflictsWith | cg:updates   figure
//	event      cg:sameEventAs       event
//
// Empty strings and zero spans are not stored.
//
// # Reading
//
// Typed reads go through Cayley's quad indexes: facts of a node by subject,
// items of an article by prov:wasDerivedFrom, statements of a speaker by
// cg:speaker, actors by cg:nameWord. Cayley's indexes give no order, so
// unfiltered lists of articles and of their items page from the articles'
// ids held in order in memory (articleindex.go), except on PostgreSQL. Lists are ordered by a stable key:
// article id; actor id; for statements, figures and events the encoded
// article id and local id joined by "/". An actor reference in a filter is
// an actor id, or any name or alias whose normalised words include all the
// reference's words ("Trump" finds "Donald Trump", «ترامب» finds
// «دونالد ترامب»).
//
// # Concurrency
//
// A Store is safe for concurrent use. Writes are serialised; on memory,
// reads are too (memstore mutates itself while reading). Subscribe
// delivers what each write changed after it commits, never blocking it.
package graph
