// share.js (overrides/assets/javascripts/share.js) on a stand-in page: one share menu as the build
// writes it and one that is not (no link). tests/site/test_campaign.py checks it in the browser.
import assert from "node:assert/strict"
import { test } from "node:test"

function element(tag) {
  return { tag, dataset: {}, attributes: {}, children: [], setAttribute(name, value) { this.attributes[name] = value },
           append(child) { this.children.push(child) }, remove() { this.removed = true } }
}
const heading = element("h2")
const link = { href: "https://t.me/share/url?url=https%3A%2F%2Fe.org%2Fru%2F%23vpn&text=VPN" }
const good = { ...element("details"), querySelector: () => link, previousElementSibling: heading }
const broken = { ...element("details"), querySelector: () => null, previousElementSibling: element("h2") }
const listened = []
globalThis.navigator = { share: async () => {} }
globalThis.document = {
  querySelector: () => ({ dataset: { share: "Поделиться", copied: "✓", failed: "✗" } }),
  querySelectorAll: selector => (selector === "details.share-menu" ? [broken, good] : []),
  createElement: element,
  addEventListener: type => listened.push(type),
}
globalThis.addEventListener = () => {}
await import("../../../overrides/assets/javascripts/share.js")

test("a malformed share menu keeps its links; the others become share buttons; copy buttons still listen", () => {
  assert.equal(broken.removed, undefined)
  assert.equal(good.removed, true)
  const [button] = heading.children
  assert.equal(button.dataset.shareAddress, "https://e.org/ru/#vpn")
  assert.equal(button.dataset.shareTitle, "VPN")
  assert.equal(button.attributes["aria-label"], "Поделиться")
  assert.deepEqual(listened, ["click"])
})
