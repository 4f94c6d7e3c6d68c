// Our lunr modules are classic scripts for Material's search worker, which imports them after
// lunr into its global scope. Here each test gets a global scope of its own (a vm context), so that
// one test's patches of lunr's prototypes never reach another's.
import { readFileSync, readdirSync } from "node:fs"
import { createRequire } from "node:module"
import vm from "node:vm"

export const ROOT = new URL("../../../", import.meta.url)
export const LUNR = createRequire(import.meta.url).resolve("lunr") // 2.3.9, as Material's worker bundles
export const KK = new URL("overrides/assets/javascripts/lunr/kk.js", ROOT)
export const WORDFORMS = new URL("overrides/assets/javascripts/lunr/wordforms.js", ROOT)

/** Material's copy of lunr-languages' module `name` (lunr.ru, lunr.stemmer.support), installed in .venv. */
export function materialLunr(name) {
  const lib = new URL(".venv/lib/", ROOT)
  const python = readdirSync(lib).find(folder => folder.startsWith("python3"))
  return new URL(`${python}/site-packages/material/templates/assets/javascripts/lunr/min/lunr.${name}.min.js`, lib)
}

/** Run `files` in `context` (a new global scope unless given), in order, as importScripts would. */
export function load(files, context = vm.createContext({})) {
  for (const file of files) vm.runInContext(readFileSync(file, "utf8"), context, { filename: String(file) })
  return context
}

/** A value of another global scope as one of ours, for assert's deep comparisons. */
export const plain = value => JSON.parse(JSON.stringify(value))

export const readJSON = path => JSON.parse(readFileSync(new URL(path, ROOT), "utf8"))
