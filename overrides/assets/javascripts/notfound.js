// The 404 page (overrides/404.html, hooks/sharing/notfound.py): when the missing address looks like one
// of our pages (another letter case, `.html`, the default language's folder, up to two typing
// slips, or the same last part under another folder), link that page in each language's notice.
// The functions are exported for tests/check/js/notfound.test.mjs.

/** "/Ru/Prosecutions.html" → "ru/prosecutions"; the default language has no folder of its own. */
export function normalise(address, defaultLocale) {
  const path = decoded(address).toLowerCase()
    .replace(/(index)?\.(html?|md)$/, "").replace(/\/+/g, "/").replace(/^\/|\/$/g, "")
  return path === defaultLocale || path.startsWith(defaultLocale + "/") ? path.slice(defaultLocale.length + 1) : path
}

/** The address with its %-escapes read, or as it is where they are not UTF-8 (`/ru/%C0%AF/`). */
function decoded(address) {
  try {
    return decodeURIComponent(address)
  } catch {
    return address
  }
}

/** Levenshtein distance: letters to insert, delete or replace to make `a` into `b`. */
export function distance(a, b) {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    row = next
  }
  return row[b.length]
}

/** The page of `known` (hooks/sharing/notfound.py's `root`, `default` and `pages`) that `pathname` looks
 * like, or null (also when there are no pages). */
export function lookalike(pathname, known) {
  const wanted = normalise(pathname.startsWith(known.root) ? pathname.slice(known.root.length) : pathname, known.default)
  const last = part => part.split("/").pop()
  const scored = known.pages.map(page => {
    const key = normalise(page.url, known.default)
    const slips = distance(wanted, key)
    return { page, score: slips <= 2 ? slips : key && last(key) === last(wanted) ? 3 : Infinity }
  })
  const best = scored.reduce((a, b) => (b.score < a.score ? b : a), { page: null, score: Infinity })
  return best.score < Infinity ? best.page : null
}

const known = JSON.parse(document.getElementById("notfound-pages").textContent)
const page = lookalike(location.pathname, known)
if (page) {
  document.querySelectorAll(".notfound__moved").forEach(line => {
    const link = line.appendChild(document.createElement("a"))  // none in the HTML: a link needs an address
    link.href = known.root + page.url
    link.lang = page.lang
    link.textContent = page.title
    line.hidden = false
  })
}
