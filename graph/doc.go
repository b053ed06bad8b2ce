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
// delete never look quads up by label (bolt has no label index): the
// article node holds its quad list (cg:quadList, the N-Quads of every other
// quad under its label), read back by subject and predicate. No quad is
// ever written twice (duplicates corrupt Cayley's reference counts).
//
// Cross-article links sit under one label of their own, [LinksLabel]
// (https://claimgraph.org/links), never under an article's. They are
// grouped by scope (link.go's Scopes: a speaker, a measure, an event kind
// and date). The scope index is part of each article, under its label,
// since an article's scopes depend on it alone (cg:scopeArticle). A scope
// that two or more stored articles have holds, under the links label, the
// quad list of everything its last recompute wrote (cg:quadList, as an
// article does), so every write or delete recomputes the scopes it
// touches, in the article's transaction, removing exactly their previous
// quads. Every quad under the label names a node of one scope only; an
// article alone in its scopes puts nothing there. An article with scopes
// keeps what linking reads of its extraction as cg:linkInput, so a
// recompute links the very document the write saw, whatever the order
// articles arrive in.
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
//	article    cg:quadList          "N-Quads of the article's other quads"
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
//	figure     cg:measure           "killed" | "hostages" | …
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
//	article    cg:linkInput         "JSON: what linking reads of the extraction" (articles with scopes only)
//	scope      rdf:type             cg:Scope
//	scope      cg:scopeArticle      article (the article has the scope)
//
// Under the links label:
//
//	subject    predicate            object
//	scope      cg:quadList          "N-Quads of the scope's other quads" (scopes of two articles or more)
//	claim      rdf:type             schema:Claim
//	claim      cg:key               "claim/{first article}/{first statement}"
//	claim      cg:speaker           actor
//	claim      cg:firstReported, cg:lastReported   "YYYY-MM-DD"
//	statement  cg:claim             claim
//	measure    rdf:type             cg:Measure (counted by two articles or more)
//	measure    cg:key               "killed@gaza" | "hostages:taken" | … (measure.go)
//	figure     cg:inMeasure         measure
//	eventgroup rdf:type             cg:EventGroup
//	eventgroup cg:key               "event/{kind}/{date}/{first article}/{first event}"
//	event      cg:inEventGroup      eventgroup
//	link       rdf:type             cg:Link
//	link       cg:linkKind          "SAME_CLAIM" | "FIGURE_AGREES" | "FIGURE_CONFLICTS" | "FIGURE_UPDATES" | "SAME_EVENT"
//	link       cg:from, cg:to       statement | figure | event (for FIGURE_UPDATES, from is the later figure)
//	link       cg:linkArticle       article of either end
//	link       cg:key               the claim, measure or event group key both ends share
//	link       cg:scope             "speaker:ID" | "measure:KEY" | "event:KIND/DATE"
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
// cg:speaker, actors by cg:nameWord. Lists are ordered by a stable key:
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
