// Copy-link buttons (hooks/sharing/share.py): a click copies the button's absolute address and the
// page's status line confirms it in the page's language, for eyes and screen readers alike.
const status = document.querySelector(".share-status")
let clearing

// Where the browser has the Web Share API, each section's plain share links (in its closed "Share"
// control after its heading, written by the build) give way to one button, which hands the
// section's share text (its title, the report's name and year) and address, read from the section's
// Telegram link, to the system's share sheet, as title and as text (apps read one or the other).
// Elsewhere, and without scripts, the links stay; so does a menu not as the build writes it.
export function shareButton(menu, label) {
  const links = [...menu.querySelectorAll("a[href]")]
  let shared
  try {
    shared = new URL(links[0].href).searchParams
  } catch {
    return null
  }
  if (!shared.get("url")) return null
  const button = document.createElement("button")
  button.type = "button"
  button.className = "share-native"
  button.textContent = label
  button.dataset.shareTitle = shared.get("text") || ""
  button.dataset.shareAddress = shared.get("url")
  const item = document.createElement("li")
  item.append(button)
  links[0].parentElement.before(item)
  links.forEach(link => link.parentElement.remove())
  return button
}

if (navigator.share && status) {
  for (const menu of document.querySelectorAll("details.share-menu")) shareButton(menu, status.dataset.share)
}

async function copy(button) {
  try {
    await navigator.clipboard.writeText(button.dataset.shareUrl)
    status.textContent = status.dataset.copied
  } catch {
    status.textContent = status.dataset.failed
  }
  clearTimeout(clearing)
  clearing = setTimeout(() => { status.textContent = "" }, 4000)
}

document.addEventListener("click", event => {
  const button = event.target instanceof Element && event.target.closest("button[data-share-url], button.share-native")
  if (!button || !status) return
  if (button.dataset.shareUrl) copy(button)
  else navigator.share({ title: button.dataset.shareTitle, text: button.dataset.shareTitle, url: button.dataset.shareAddress })
    .catch(() => {})  // closed by the reader
  const menu = button.closest("details.share-menu")
  if (menu) menu.open = false
})

// An open share control closes, as menus do, with Escape (focus back on it) or a tap elsewhere.
addEventListener("keydown", event => {
  const menu = event.key == "Escape" && event.target.closest?.(".share-menu[open]")
  if (menu) menu.open = false, menu.firstChild.focus()
})
addEventListener("click", event => {
  for (const menu of document.querySelectorAll(".share-menu[open]")) menu.contains(event.target) || (menu.open = false)
})

// The share table stays closed on screen (its QR codes load when opened), and opens for print.
addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details.share-details")) details.open = true
})
