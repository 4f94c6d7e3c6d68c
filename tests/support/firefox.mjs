// Real Firefox ESR (Debian's firefox-esr, Tor Browser's engine) with Tor Browser's Safest level:
// `javascript.enabled` and `svg.disabled` set in its profile. Driven over WebDriver BiDi by
// puppeteer-core (pinned in package-lock.json; no geckodriver needed) for tests/site/test_firefox.py.
//
// Reads a job as JSON on stdin: {"firefox", "probe" (tests/support/reading_probe.js), "viewports":
// [[width, height]], "urls": [...], "menu": true to press the menu button and measure again};
// writes one JSON array: per viewport and address, what the probe saw (and after the press).
//
// Only `page.evaluate` of an expression, `page.mouse` and `page.goto` are used: with this Firefox
// and puppeteer-core, `$$eval` and `page.click(selector)` close the browser ("Target closed"),
// seen on this machine, while these run reliably.
import puppeteer from "puppeteer-core"

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const job = JSON.parse(Buffer.concat(chunks).toString("utf8"))

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: job.firefox,
  headless: true,
  extraPrefsFirefox: {
    "javascript.enabled": false,
    "svg.disabled": true,
    // A closed network: no updates, telemetry or other background connections of Firefox's own.
    "app.update.enabled": false,
    "browser.region.update.enabled": false,
    "datareporting.policy.dataSubmissionEnabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
  },
})
const results = []
try {
  const page = await browser.newPage()
  for (const [width, height] of job.viewports) {
    await page.setViewport({ width, height })
    for (const url of job.urls) {
      const response = await page.goto(url)
      const seen = await page.evaluate(job.probe)
      let opened = null
      if (job.menu && seen.menu && seen.menu.shown) {
        await page.mouse.click(seen.menu.x, seen.menu.y)
        // The drawer slides in from the left: measure once it is in (or after 3 s).
        for (let tries = 0; tries < 30; tries++) {
          await new Promise(resolve => setTimeout(resolve, 100))
          opened = await page.evaluate(job.probe)
          if (opened.drawer[0] && opened.drawer[1] >= -1) break
        }
      }
      results.push({ url, viewport: [width, height], status: response && response.status(), seen, opened })
    }
  }
  const version = await browser.version()
  process.stdout.write(JSON.stringify({ version, results }))
} finally {
  await browser.close()
}
