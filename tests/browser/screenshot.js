// The README's picture of a report page: PAGE.html at 1200 CSS pixels wide, the whole page, as
// OUT.png, in the light palette (or the dark one with --dark).
// Usage: node screenshot.js MODULES PAGE.html OUT.png [--dark]
"use strict";
const path = require("path");
const [modules, pageFile, out, ...flags] = process.argv.slice(2);
const puppeteer = require(path.resolve(modules, "puppeteer-core"));
(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: flags.includes("--dark") ? "dark" : "light" }]);
    await page.goto("file://" + path.resolve(pageFile), { waitUntil: "load" });
    await page.screenshot({ path: out, fullPage: true });
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
