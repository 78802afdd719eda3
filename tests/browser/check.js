// A `recert report --format html` page opened in headless Chromium (puppeteer-core) and checked
// against `report --format json` of the same inputs:
//   - it loads with no console error, no page error, no dialog, and no request but the file:// page;
//     its Content-Security-Policy starts with default-src 'none' and it links only within itself;
//   - the cards, the chart (each month's bar, total label and level segments), the chart's table,
//     the headcount tables and the at-risk rows hold the JSON's numbers and texts;
//   - the same with JavaScript disabled (then the page has no controls: the script only adds them);
//   - the script sorts and filters the at-risk table;
//   - text has WCAG AA contrast (4.5:1, large text 3:1) and chart and bar colours 3:1 on their
//     background, in the light palette and in the dark one (prefers-color-scheme emulated);
//   - printing uses the light palette, hides the controls, and the tables fit an A4 page's width;
//   - with --hostile: the page holds exactly its own script and style sheet, no element has an
//     event-handler attribute, no image, frame or comment came from the data, and hovering every
//     row runs nothing.
// A PNG of the page (OUT.png, and OUT-dark.png) is left for people to look at.
// Usage: node check.js MODULES PAGE.html REPORT.json OUT [--hostile]
"use strict";
const fs = require("fs");
const path = require("path");
const [modules, pageFile, jsonFile, out, ...flags] = process.argv.slice(2);
const puppeteer = require(path.resolve(modules, "puppeteer-core"));
const report = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
const hostile = flags.includes("--hostile");
const url = "file://" + path.resolve(pageFile);

let failures = 0;
const bad = (what) => {
  failures++;
  console.log("FAIL " + what);
};
const ok = (what) => console.log("ok   " + what);
const check = (cond, what) => (cond ? ok(what) : bad(what));
// what, and the first ten problems if any
const lines = "\n       ";
const listed = (what, problems, sep = "; ") =>
  what + (problems.length ? (sep === lines ? ":" + lines : ": ") + problems.slice(0, 10).join(sep) : "");
// got equals want, field by field; each difference named by its path
function same(name, got, want) {
  const diffs = [];
  const show = (at, g, w) => `${at}: page has ${JSON.stringify(g)}, JSON ${JSON.stringify(w)}`;
  const walk = (g, w, at) => {
    if (w === null || typeof w !== "object") {
      if (g !== w) diffs.push(show(at, g, w));
    } else if (g === null || typeof g !== "object") {
      diffs.push(show(at, g, w));
    } else {
      for (const k of new Set([...Object.keys(w), ...Object.keys(g)])) walk(g[k], w[k], `${at}.${k}`);
    }
  };
  walk(got, want, name);
  check(!diffs.length, listed(name + (diffs.length ? " differs from" : " as in") + " the JSON", diffs, lines));
}
const strings = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

// --- run in the page ---------------------------------------------------------------------------
// Everything a reader sees, as strings, read from the DOM.
function readPage() {
  const q = (s, el = document) => el.querySelector(s);
  const qa = (s, el = document) => Array.from(el.querySelectorAll(s));
  const text = (el) => (el ? el.textContent.trim() : null);
  const pairs = (els, key, value) => Object.fromEntries(els.map((el) => [key(el), value(el)]));
  // "25 / 30" of "25 / 30 CE credits", "25" of "25 CE credits"
  const credits = (of) => of.split(" ").slice(0, of.includes(" / ") ? 3 : 1).join(" ");
  return {
    holders: text(q('[data-count="holders"]')),
    certifications: text(q('[data-count="certifications"]')),
    states: pairs(qa(".card[data-state]"), (c) => c.dataset.state, (c) => text(q(".count", c))),
    chart: qa("svg.chart g.month").map((g) => ({
      month: g.dataset.month,
      count: g.dataset.count,
      total: text(q(".total", g)),
      labelled: !!text(q(".month-label", g)),
      levels: pairs(qa("rect[data-level]", g), (r) => r.dataset.level, (r) => r.dataset.count),
    })),
    legend: qa(".legend [data-level]").map((li) => li.dataset.level),
    table: qa("table.expiries tbody tr").map((tr) => ({ month: tr.dataset.month, total: text(tr.cells[1]) })),
    headcount: qa("table.headcount tbody tr").map((tr) => ({
      id: tr.dataset.cert,
      name: tr.cells[0].textContent,
      numbers: Array.from(tr.cells).slice(2).map(text),
      short: q("[data-short]", tr) ? q("[data-short]", tr).dataset.short : null,
    })),
    monthEnds: qa("table.months tbody tr").map((tr) => ({
      id: tr.dataset.cert,
      months: qa("td[data-short]", tr).map((td) => ({ active: td.firstChild.textContent, short: td.dataset.short })),
    })),
    risk: {
      total: text(q("#risk .count")),
      more: q("[data-more]") ? q("[data-more]").dataset.more : null,
      rows: qa("#at-risk tbody tr").map((tr) => ({
        holder: tr.cells[0].textContent,
        name: tr.cells[1].textContent,
        state: text(q(".badge", tr)),
        expires: text(tr.cells[3]),
        days: text(tr.cells[4]),
        credits: credits(text(q(".of", tr))),
      })),
    },
    controls: !!q(".controls"),
    sortButtons: qa("#at-risk th button").length,
  };
}

// The security policy and every address the page names that is not a place within it.
function addresses() {
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const attrs = ["href", "src", "srcset", "action"];
  return {
    csp: csp ? csp.content : "",
    links: Array.from(document.querySelectorAll(attrs.map((a) => `[${a}]`).join(", ")))
      .flatMap((el) => attrs.map((a) => el.getAttribute(a)))
      .filter((v) => v !== null && !v.startsWith("#")),
  };
}

// Contrast failures: text against the background it is drawn on, chart and bar colours against
// theirs.
function contrastFailures() {
  const parse = (c) => {
    const m = /rgba?\(([^)]*)\)/.exec(c || "");
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const lum = (c) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => {
    const x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      if (el instanceof SVGElement) continue;
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const name = (el) => `${el.tagName.toLowerCase()}.${el.getAttribute("class")} "${el.textContent.trim().slice(0, 30)}"`;
  const fails = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("title, desc, script, style") || !el.checkVisibility()) continue;
    if (!Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const cs = getComputedStyle(el);
    const size = parseFloat(cs.fontSize), bold = Number(cs.fontWeight) >= 700;
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    const r = ratio(parse(el instanceof SVGElement ? cs.fill : cs.color), background(el));
    if (r < need) fails.push(`${name(el)}: ${r.toFixed(2)} < ${need}`);
  }
  for (const el of document.querySelectorAll("svg.chart rect, .bar span, .swatch")) {
    const cs = getComputedStyle(el);
    const r = ratio(parse(el instanceof SVGElement ? cs.fill : cs.backgroundColor),
                    background(el.closest(".bar") ? el.closest("td") : el.parentElement));
    if (r < 3) fails.push(`${name(el)}: ${r.toFixed(2)} < 3`);
  }
  return fails;
}

// What the data could have smuggled in: scripts, style sheets, handlers, elements that fetch.
function smuggled() {
  const found = [];
  const count = (s) => document.querySelectorAll(s).length;
  if (count("script") !== 1) found.push(count("script") + " script elements");
  if (count("style") !== 1) found.push(count("style") + " style elements");
  for (const el of document.querySelectorAll("*"))
    for (const a of el.attributes)
      if (/^on/i.test(a.name) || a.name === "autofocus" || (a.name === "x" && !(el instanceof SVGElement)))
        found.push(`${el.tagName} has ${a.name}`);
  if (count("img, iframe, object, embed, link, svg svg, foreignObject"))
    found.push("an img, iframe, object, embed, link, nested svg or foreignObject");
  if (document.createTreeWalker(document, NodeFilter.SHOW_COMMENT).nextNode()) found.push("a comment node");
  return found;
}

// --- the checks --------------------------------------------------------------------------------
function compare(label, p) {
  same(`${label}: holders and certifications held`, { holders: p.holders, certifications: p.certifications },
       { holders: String(report.holders), certifications: String(report.certifications_held) });
  same(`${label}: cards by state`, p.states, strings(report.states));
  same(`${label}: chart bars and labels`, p.chart, report.expiries.map((m) => ({
    month: m.month, count: String(m.expiring), total: String(m.expiring), labelled: true, levels: strings(m.by_level),
  })));
  const expiring = new Set(report.expiries.flatMap((m) => Object.keys(m.by_level)));
  same(`${label}: chart legend`, p.legend, report.levels.map((l) => l.id).filter((id) => expiring.has(id)));
  same(`${label}: chart table`, p.table, report.expiries.map((m) => ({ month: m.month, total: String(m.expiring) })));
  const required = report.certifications.some((c) => c.required !== null);
  const requiredCells = (c) => {
    if (!required) return [];
    if (c.required === null) return ["none", "-"];
    return [String(c.required), c.shortfall_now ? `${c.shortfall_now} short` : "met"];
  };
  same(`${label}: headcount table`, p.headcount, report.certifications.map((c) => ({
    id: c.id,
    name: c.name,
    numbers: [c.holders, c.active_now, ...Object.values(c.active_in_days)].map(String).concat(requiredCells(c)),
    short: c.required === null ? null : String(c.shortfall_now),
  })));
  same(`${label}: headcount at month ends`, p.monthEnds, report.certifications.map((c) => ({
    id: c.id,
    months: c.month_ends.map((m) => ({ active: String(m.active), short: String(m.shortfall || 0) })),
  })));
  const risk = report.at_risk;
  same(`${label}: at-risk rows`, p.risk, {
    total: String(risk.total),
    more: risk.total > risk.shown ? String(risk.total - risk.shown) : null,
    rows: risk.rows.map((r) => ({
      holder: r.holder, name: r.name, state: r.state, expires: r.expires || "", days: String(r.days_left),
      credits: `${r.credits.approved}` + (r.credits.required === null ? "" : ` / ${r.credits.required}`),
    })),
  });
}

// Every console error, page error, dialog and request of a page is a failure.
function watch(page, label) {
  page.on("console", (m) => m.type() === "error" && bad(`${label}: console error: ${m.text()}`));
  page.on("pageerror", (e) => bad(`${label}: page error: ${e.message}`));
  page.on("dialog", async (d) => {
    bad(`${label}: a ${d.type()} dialog opened: ${d.message()}`);
    await d.dismiss();
  });
  page.on("request", (r) => r.url() !== url && bad(`${label}: a request for ${r.url().slice(0, 120)}`));
}

// As a reader opens it, in light and dark, and as it prints.
async function scriptOn(browser) {
  const page = await browser.newPage();
  watch(page, "page");
  await page.setViewport({ width: 1200, height: 900 });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "load" });
  console.log(`     opened in ${Date.now() - t0} ms (${(fs.statSync(pageFile).size / 1024).toFixed(0)} kB)`);
  const p = await page.evaluate(readPage);
  compare("script on", p);
  const a = await page.evaluate(addresses);
  check(a.csp.startsWith("default-src 'none'") && !a.links.length,
        listed("nothing to fetch: a Content-Security-Policy of default-src 'none', links only within the page", a.links));
  const rows = report.at_risk.rows.length;
  check(p.controls === rows > 0 && p.sortButtons === (rows ? 7 : 0), "the script added the at-risk controls and sort buttons");

  // the whole page, unless it is long (a PNG of thousands of rows takes seconds to encode)
  const fullPage = (await page.evaluate(() => document.documentElement.scrollHeight)) <= 4000;
  const shot = async (suffix) => {
    await page.screenshot({ path: `${out}${suffix}.png`, fullPage });
    ok(`screenshot ${path.basename(out)}${suffix}.png` + (fullPage ? "" : " (its top)"));
  };
  await shot("");
  if (hostile) {
    const found = await page.evaluate(smuggled);
    check(!found.length, listed("nothing of the data became markup", found));
    for (const cell of await page.$$("#at-risk tbody th, #at-risk tbody td, table.headcount th, .legend li"))
      await cell.hover();
    check(!(await page.evaluate(smuggled)).length, "hovering over every holder and name ran nothing");
  }
  const light = await page.evaluate(contrastFailures);
  check(!light.length, listed("contrast (light)", light, lines));
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
  const dark = await page.evaluate(contrastFailures);
  check(!dark.length, listed("contrast (dark)", dark, lines));
  await shot("-dark");

  await page.emulateMediaType("print");
  const print = await page.evaluate(() => ({
    bg: getComputedStyle(document.documentElement).backgroundColor,
    controls: Array.from(document.querySelectorAll(".controls")).map((c) => getComputedStyle(c).display),
  }));
  check(print.bg === "rgb(255, 255, 255)" && print.controls.every((d) => d === "none"),
        "print: white background (even in dark mode), no controls");
  // an A4 page's width within its margins, about 680 CSS pixels: the tables fit across it
  await page.setViewport({ width: 680, height: 900 });
  const wide = await page.evaluate(() => Array.from(document.querySelectorAll("table"))
    .filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((t) => t.className || t.id));
  check(!wide.length, listed("print: every table fits the width of an A4 page", wide));
  await page.setViewport({ width: 1200, height: 900 });
  await page.emulateMediaType(null);
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
  if (rows > 1 && p.controls) await controls(page);
  await page.close();
}

// The script: sort by days left (descending, then ascending), filter a state out, search.
async function controls(page) {
  const rows = report.at_risk.rows;
  const days = () => page.$$eval("#at-risk tbody tr:not([hidden]) td:nth-child(5)",
                                 (tds) => tds.map((td) => Number(td.textContent)));
  const sortBy = (col) => page.click(`#at-risk thead th:nth-child(${col}) button`);
  await sortBy(5);
  const down = await days();
  const sort = await page.$eval("#at-risk thead th:nth-child(5)", (th) => th.getAttribute("aria-sort"));
  check(down.every((d, i) => !i || down[i - 1] >= d) && sort === "descending", "sorting: days left descending");
  await sortBy(5);
  const up = await days();
  check(up.every((d, i) => !i || up[i - 1] <= d), "sorting: days left ascending");

  const state = rows[0].state;
  await page.click(`.controls input[value="${state}"]`);
  const visible = await page.$$eval("#at-risk tbody tr:not([hidden])", (trs) => trs.map((tr) => tr.dataset.state));
  check(visible.length === rows.filter((r) => r.state !== state).length && !visible.includes(state),
        `filtering: without ${state}, ${visible.length} rows`);
  await page.click(`.controls input[value="${state}"]`);

  const term = rows[0].holder.slice(0, 12);
  await page.type(".controls input[type=search]", term);
  const found = await page.$$eval("#at-risk tbody tr:not([hidden]) th", (ths) => ths.map((th) => th.textContent));
  check(found.length > 0 && found.includes(rows[0].holder), `search: "${term}" finds ${found.length} rows`);
}

// With JavaScript off: the same numbers, no controls.
async function scriptOff(browser) {
  const page = await browser.newPage();
  watch(page, "no script");
  await page.setJavaScriptEnabled(false);
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  const p = await page.evaluate(readPage);
  compare("script off", p);
  check(!p.controls && p.sortButtons === 0, "script off: no controls, plain headers");
  if (hostile) {
    const found = await page.evaluate(smuggled);
    check(!found.length, listed("script off: nothing of the data became markup", found));
  }
  await page.close();
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"],
  });
  try {
    await scriptOn(browser);
    await scriptOff(browser);
  } finally {
    await browser.close();
  }
  console.log(failures ? `${failures} failed` : "all passed");
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.log("FAIL " + (e && e.stack ? e.stack : e));
  process.exit(1);
});
