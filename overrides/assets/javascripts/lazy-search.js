// Search costs nothing until the reader opens it.
//
// Material's bundle (which runs after this module) fetches search/search_index.json and starts
// its search worker (which then imports the lunr language modules) on every page load. Here the
// worker and the index request wait, unchanged, until the reader first opens search: the
// search box gets focus (click, tap, or Material's "/" and "s" keys) or the address asks for
// a search (?q=) or words to highlight (?h=, which a search result's link carries: Material
// marks them once the index has come). From file://, Material loads the index by a script tag,
// not fetch: that stays as it is.
// Material reads the box on key-up only: text that comes without keys (a paste, an input method)
// brings one. Works whether its bundle has started or not (it then reads the box).
document.addEventListener("input", event => {
  if (event.target instanceof Element && event.target.matches("input[data-md-component=search-query]"))
    event.target.dispatchEvent(new KeyboardEvent("keyup"))
})

let opened
const open = new Promise(resolve => { opened = resolve })
const config = JSON.parse(document.getElementById("__config").textContent)
const workerUrl = new URL(config.search, location).href

document.addEventListener("focusin", event => {
  if (event.target instanceof Element && event.target.matches("input[data-md-component=search-query]")) opened()
})
const asked = new URLSearchParams(location.search)
if (asked.has("q") || asked.get("h")) opened()

// Material requests the index with XMLHttpRequest: its send waits for the reader.
const { open: openRequest, send } = XMLHttpRequest.prototype
XMLHttpRequest.prototype.open = function (method, url) {
  this.searchIndex = /\/search\/search_index\.json$/.test(new URL(url, location).pathname)
  return openRequest.apply(this, arguments)
}
XMLHttpRequest.prototype.send = function (...args) {
  if (!this.searchIndex) return send.apply(this, args)
  open.then(() => send.apply(this, args))
}

// Material's search worker: a stand-in that queues messages until the real one starts.
const Worker = window.Worker
window.Worker = function LazyWorker(url, options) {
  if (new URL(url, location).href !== workerUrl) return new Worker(url, options)
  const target = new EventTarget(), queue = []
  let worker = null
  open.then(() => {
    worker = new Worker(url, options)
    worker.addEventListener("message", event => target.dispatchEvent(new MessageEvent("message", { data: event.data })))
    worker.addEventListener("error", () => target.dispatchEvent(new Event("error")))
    queue.splice(0).forEach(message => worker.postMessage(message))
  })
  target.postMessage = message => { worker ? worker.postMessage(message) : queue.push(message) }
  target.terminate = () => { if (worker) worker.terminate() }
  return target
}
