// Switching language keeps the page and the section the reader is on.
//
// Material (>= 9.7) reads every <link rel="alternate"> in the head, fetches a sitemap.xml
// beside each (404s on every page load) and, on switching, drops the #section. The hreflang
// links stay in the served HTML for search engines; the live page removes them before
// Material's bundle (which runs after this module) looks for them, and the language links get
// the current #section (navigation.tracking keeps it in the address) just before they are followed.
for (const link of document.querySelectorAll('link[rel="alternate"][hreflang]')) link.remove()

function keepSection(event) {
  const link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]")
  if (link) link.hash = location.hash
}
for (const type of ["click", "auxclick", "contextmenu"]) document.addEventListener(type, keepSection, true)
