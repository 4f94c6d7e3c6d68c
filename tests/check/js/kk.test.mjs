// The Kazakh key of the search (overrides/assets/javascripts/lunr/kk.js) on tests/check/data/kazakh-forms.json.
//
// Readers type Kazakh in any of three Latin alphabets, in chat transliteration or on a Russian
// keyboard, and in any inflected form: each must reach the same index key, and unrelated words
// must not. tests/site/test_search.py runs the same code in Material's worker, in the search box.
import assert from "node:assert/strict"
import { test } from "node:test"
import { KK, LUNR, load, plain, readJSON } from "./realm.mjs"

const FORMS = readJSON("tests/check/data/kazakh-forms.json")
const { kazakhSearch, lunr } = load([LUNR, KK])
const { key, normalise } = kazakhSearch

test("the module loads without lunr: its functions alone, its lunr part skipped", () => {
  const alone = load([KK])
  assert.equal(alone.lunr, undefined)
  assert.deepEqual(Object.keys(alone.kazakhSearch).sort(), ["key", "normalise", "stem"])
})

test("every form has the key of its word", () => {
  const failures = FORMS.same_key.groups.flatMap(([first, ...rest]) => rest
    .filter(word => key(word) !== key(first))
    .map(word => `${word} -> ${key(word)}, but ${first} -> ${key(first)}`))
  assert.deepEqual(failures, [])
})

test("other forms start with the key of their stem (the search matches keys as prefixes)", () => {
  const failures = Object.entries(FORMS.prefix_of.forms).flatMap(([stem, words]) => words
    .filter(word => !key(word).startsWith(key(stem)))
    .map(word => `${word} -> ${key(word)} does not start with ${key(stem)} (the key of ${stem})`))
  assert.deepEqual(failures, [])
})

test("unrelated words do not collide", () => {
  const failures = FORMS.different.pairs.filter(([a, b]) => key(a) === key(b)).map(([a, b]) => `${a} and ${b}: ${key(a)}`)
  assert.deepEqual(failures, [])
})

test("names keep their whole stem (a naive stripper cuts Боқаев to бока)", () => {
  const failures = Object.entries(FORMS.names.keys).filter(([word, expected]) => key(word) !== expected)
    .map(([word, expected]) => `${word} -> ${key(word)}, expected ${expected}`)
  assert.deepEqual(failures, [])
})

test("every alphabet and keyboard normalises to one folded Cyrillic form", () => {
  const failures = Object.values(FORMS.normalise.alphabets).flatMap(table => Object.entries(table))
    .filter(([word, folded]) => normalise(word) !== folded)
    .map(([word, folded]) => `${word} -> ${normalise(word)}, expected ${folded}`)
  assert.deepEqual(failures, [])
})

test("the lunr stemmer keeps the word as typed and adds its key, marked", () => {
  const tokens = lunr.kk.stemmer(new lunr.Token("Боқаевқа"))
  assert.deepEqual(plain(tokens.map(String)), ["боқаевқа", "=бокаев"])
  assert.equal(lunr.kk.trimmer(new lunr.Token("«Amnesty'дің».")).toString(), "Amnesty'дің")
})
