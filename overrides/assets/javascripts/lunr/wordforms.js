/*
 * lunr.wordforms: word forms in Material's as-you-type search. Not a language: hooks/search.py
 * lists it beside each index's language (config.lang = [<lang>, "wordforms"]), so Material's
 * search worker imports it after lunr.<lang>, as lunr/min/lunr.wordforms.min.js (hooks/scripts.py
 * writes it there; it is not minified). A classic script, as importScripts needs.
 *
 * Material appends "*" to every query word, and lunr skips the search pipeline for such
 * wildcard words, so a stemmed index would not match an inflected query. Here each query
 * word goes through the index's own search pipeline (for Kazakh: the normaliser and stemmer of
 * lunr.kk.min.js, the same code that indexed the text) and keeps its trailing "*":
 *   - the word's key, as a prefix (`Бокаевқа` -> `бокаев*`, `blocked` -> `block*`); keys of
 *     seven letters or more also match without their last letter (`задержан*` -> `задержа*`),
 *     which joins forms whose stems differ in one final letter;
 *   - the word as typed, boosted, so that the exact spelling ranks first;
 *   - the key within one edit, for words of five letters or more, so that a name survives a
 *     one-letter slip (`Bokayev` finds `Bokaev`).
 * Material also parses the query to highlight and rank matches; it sees the key, so the
 * matches it finds are highlighted, not reported missing.
 *
 * It patches three methods of lunr 2.3 (Builder#build, Query#clause, Index#query) and uses
 * Query.presence, Query.wildcard and Pipeline#runString: if a lunr of Material's lacks one, the
 * worker stops here with an error that names it, rather than search without word forms.
 * tests/js/wordforms.test.mjs runs it on lunr 2.3.9, the lunr Material's worker bundles.
 */
(function () {
  "use strict"
  var lunr = globalThis.lunr

  function needs(path) {
    var found = path.split(".").reduce(function (object, key) { return object == null ? undefined : object[key] }, lunr)
    if (found === undefined) throw new Error("lunr.wordforms: lunr has no " + path + " (written for lunr 2.3.9)")
    return found
  }
  var build = needs("Builder.prototype.build"), clause = needs("Query.prototype.clause")
  var query = needs("Index.prototype.query"), OPTIONAL = needs("Query.presence.OPTIONAL")
  var TRAILING = needs("Query.wildcard.TRAILING")
  needs("Pipeline.prototype.runString")

  var index = { pipeline: null }

  function identity(token) { return token }
  lunr.wordforms = function () {}
  lunr.wordforms.wordCharacters = "0-9A-Za-z\\u00C0-\\u024F\\u0259"
  lunr.wordforms.trimmer = identity
  lunr.wordforms.stopWordFilter = identity
  lunr.wordforms.stemmer = identity
  lunr.Pipeline.registerFunction(identity, "wordforms-identity")

  // The search pipeline of the (one) index this worker builds.
  lunr.Builder.prototype.build = function () {
    index.pipeline = this.searchPipeline
    return build.call(this)
  }

  function key(word) {
    var forms = index.pipeline ? index.pipeline.runString(word) : [word]
    return forms.length ? forms[forms.length - 1] : word
  }

  // Every parsed query word becomes its key (with the query's wildcards).
  lunr.Query.prototype.clause = function (options) {
    var term = options && typeof options.term === "string" ? options.term : null
    if (term !== null && !options.typed && options.editDistance === undefined) {
      var leading = term.charAt(0) === "*", trailing = term.slice(-1) === "*"
      var word = term.replace(/^\*|\*$/g, "")
      var stem = key(word)
      if (stem) {
        options.typed = word.toLowerCase()
        options.term = (leading ? "*" : "") + stem + (trailing ? "*" : "")
        options.usePipeline = false
      }
    }
    return clause.call(this, options)
  }

  // In the index's own query, each word also brings its exact, shorter and one-slip forms.
  lunr.Index.prototype.query = function (fn) {
    return query.call(this, function (q) {
      fn.call(this, q)
      q.clauses.slice().forEach(function (c) {
        if (!c.typed) return
        var stem = c.term.replace(/^\*|\*$/g, "")
        var extra = { fields: c.fields, presence: OPTIONAL, usePipeline: false, typed: true }
        if (c.typed !== stem)
          q.clause(Object.assign({}, extra, { term: c.typed, boost: 10, wildcard: TRAILING }))
        if (stem.length >= 7)
          q.clause(Object.assign({}, extra, { term: stem.slice(0, -1), boost: 0.5, wildcard: TRAILING }))
        if (stem.length >= 5)
          q.clause(Object.assign({}, extra, { term: stem, boost: 0.2, editDistance: 1 }))
      })
    })
  }
})()
