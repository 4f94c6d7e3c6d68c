/*
 * lunr.wordforms: word forms, names and synonyms in Material's as-you-type search, and results
 * that read as the reader typed. Not a language: hooks/search/index.py lists it beside each
 * index's language (config.lang = [<lang>, "wordforms"]), so Material's search worker imports it
 * after lunr.<lang>, as lunr/min/lunr.wordforms.min.js (hooks/weight/scripts.py writes it there,
 * followed by `lunr.wordforms.use(<lunr/words.json>)`). A classic script, as importScripts needs.
 *
 * Material appends "*" to every query word, and lunr skips the search pipeline for such
 * wildcard words, so a stemmed index would not match an inflected query. Here, in the index's
 * own query, each typed word goes through the index's search pipeline (for Kazakh: the
 * normaliser and stemmer of lunr.kk.min.js, the same code that indexed the text) and brings:
 *   - its key, as a prefix (`Бокаевқа` -> `=бокаев*`, `blocked` -> `block*`); keys of seven
 *     letters or more also without their last letter (`задержан*` -> `задержа*`);
 *   - the word as typed, boosted, so that the exact spelling ranks first;
 *   - the key within one edit, for keys of five letters or more (`Bokayev` finds `Bokaev`);
 *   - every spelling of a name it spells, in any script, within one slip (words.json `names`:
 *     `Bokaev` on the Russian site finds `Бокаев`, `Бокоев` too);
 *   - the words it stands for in this index's language (words.json `synonyms`: `арест` finds
 *     `задержание`), boosted low, so that the word itself ranks first.
 * Material's own parse of the query keeps the words as typed, and each result's matches are
 * filed under the typed word that found them, each position once: Material then reports a
 * missing word as it was typed, and marks each match once (a position found twice, by the word
 * and by its key, made it cut its own <mark> tags). Its result links' `?h=` names the words the
 * result shows marked, as the page writes them, so that the opened page highlights them.
 *
 * It patches two methods of lunr 2.3 (Builder#build, Index#query) and the worker's postMessage,
 * and uses Query.presence, Query.wildcard, Pipeline#runString and Pipeline#toJSON: if a lunr of
 * Material's lacks one, the worker stops here with an error that names it, rather than search
 * without word forms. tests/check/js/wordforms.test.mjs runs it on lunr 2.3.9, the lunr Material's
 * worker bundles.
 */
(function () {
  "use strict"
  var lunr = globalThis.lunr

  function needs(path) {
    var found = path.split(".").reduce(function (object, key) { return object == null ? undefined : object[key] }, lunr)
    if (found === undefined) throw new Error("lunr.wordforms: lunr has no " + path + " (written for lunr 2.3.9)")
    return found
  }
  var build = needs("Builder.prototype.build"), query = needs("Index.prototype.query")
  var OPTIONAL = needs("Query.presence.OPTIONAL"), TRAILING = needs("Query.wildcard.TRAILING")
  needs("Pipeline.prototype.runString")
  needs("Pipeline.prototype.toJSON")

  // The index's search pipeline and language, and the words.json entries it uses, made ready once.
  var index = { pipeline: null, language: "en", names: [], synonyms: [] }
  var words = { names: [], synonyms: {} }

  function identity(token) { return token }
  lunr.wordforms = function () {}
  lunr.wordforms.wordCharacters = "0-9A-Za-z\\u00C0-\\u024F\\u0259"
  lunr.wordforms.trimmer = identity
  lunr.wordforms.stopWordFilter = identity
  lunr.wordforms.stemmer = identity
  lunr.wordforms.use = function (data) { words = data }
  lunr.Pipeline.registerFunction(identity, "wordforms-identity")

  // The search pipeline of the (one) index this worker builds, and its language: that of its
  // stemmer (`stemmer-ru`; lunr's own, `stemmer`, is English's).
  lunr.Builder.prototype.build = function () {
    index.pipeline = this.searchPipeline
    var stemmer = this.searchPipeline.toJSON().map(function (label) { return /^stemmer(?:-(.+))?$/.exec(label) })
      .filter(Boolean)[0]
    index.language = stemmer && stemmer[1] || "en"
    index.names = words.names.map(function (spellings) { return { spellings: spellings, folded: spellings.map(fold) } })
    var synonyms = words.synonyms[index.language] || {}
    index.synonyms = Object.keys(synonyms).map(function (meant) {
      var starts = synonyms[meant].map(function (said) { return key(said.toLowerCase()) })
      return { meant: meant, starts: starts.filter(function (start) { return start.length >= 3 }) }
    })
    return build.call(this)
  }

  function key(word) {
    var forms = index.pipeline ? index.pipeline.runString(word) : [word]
    return forms.length ? forms[forms.length - 1] : word
  }

  // ---- names and synonyms -----------------------------------------------------------------

  // Kazakh letters as a Russian keyboard types them: Боқаев and Бокаев are one spelling.
  var FOLD = { "қ": "к", "ғ": "г", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "і": "и", "ә": "а", "һ": "х", "ё": "е", "й": "и" }
  function fold(word) {
    return Array.from(word.toLowerCase(), function (ch) { return FOLD[ch] || ch }).join("")
  }

  // Whether a and b differ by at most one letter added, dropped, changed or two swapped.
  function withinOne(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false
    var i = 0
    while (i < a.length && a[i] === b[i]) i++
    if (i >= Math.min(a.length, b.length)) return true
    var swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
    return swapped || a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i)
  }

  // Whether `typed` spells `name` (both folded): the name begun (four letters at least), the name
  // with an ending (Бокаевқа), or one slip in a name of five letters or more (Бокоева).
  function spells(typed, name) {
    if (typed.length >= 4 && name.indexOf(typed) === 0) return true
    if (typed.indexOf(name) === 0) return true
    if (name.length < 5) return false
    for (var n = name.length - 1; n <= name.length + 1; n++)
      if (typed.length >= n && withinOne(typed.slice(0, n), name)) return true
    return false
  }

  // The words `word` (whose key is `stem`) also looks for: the spellings of the names it spells,
  // and the words of this language it stands for, if its key begins with the key of one they list
  // (`арестованы`, `арест`): so a synonym's forms need no listing.
  function alsoMeant(word, stem) {
    var typed = fold(word), found = []
    index.names.forEach(function (name) {
      if (name.folded.some(function (folded) { return spells(typed, folded) })) found.push.apply(found, name.spellings)
    })
    index.synonyms.forEach(function (synonym) {
      if (synonym.starts.some(function (start) { return stem.indexOf(start) === 0 })) found.push(synonym.meant)
    })
    return found
  }

  // ---- the query ----------------------------------------------------------------------------

  var ENDS = /^\*|\*$/g

  // Each parsed word becomes its key, and brings its other forms, names and synonyms.
  function expand(q, c) {
    var word = c.term.replace(ENDS, "").toLowerCase(), stem = key(word)
    if (!stem) return
    var extra = { fields: c.fields, presence: OPTIONAL, usePipeline: false, typed: word }
    var keys = [stem], letters = stem.replace(/^=/, "").length  // lunr.kk marks its keys with "="
    c.typed = word
    c.term = (c.term.charAt(0) === "*" ? "*" : "") + stem + (c.term.slice(-1) === "*" ? "*" : "")
    c.usePipeline = false
    if (word !== stem) q.clause(Object.assign({}, extra, { term: word, boost: 10, wildcard: TRAILING }))
    if (letters >= 7) q.clause(Object.assign({}, extra, { term: stem.slice(0, -1), boost: 0.5, wildcard: TRAILING }))
    if (letters >= 5) q.clause(Object.assign({}, extra, { term: stem, boost: 0.2, editDistance: 1 }))
    alsoMeant(word, stem).forEach(function (meant) {
      var other = key(meant.toLowerCase())
      if (!other || keys.indexOf(other) >= 0) return
      keys.push(other)
      q.clause(Object.assign({}, extra, { term: other, boost: 0.3, wildcard: TRAILING }))
    })
  }

  // Whether index term `term` is one clause `c` matches.
  function matches(c, term) {
    var stem = c.term.replace(ENDS, "")
    if (c.editDistance) return withinOne(stem, term)
    var leading = c.term.charAt(0) === "*", trailing = c.term.slice(-1) === "*"
    if (leading && trailing) return term.indexOf(stem) >= 0
    if (trailing) return term.indexOf(stem) === 0
    if (leading) return term.slice(-stem.length) === stem
    return term === stem
  }

  // A result's matches filed under the typed words that found them, each position once.
  function byTypedWord(metadata, clauses) {
    var filed = {}, seen = {}
    Object.keys(metadata).forEach(function (term) {
      var owners = clauses.filter(function (c) { return matches(c, term) }).map(function (c) { return c.typed })
      if (!owners.length) owners = [term]
      owners.forEach(function (owner) {
        var fields = filed[owner] = filed[owner] || {}
        Object.keys(metadata[term]).forEach(function (field) {
          var positions = (fields[field] = fields[field] || { position: [] }).position
          ;(metadata[term][field].position || []).forEach(function (p) {
            var at = field + ":" + p
            if (!seen[at]) positions.push(p)
            seen[at] = true
          })
        })
      })
    })
    return filed
  }
  lunr.wordforms.byTypedWord = byTypedWord

  lunr.Index.prototype.query = function (fn) {
    var clauses
    var results = query.call(this, function (q) {
      fn.call(this, q)
      q.clauses.slice().forEach(function (c) {
        if (!c.typed && c.editDistance === undefined && typeof c.term === "string") expand(q, c)
      })
      clauses = q.clauses.filter(function (c) { return c.typed })
    })
    results.forEach(function (r) { r.matchData.metadata = byTypedWord(r.matchData.metadata, clauses) })
    return results
  }

  // ---- what Material shows ------------------------------------------------------------------

  var MARKED = /<mark>([^<]*)<\/mark>/g

  function marked(item) {
    var found = []
    ;[item.title, item.text].forEach(function (html) {
      String(html || "").replace(MARKED, function (_, word) { found.push(word.toLowerCase()) })
    })
    return found
  }

  // Material's result message, each item's words found (which its link's `?h=` names) being the
  // words it shows marked, as written there; the article of a section found, its sections' words.
  function readable(message) {
    if (!message || message.type !== 3 || !message.data || !message.data.items) return message
    message.data.items.forEach(function (group) {
      var all = []
      group.forEach(function (item) {
        var shown = marked(item)
        all.push.apply(all, shown)
        if (shown.length) item.terms = terms(shown, item.terms)
      })
      group.forEach(function (item) { if (!marked(item).length && all.length) item.terms = terms(all, item.terms) })
    })
    return message
  }
  lunr.wordforms.readable = readable

  function terms(shown, before) {
    var result = {}
    shown.forEach(function (word) { result[word] = true })
    Object.keys(before || {}).forEach(function (word) { if (!before[word]) result[word] = false })
    return result
  }

  if (typeof globalThis.postMessage === "function") {
    var post = globalThis.postMessage
    globalThis.postMessage = function (message) {
      return post.apply(globalThis, [readable(message)].concat(Array.prototype.slice.call(arguments, 1)))
    }
  }
})()
