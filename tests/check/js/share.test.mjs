// share.js (overrides/assets/javascripts/share.js) on a stand-in page: one share control as the build
// writes it and one that is not (no link). tests/site/test_campaign.py checks it in the browser.
import assert from "node:assert/strict"
import { test } from "node:test"

function element(tag) {
  return { tag, dataset: {}, attributes: {}, children: [], setAttribute(name, value) { this.attributes[name] = value },
           append(child) { this.children.push(child) }, remove() { this.removed = true },
           before(item) { this.inserted = item } }
}
// The share control as the build writes it: the copy button's item, then one item per link.
const items = ["t.me/share/url?url=https%3A%2F%2Fe.org%2Fru%2F%23vpn&text=VPN", "wa.me/?text=VPN"].map(target => {
  const item = element("li")
  return { href: `https://${target}`, parentElement: item }
})
const good = { ...element("details"), querySelectorAll: () => items }
const broken = { ...element("details"), querySelectorAll: () => [] }
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

test("a malformed share control keeps its links; in the others one share button takes their place; copy buttons still listen", () => {
  assert.equal(broken.removed, undefined)
  assert.ok(items.every(link => link.parentElement.removed))
  const [button] = items[0].parentElement.inserted.children
  assert.equal(button.dataset.shareAddress, "https://e.org/ru/#vpn")
  assert.equal(button.dataset.shareTitle, "VPN")
  assert.equal(button.textContent, "Поделиться")
  assert.deepEqual(listened, ["click"])
})
