// Copy-link buttons (hooks/sharing/share.py): a click copies the button's absolute address and the
// page's status line confirms it in the page's language, for eyes and screen readers alike.
const status = document.querySelector(".share-status")
let clearing

// Where the browser has the Web Share API, each section's plain share links (a closed <details>
// after its heading, written by the build) give way to one button beside its copy button, which
// hands the section's share text (its title, the report's name and year) and address, read from the
// section's Telegram link, to the system's share sheet, as title and as text (apps read one or the
// other). Elsewhere, and without scripts, the links stay.
// A menu that is not as the build writes it (no link, no address, no heading before it) keeps its links.
export function shareButton(menu, label) {
  const link = menu.querySelector("a[href]")
  const heading = menu.previousElementSibling
  let shared
  try {
    shared = new URL(link.href).searchParams
  } catch {
    return null
  }
  if (!heading || !shared.get("url")) return null
  const button = document.createElement("button")
  button.type = "button"
  button.className = "share-native"
  button.title = label
  button.setAttribute("aria-label", label)
  button.dataset.shareTitle = shared.get("text") || ""
  button.dataset.shareAddress = shared.get("url")
  heading.append(button)
  menu.remove()
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
})

// The share table stays closed on screen (its QR codes load when opened), and opens for print.
addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details.share-details")) details.open = true
})
