// Word forms in the as-you-type search (overrides/assets/javascripts/lunr/wordforms.js), on lunr
// 2.3.9 from npm. Material's worker appends "*" to every word the reader types and calls
// index.search; so do these tests. tests/test_search.py runs the same in the search box.
import assert from "node:assert/strict"
import { readFileSync, readdirSync } from "node:fs"
import { test } from "node:test"
import { KK, LUNR, ROOT, WORDFORMS, load, plain } from "./realm.mjs"

function index(docs, ...languages) {
  const { lunr } = load([LUNR, KK, WORDFORMS])
  return lunr(function () {
    languages.forEach(language => this.use(lunr[language]))
    this.ref("location")
    this.field("text")
    docs.forEach(doc => this.add(doc))
  })
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

test("a lunr without what the file patches or uses stops it, with the name of what is missing", () => {
  for (const path of ["Builder.prototype.build", "Query.prototype.clause", "Index.prototype.query",
                      "Query.presence.OPTIONAL", "Query.wildcard.TRAILING", "Pipeline.prototype.runString"]) {
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
