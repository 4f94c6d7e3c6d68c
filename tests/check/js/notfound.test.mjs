// The 404 page's guess at the page a missing address meant (overrides/assets/javascripts/notfound.js).
// tests/site/test_share.py checks the links it writes in the browser; these check the guess itself.
import assert from "node:assert/strict"
import { test } from "node:test"

const pages = (locale, prefix) => ["", "blocking/", "prosecutions/", "may-21/", "recommendations/"]
  .map(name => ({ url: prefix + name, title: `${locale} ${name}`, lang: locale }))
// As hooks/sharing/notfound.py writes it for a site under /sub/path/.
const KNOWN = { root: "/sub/path/", default: "kk", pages: [...pages("kk", ""), ...pages("ru", "ru/"), ...pages("en", "en/")] }

// The module also runs on the 404 page it is loaded by: a stand-in page whose address looks like none.
globalThis.document = { getElementById: () => ({ textContent: JSON.stringify(KNOWN) }), querySelectorAll: () => [] }
globalThis.location = { pathname: "/sub/path/nothing-like-this-here/" }
const { distance, lookalike, normalise } = await import("../../../overrides/assets/javascripts/notfound.js")

test("addresses compare without case, .html, index, doubled slashes or the default language's folder", () => {
  assert.equal(normalise("/Ru/Prosecutions.html", "kk"), "ru/prosecutions")
  assert.equal(normalise("/en//may-21/index.html", "kk"), "en/may-21")
  assert.equal(normalise("kk/blocking/", "kk"), "blocking")
  assert.equal(normalise("/kk", "kk"), "")
  assert.equal(normalise("kkx/blocking/", "kk"), "kkx/blocking")
  assert.equal(normalise("%D0%91%D0%B0%D1%81", "kk"), "бас")
})

test("the default language comes from the build's data, not the script", () => {
  assert.equal(normalise("en/may-21/", "en"), "may-21")
  assert.equal(normalise("kk/blocking/", "en"), "kk/blocking")
})

test("distance counts the letters to insert, delete or replace", () => {
  assert.equal(distance("may21", "may-21"), 1)
  assert.equal(distance("kitten", "sitting"), 3)
  assert.equal(distance("sitting", "kitten"), 3)
  assert.equal(distance("", "abc"), 3)
  assert.equal(distance("blocking", "blocking"), 0)
})

test("a missing address finds the page it looks like, or none", () => {
  const url = missing => lookalike(KNOWN.root + missing, KNOWN)?.url ?? null
  assert.equal(url("ru/Prosecutions.html"), "ru/prosecutions/")       // letter case, .html
  assert.equal(url("kk/blocking/"), "blocking/")                        // the default language's folder
  assert.equal(url("en/may21/"), "en/may-21/")                          // a slip
  assert.equal(url("en/mya21/"), "en/may-21/")                          // two slips
  assert.equal(url("old/section/recommendations/"), "recommendations/") // the same last part elsewhere
  assert.equal(url("nothing-like-this-here/"), null)
})

test("an address whose escapes are not UTF-8, or a site without pages, finds nothing and throws nothing", () => {
  assert.equal(normalise("/ru/%C0%AF/", "kk"), "ru/%c0%af")
  assert.equal(lookalike("/sub/path/ru/%C0%AF/", KNOWN), null)
  assert.equal(lookalike("/sub/path/ru/blocking/", { ...KNOWN, pages: [] }), null)
})
