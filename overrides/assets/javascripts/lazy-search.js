// Search costs nothing until the reader opens it.
//
// Material's bundle (loaded after this script) fetches search/search_index.json and starts its
// search worker (which then imports the lunr language modules) on every page load. Here the
// worker and the index request wait, unchanged, until the reader first opens search: the
// search box gets focus (click, tap, or Material's "/" and "s" keys) or the address asks for
// a search (?q=). From file://, Material loads the index by a script tag, not fetch: that
// stays as it is.
(function () {
  "use strict"
  var opened
  var open = new Promise(function (resolve) { opened = resolve })
  var config = JSON.parse(document.getElementById("__config").textContent)
  var workerUrl = new URL(config.search, location).href

  document.addEventListener("focusin", function (event) {
    if (event.target instanceof Element && event.target.matches("input[data-md-component=search-query]")) opened()
  })
  if (new URLSearchParams(location.search).has("q")) opened()

  // Material requests the index with XMLHttpRequest: its send waits for the reader.
  var openRequest = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = /\/search\/search_index\.json$/.test(new URL(url, location).pathname)
    return openRequest.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments
    if (!request.searchIndex) return send.apply(request, args)
    open.then(function () { send.apply(request, args) })
  }

  var Worker = window.Worker
  function LazyWorker(url, options) {
    if (new URL(url, location).href !== workerUrl) return new Worker(url, options)
    var target = new EventTarget(), queue = [], worker = null
    open.then(function () {
      worker = new Worker(url, options)
      worker.addEventListener("message", function (event) { target.dispatchEvent(new MessageEvent("message", { data: event.data })) })
      worker.addEventListener("error", function () { target.dispatchEvent(new Event("error")) })
      queue.splice(0).forEach(function (message) { worker.postMessage(message) })
    })
    target.postMessage = function (message) { worker ? worker.postMessage(message) : queue.push(message) }
    target.terminate = function () { if (worker) worker.terminate() }
    return target
  }
  window.Worker = LazyWorker
})()
