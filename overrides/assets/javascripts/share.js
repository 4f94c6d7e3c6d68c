// Copy-link buttons (hooks/share.py): a click copies the button's absolute address and the
// page's status line confirms it in the page's language, for eyes and screen readers alike.
const status = document.querySelector(".share-status")
let clearing

document.addEventListener("click", async event => {
  const button = event.target instanceof Element && event.target.closest("button[data-share-url]")
  if (!button || !status) return
  try {
    await navigator.clipboard.writeText(button.dataset.shareUrl)
    status.textContent = status.dataset.copied
  } catch {
    status.textContent = status.dataset.failed
  }
  clearTimeout(clearing)
  clearing = setTimeout(() => { status.textContent = "" }, 4000)
})

// The share table stays closed on screen (its QR codes load when opened), and opens for print.
addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details.share-details")) details.open = true
})
