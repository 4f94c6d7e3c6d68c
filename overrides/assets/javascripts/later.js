// What the first view leaves for later: the whole stylesheet and Material's bundle.
//
// The stylesheet: each page paints its first screen from the rules in its own <style>
// (hooks/weight/stylesheet.py) and links the whole stylesheet for print, which no screen waits
// for; once it has come, it applies to every medium. Where scripts are off, a <noscript> link
// applies it.
//
// Material's bundle (34 kB gzip): what the first screen shows works without it, as it does where
// scripts are off: links, the menu and the search box (opened by CSS), the language list. It
// loads when the reader first reaches for the page (a tap, a key, focus, a wheel or a scroll), or
// at once when the address asks for a search (?q=) or for words to highlight (?h=). Until it
// runs, this module does what the bundle would do first (the colour scheme the reader chose or
// their system prefers), focuses the search box when its button is tapped, as the bundle does,
// so the box takes typing at once (the bundle searches for what it holds once its index has
// come), and holds what only the bundle answers, giving it to the bundle once it runs: a tap on
// the colour toggle, a key of its shortcuts, Enter or Escape in the search box. The first tap or
// key is never lost.

for (const link of document.querySelectorAll("link[rel=stylesheet][data-screen]")) {
  const apply = () => { link.media = "all" }
  if (link.sheet) apply()
  else link.addEventListener("load", apply)
}

const bundle = document.querySelector("script[data-bundle]").dataset.bundle
const palette = document.querySelector("[data-md-component=palette]")
const search = document.querySelector("input[data-md-component=search-query]")
const SHORTCUTS = new Set(["/", "s", "f", "p", ",", "n", "."]) // Material's keys for search and the next or previous page

// The colour scheme, as Material's bundle sets it when it starts (components/palette): the one
// the reader chose (its palette script has applied it already) or else the one whose media
// query matches; only that scheme's toggle is shown.
if (palette) {
  const options = [...palette.querySelectorAll("input")]
  let chosen = null
  try { chosen = __md_get("__palette") } catch { /* storage refused: the scheme the system prefers */ }
  const index = Math.max(0, chosen ? chosen.index
    : options.findIndex(option => matchMedia(option.getAttribute("data-md-color-media")).matches))
  if (!chosen) {
    for (const key of ["media", "scheme", "primary", "accent"])
      document.body.setAttribute(`data-md-color-${key}`, options[index].getAttribute(`data-md-color-${key}`))
  }
  options.forEach((option, n) => { if (option.nextElementSibling) option.nextElementSibling.hidden = n !== index })
}

let started = null
function start() {
  started ??= new Promise(resolve => {
    const script = document.createElement("script")
    script.src = bundle
    script.addEventListener("load", () => {
      keepOpen()
      // The bundle mounts the page's components on DOMContentLoaded, which has passed.
      document.dispatchEvent(new Event("DOMContentLoaded"))
      resolve()
    })
    document.body.append(script)
  })
  return started
}

// When the address names an element, the bundle closes the menu and search 125 ms after it starts
// (bundle.ts: "Always close drawer and search on navigation"): what the reader opened before or
// meanwhile stays open. Its close is a script's click on the toggle, not the reader's.
let closing = 0
function keepOpen() {
  if (location.hash.length > 1) closing = performance.now() + 250
}
document.addEventListener("click", event => {
  const toggle = event.target
  if (!event.isTrusted && performance.now() < closing && toggle instanceof HTMLInputElement
      && toggle.matches(".md-toggle[data-md-toggle]") && !toggle.checked) event.preventDefault()
}, true)

function typing(element) {
  return element instanceof HTMLElement && (element.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(element.tagName))
}

const asked = new URLSearchParams(location.search)
if (asked.has("q") || asked.get("h")) start()

for (const type of ["pointerdown", "touchstart", "keydown", "focusin", "wheel", "scroll"])
  addEventListener(type, start, { capture: true, once: true, passive: true })

document.addEventListener("click", event => {
  if (!(event.target instanceof Element)) return
  const label = event.target.closest("label")
  if (!label || window.component$) return
  if (label.htmlFor === "__search" && label.closest("header") && search) search.focus()
  if (palette && palette.contains(label)) {
    event.preventDefault()
    start().then(() => label.click())
  }
}, true)

document.addEventListener("keydown", event => {
  if (window.component$ || event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return
  const inSearch = event.target === search
  const held = inSearch ? ["Enter", "Escape"].includes(event.key)
    : event.target instanceof HTMLLabelElement ? event.key === "Enter" // Material clicks a focused label
    : !typing(event.target) && SHORTCUTS.has(event.key)
  if (!held) return
  event.preventDefault()
  const { key, code, shiftKey } = event
  start().then(() => (inSearch ? search : window).dispatchEvent(new KeyboardEvent("keydown", { key, code, shiftKey, bubbles: true })))
}, true)
