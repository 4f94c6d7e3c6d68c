// What a reader can see and use on the page in view, measured alike in Chromium
// (tests/site/test_reading.py) and Firefox ESR (tests/site/test_firefox.py, tests/support/firefox.mjs): both
// `evaluate` this expression, also where the page's own scripts are off (the browser's own
// evaluation still runs). Only measures; tests/support/reading.py judges.
(() => {
  const box = element => element.getBoundingClientRect()
  const shown = element => element.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    && box(element).width >= 2 && box(element).height >= 2
  const words = element => element.textContent.replace(/\s+/g, " ").trim()
  const name = element => `${element.localName}${[...element.classList].map(c => "." + c).join("")}`
  const width = document.documentElement.clientWidth  // the screen, without a classic scrollbar

  // An element past the screen's right edge widens the page, unless a box around it scrolls or
  // clips it while fitting the screen (a wide table in its own scrolling box), or it is fixed.
  const contained = element => {
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      const style = getComputedStyle(parent)
      if (style.position === "fixed") return true
      if (style.overflowX !== "visible" && box(parent).right <= width + 1) return true
    }
    return false
  }
  const wide = [...document.body.querySelectorAll("*")]
    .filter(e => box(e).width > 0 && box(e).right > width + 1 && getComputedStyle(e).position !== "fixed" && !contained(e))
    .map(e => `${name(e)} to ${Math.round(box(e).right)} px`)

  const menu = document.querySelector(".md-header label[for=__drawer]")
  const menuLabel = menu && menu.querySelector(".header-label")
  const inView = element => shown(element) && box(element).left >= -1 && box(element).right <= width + 1
  const searchLink = document.querySelector('.md-header a[href="#search-fallback"]')
  const fallback = document.getElementById("search-fallback")
  // Controls that need a script to do anything, or an SVG icon to be seen.
  const needScripts = ".share-copy, .share-native, .md-header__button[for=__search], .md-search__form, [data-md-component=palette] label, .md-header .md-select > button"

  return {
    url: location.href,
    lang: document.documentElement.lang,
    title: document.title,
    width,
    scrollWidth: document.documentElement.scrollWidth,
    wide: wide.slice(0, 8),
    // Firefox with svg.disabled makes <svg> a plain Element, laid out but never drawn.
    svgDrawn: [...document.querySelectorAll("svg")].filter(s => s instanceof SVGSVGElement && shown(s)).length,
    scriptsOff: document.documentElement.classList.contains("no-js"),  // Material's bundle removes it
    // Whether the drawer is open, and where its left edge is: it slides in from the left.
    drawer: [!!document.getElementById("__drawer")?.checked, document.querySelector(".md-sidebar--primary")?.getBoundingClientRect().left],
    menu: menu && {
      shown: shown(menu), words: words(menu), labelShown: !!menuLabel && shown(menuLabel) && box(menuLabel).width > 8,
      x: box(menu).x + box(menu).width / 2, y: box(menu).y + box(menu).height / 2,
    },
    languages: [...document.querySelectorAll(".language-links a, .language-links [aria-current]")].map(e => ({
      words: words(e), href: e.href || null, lang: e.lang, current: e.hasAttribute("aria-current"), shown: inView(e),
    })),
    nav: [...document.querySelectorAll(".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link")]
      .filter(inView).map(a => a.href),
    needScripts: [...document.querySelectorAll(needScripts)].filter(shown).map(name),
    searchLink: searchLink && { words: words(searchLink), shown: shown(searchLink) },
    fallback: fallback && {
      shown: shown(fallback), words: words(fallback), links: [...fallback.querySelectorAll("a")].map(a => a.href),
    },
    footer: [...document.querySelectorAll(".md-footer a, .md-footer-meta")].map(words),
    // Each section's share links (a closed <details> after its heading): its summary, its links' words.
    sections: document.querySelectorAll("article :is(h2, h3, h4, h5, h6)[id]").length,
    shareMenus: [...document.querySelectorAll("article details.share-menu")].map(menu => ({
      words: words(menu.querySelector("summary")), shown: shown(menu.querySelector("summary")),
      links: [...menu.querySelectorAll("a")].map(words),
    })),
  }
})()
