// Word forms in the as-you-type search (overrides/assets/javascripts/lunr/wordforms.js), on lunr
// 2.3.9 from npm. Material's worker appends "*" to every word the reader types and calls
// index.search; so do these tests. tests/site/test_search.py runs the same in the search box.
import assert from "node:assert/strict"
import { readFileSync, readdirSync } from "node:fs"
import { test } from "node:test"
import { KK, LUNR, ROOT, WORDFORMS, load, materialLunr, plain, readJSON } from "./realm.mjs"

const WORDS = readJSON("overrides/assets/javascripts/lunr/words.json")

function index(docs, ...languages) {
  const { lunr } = load([LUNR, materialLunr("stemmer.support"), materialLunr("ru"), KK, WORDFORMS])
  lunr.wordforms.use(WORDS)  // as the build writes it after the module
  const built = lunr(function () {
    languages.forEach(language => this.use(lunr[language]))
    this.metadataWhitelist = ["position"]
    this.ref("location")
    this.field("text")
    docs.forEach(doc => this.add(doc))
  })
  built.wordforms = lunr.wordforms
  return built
}
const found = (idx, typed) => plain(idx.search(typed.split(" ").map(word => word + "*").join(" ")).map(r => r.ref))

const KAZAKH = index([{ location: "exact", text: "Макс Боқаев туралы" }, { location: "folded", text: "Макс Бокаев туралы" },
                      { location: "latin", text: "Qazaqstan turaly" }, { location: "cyrillic", text: "Қазақстан туралы" },
                      { location: "rally", text: "Кривошеевтің митингтен кейін" }], "kk")
const ENGLISH = index([{ location: "blocking", text: "Sites were blocked" }, { location: "bokaev", text: "Max Bokaev was detained" }])

test("each typed word brings its key, its exact spelling, a shorter key and the key within one slip", () => {
  let query
  KAZAKH.query(q => { query = q; q.term("Кривошеевтің*") })
  assert.deepEqual(plain(query.clauses.map(c => [c.term, c.boost, c.editDistance ?? 0])), [
    ["=кривошеев*", 1, 0],       // the key, as a prefix
    ["кривошеевтің*", 10, 0],    // the word as typed, boosted: the exact spelling first
    ["=кривошее*", 0.5, 0],      // a key of seven letters or more, less its last one
    ["=кривошеев", 0.2, 1]])     // a key of five letters or more, within one edit
  KAZAKH.query(q => { query = q; q.term("Аян*") })
  assert.deepEqual(plain(query.clauses.map(c => c.term)), ["=аян*", "аян*"])
})

test("inflected forms not in the text find the word", () => {
  assert.deepEqual(found(KAZAKH, "Кривошеевке"), ["rally"])
  assert.deepEqual(found(KAZAKH, "митингке"), ["rally"])
  assert.deepEqual(found(ENGLISH, "blocks"), ["blocking"])
})

test("the exact spelling ranks first when both forms exist", () => {
  for (const [typed, first] of [["Боқаев", "exact"], ["Бокаев", "folded"], ["Qazaqstan", "latin"], ["Қазақстан", "cyrillic"]]) {
    const refs = found(KAZAKH, typed)
    assert.equal(refs[0], first, `${typed}: ${refs}`)
    assert.equal(refs.length, 2, `${typed}: ${refs}`)
  }
})

test("a name survives a one-letter slip", () => {
  assert.deepEqual(found(KAZAKH, "Бокаеф").sort(), ["exact", "folded"])
  assert.deepEqual(found(ENGLISH, "Bokayev"), ["bokaev"])
  assert.deepEqual(found(ENGLISH, "Bokayef"), [])  // two slips: no
})

test("each match is filed under the word typed, each position once", () => {
  const [result] = KAZAKH.search("Кривошеевтің*")  // the word as typed and its key both match the one word
  assert.deepEqual(plain(result.matchData.metadata), { "кривошеевтің": { text: { position: [[0, 12]] } } })
  const [vpn] = index([{ location: "vpn", text: "Виртуалды жеке желілер VPN" }], "kk").search("VPN*")
  assert.deepEqual(plain(vpn.matchData.metadata), { vpn: { text: { position: [[23, 3]] } } })
})

test("matches found by two typed words keep each position once", () => {
  const metadata = { "=бокаев": { text: { position: [1, 2] } }, "боқаев": { text: { position: [1] } } }
  const clauses = [{ term: "=бокаев*", typed: "bokaev" }, { term: "боқаев*", typed: "боқаев" }]
  assert.deepEqual(plain(KAZAKH.wordforms.byTypedWord(metadata, clauses)),
                   { bokaev: { text: { position: [1, 2] } }, "боқаев": { text: { position: [] } } })
})

test("a name typed in another script, or with a slip, finds the spelling of the index's language", () => {
  const russian = index([{ location: "bokaev", text: "Дело Макса Бокаева" }, { location: "other", text: "Кривошеев" }], "ru")
  const english = index([{ location: "bokaev", text: "The case of Maks Bokaev" }])
  for (const typed of ["Bokaev", "Bokayev", "Бокоев", "Бокоева", "Боқаевқа"]) assert.deepEqual(found(russian, typed), ["bokaev"], typed)
  for (const typed of ["Боқаев", "Бокаев", "Бокаеву", "Maks"]) assert.deepEqual(found(english, typed), ["bokaev"], typed)
  assert.deepEqual(found(english, "Бокеав"), ["bokaev"])  // two letters swapped
  assert.deepEqual(found(english, "Бокуоев"), [])  // two slips: no
})

test("synonyms are those of the index's language, and the word itself ranks first", () => {
  const russian = index([{ location: "said", text: "административные аресты" }, { location: "meant", text: "массовые задержания" }], "ru")
  assert.deepEqual(found(russian, "арест"), ["said", "meant"])
  assert.deepEqual(found(russian, "арестованы"), ["meant"])
  assert.deepEqual(found(russian, "ВПН"), [])
  const english = index([{ location: "meant", text: "people were detained" }, { location: "vpn", text: "VPNs" }])
  assert.deepEqual(found(english, "arrested"), ["meant"])
  assert.deepEqual(found(english, "впн"), ["vpn"])
  assert.deepEqual(found(english, "арест"), [])  // a Russian synonym is not English's
  assert.deepEqual(found(index([{ location: "may-21", text: "Жаппай ұстаулар" }], "kk"), "қамауға алу"), ["may-21"])
})

test("results name the words they show marked, and a missing word as typed", () => {
  const message = { type: 3, data: { items: [[
    { location: "p/", title: "Page", text: "", terms: {} },
    { location: "p/#a", title: "<mark>Боқаев</mark> пен", text: "<mark>Боқаевқа</mark> және <mark>боқаев</mark>",
      terms: { bokaev: true, qwzx: false } }]] } }
  const [[article, section]] = KAZAKH.wordforms.readable(message).data.items
  assert.deepEqual(plain(section.terms), { "боқаев": true, "боқаевқа": true, qwzx: false })
  assert.deepEqual(plain(article.terms), { "боқаев": true, "боқаевқа": true })
  assert.deepEqual(KAZAKH.wordforms.readable({ type: 1 }), { type: 1 })
})

test("a lunr without what the file patches or uses stops it, with the name of what is missing", () => {
  for (const path of ["Builder.prototype.build", "Index.prototype.query", "Query.presence.OPTIONAL",
                      "Query.wildcard.TRAILING", "Pipeline.prototype.runString", "Pipeline.prototype.toJSON"]) {
    const realm = load([LUNR])
    const names = path.split(".")
    delete names.slice(0, -1).reduce((object, name) => object[name], realm.lunr)[names.at(-1)]
    assert.throws(() => load([WORDFORMS], realm), { message: `lunr.wordforms: lunr has no ${path} (written for lunr 2.3.9)` })
  }
})

test("the lunr of these tests is the lunr Material's search worker bundles", () => {
  const version = load([LUNR]).lunr.version
  const workers = new URL(".venv/lib/", ROOT)
  const python = readdirOrFail(workers).find(name => name.startsWith("python3"))
  const folder = new URL(`${python}/site-packages/material/templates/assets/javascripts/workers/`, workers)
  const worker = readdirOrFail(folder).find(name => /^search\.\w+\.min\.js$/.test(name))
  assert.match(readFileSync(new URL(worker, folder), "utf8"), new RegExp(`version="${version.replaceAll(".", "\\.")}"`))
})

function readdirOrFail(folder) {
  try {
    return readdirSync(folder)
  } catch {
    assert.fail(`${folder.pathname} is missing: run \`make .venv/bin/mkdocs\` to install Material first`)
  }
}
