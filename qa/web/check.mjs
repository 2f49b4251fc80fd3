// Tarina browser quality gates: crawl, axe-core, keyboard, chart text size on phones, Nu HTML Checker.
// Usage: node check.mjs BASE_URL OUT_DIR   (normally via run.sh)
// Exit codes: 0 all gates pass, 1 a gate failed, 2 the checker itself could not run.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;
const vnuJar = String(require('vnu-jar'));

// ---------------------------------------------------------------- settings
const CHROMIUM = process.env.QA_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LANGS = ['fi', 'sv', 'en'];
const NOT_FOUND_PATHS = ['fi/ei-ole', 'sv/finns-inte', 'en/nope'];
const IGNORED_PREFIXES = ['api/v1/', 'static/'];
// Downloads (the budget annex as XLSX and CSV, the audit log as CSV, the translation queue as XLIFF) are files,
// not pages; the test suite checks them.
const IGNORED_SUFFIXES = ['.xlsx', '.csv', '.xlf'];
const VIEWPORT = (() => {
  const m = String(process.env.QA_VIEWPORT || '1280x800').match(/^(\d+)x(\d+)$/);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 1280, height: 800 };
})();
const KEYBOARD_ALL = process.env.QA_KEYBOARD_ALL === '1'; // keyboard-check every crawled page, not one per type
const CONCURRENCY = Number(process.env.QA_CONCURRENCY || 2);
const MAX_PAGES = Number(process.env.QA_MAX_PAGES || 3000);
// A draft version's texts and structure have a form per item and per step (some 300 items in three
// languages): the forms of one kind share their template, so only the first QA_SHAPE_CAP of each shape
// (the address with the item's key as `*`) are checked, not every item's.
const SHAPE_CAP = Number(process.env.QA_SHAPE_CAP || 2);
const DRAFT_ITEM = /^(staff\/(?:fi|sv|en)\/versions\/[^/]+\/(?:texts|structure)\/(?!new\/)[^/]+\/)[^/?]+(.*)$/;
// QA_DRAFT=LABEL: a draft version the server holds, whose forms are sent empty too (see formErrorPages).
const DRAFT = (process.env.QA_DRAFT || '').trim();
// QA_PAGES="/fi/mittarit /fi/mittarit/sivu-2": check only these pages and follow no links, for pages that
// only particular data has (the later pages of a long list) without crawling everything that data links to.
const ONLY_PAGES = (process.env.QA_PAGES || '').split(/\s+/).filter(Boolean);
// QA_STAFF_LOGIN="EMAIL PASSWORD" of an admin: sign in first and check the staff pages too (every crawled page is
// then seen signed in), including each staff form sent back with its errors.
const STAFF_LOGIN = (process.env.QA_STAFF_LOGIN || '').trim();
const TAB_CAP_EXTRA = 40;      // Tab presses allowed beyond the number of expected stops
const TAB_CAP_MAX = 1500;
const NAV_TIMEOUT = 30_000;
const WATCHDOG_MS = Number(process.env.QA_WATCHDOG_MS || 15 * 60_000);
const MAX_SHOTS_PER_PAGE = 4;
// Chart text must be readable on phones: every SVG text at least this many CSS px, at each of these widths.
const CHART_MIN_TEXT_PX = 12;
const CHART_VIEWPORTS = (process.env.QA_CHART_VIEWPORTS || '320x640 390x844').split(/\s+/).filter(Boolean).map((v) => {
  const m = v.match(/^(\d+)x(\d+)$/);
  if (!m) throw new Error(`QA_CHART_VIEWPORTS: ${v} is not WIDTHxHEIGHT`);
  return { width: Number(m[1]), height: Number(m[2]) };
});

// ---------------------------------------------------------------- arguments
const [baseArg, outArg] = process.argv.slice(2);
if (!baseArg || !outArg) {
  console.error('usage: node check.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
const BASE = new URL(baseArg.endsWith('/') ? baseArg : baseArg + '/');
const BASE_PATH = BASE.pathname; // ends with '/'
const OUT = path.resolve(outArg);
const HTML_DIR = path.join(OUT, 'html');
fs.mkdirSync(OUT, { recursive: true });
fs.rmSync(HTML_DIR, { recursive: true, force: true });
fs.mkdirSync(HTML_DIR, { recursive: true });
for (const f of fs.readdirSync(OUT)) if (/^(axe|kbd)-.*\.png$/.test(f)) fs.rmSync(path.join(OUT, f)); // our old screenshots

const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
const log = (...a) => console.log(`[${secs()}s]`, ...a);
const watchdog = setTimeout(() => {
  console.error(`qa-web: watchdog: still running after ${WATCHDOG_MS / 1000}s, giving up`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

// ---------------------------------------------------------------- helpers
/** Path relative to the base, e.g. "fi/osa-alueet"; null if outside the site. */
function relPath(u) {
  if (u.origin !== BASE.origin || !u.pathname.startsWith(BASE_PATH)) return null;
  return u.pathname.slice(BASE_PATH.length);
}
function shortUrl(u) {
  const x = new URL(u);
  return x.pathname + x.search;
}
function normalize(href, from) {
  let u;
  try { u = new URL(href, from); } catch { return null; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  const rel = relPath(u);
  if (rel === null) return null;
  if (IGNORED_PREFIXES.some((p) => rel === p.replace(/\/$/, '') || rel.startsWith(p))) return null;
  if (IGNORED_SUFFIXES.some((s) => u.pathname.endsWith(s))) return null;
  return u.href;
}
function slugFor(u) {
  const x = new URL(u);
  let s = relPath(x) || 'root';
  if (s.endsWith('/') || s === '') s += 'index';
  if (x.search) s += '__q-' + x.search.slice(1);
  return s.replace(/[^A-Za-z0-9._-]+/g, '__').slice(0, 150);
}
const usedNames = new Set();
function uniqueName(base, ext) {
  let n = `${base}${ext}`;
  for (let i = 2; usedNames.has(n); i++) n = `${base}-${i}${ext}`;
  usedNames.add(n);
  return n;
}
let storageState; // the signed-in staff session's cookies, when QA_STAFF_LOGIN is set
async function newPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce', storageState });
  await context.addInitScript({ content: PAGE_HELPERS });
  const page = await context.newPage();
  page.setDefaultTimeout(NAV_TIMEOUT);
  return { context, page };
}
async function shot(page, name, fullPage) {
  const file = uniqueName(name, '.png');
  try {
    await page.screenshot({ path: path.join(OUT, file), fullPage, animations: 'disabled' });
    return file;
  } catch (e) {
    return `(screenshot failed: ${e.message.split('\n')[0]})`;
  }
}

// Injected into every page (as an init script, so the site's CSP does not apply).
const PAGE_HELPERS = `(() => {
  const ids = new WeakMap();
  let next = 1;
  const FOCUSABLE = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, iframe, ' +
    'summary, [tabindex], [contenteditable]:not([contenteditable="false"]), audio[controls], video[controls]';
  function qid(el) { if (!ids.has(el)) ids.set(el, next++); return ids.get(el); }
  function cssPath(el) {
    if (!(el instanceof Element)) return String(el && el.nodeName);
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
      if (e.id && document.querySelectorAll('#' + CSS.escape(e.id)).length === 1) { parts.unshift('#' + CSS.escape(e.id)); break; }
      let p = e.localName;
      const cls = [...e.classList].filter((c) => !c.startsWith('qa-')).slice(0, 2);
      if (cls.length) p += '.' + cls.map((c) => CSS.escape(c)).join('.');
      const parent = e.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === e.localName);
        if (same.length > 1) p += ':nth-of-type(' + (same.indexOf(e) + 1) + ')';
      }
      parts.unshift(p);
    }
    return parts.join(' > ');
  }
  function describe(el) {
    if (!el || !(el instanceof Element)) return { selector: String(el && el.nodeName), text: '' };
    const text = (el.getAttribute('aria-label') || el.innerText || el.value || el.getAttribute('title') || '')
      .replace(/\\s+/g, ' ').trim().slice(0, 80);
    return { selector: cssPath(el), tag: el.localName, href: el.getAttribute('href') || undefined, text };
  }
  function rectOf(el) {
    const rects = [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (!rects.length) return null;
    const r = el.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height, right: r.right, bottom: r.bottom };
  }
  // Rendered, not hidden, bigger than a "visually hidden" 1px box, and not pushed off the document.
  function isVisible(el) {
    if (!el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true, opacityProperty: true, contentVisibilityAuto: true })) return false;
    const r = rectOf(el);
    if (!r || r.w * r.h <= 1) return false;
    const docLeft = r.x + scrollX, docTop = r.y + scrollY;
    if (docLeft + r.w <= 0 || docTop + r.h <= 0) return false;
    const cs = getComputedStyle(el);
    if (cs.clipPath === 'inset(50%)' || cs.clip === 'rect(0px, 0px, 0px, 0px)') return false;
    return true;
  }
  function inViewport(el, fully) {
    const r = rectOf(el);
    if (!r || r.w * r.h <= 1) return false;
    if (fully) return r.x >= -0.5 && r.y >= -0.5 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5;
    return r.right > 0 && r.bottom > 0 && r.x < innerWidth && r.y < innerHeight;
  }
  function styles(el) {
    const cs = getComputedStyle(el);
    return {
      outlineStyle: cs.outlineStyle, outlineWidth: cs.outlineWidth, outlineColor: cs.outlineColor,
      boxShadow: cs.boxShadow, backgroundColor: cs.backgroundColor,
    };
  }
  // Every visible link and control, plus anything the page itself put in the tab order (tabindex >= 0).
  // A native link/control with tabindex="-1" is still expected: keyboard users cannot reach it.
  const NATIVE = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, iframe, ' +
    'details > summary:first-of-type, [contenteditable]:not([contenteditable="false"]), audio[controls], video[controls]';
  // A group of radio buttons is one Tab stop (arrow keys move within it, as in every browser): its checked
  // button, or its first when none is checked.
  function radioStop(el) {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
    const scope = el.form || document;
    const group = [...scope.querySelectorAll('input[type="radio"]')].filter((r) => r.name === el.name && r.form === el.form);
    const checked = group.find((r) => r.checked);
    return el === (checked || group[0]);
  }
  function expectedStops() {
    return [...document.querySelectorAll(FOCUSABLE)]
      .filter((el) => (el.matches(NATIVE) || el.tabIndex >= 0) && !el.disabled && !el.closest('[inert]') && isVisible(el))
      .filter(radioStop)
      .map((el) => ({ id: qid(el), ...describe(el) }));
  }
  function active() {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    return el;
  }
  function activeInfo() {
    const el = active();
    if (!el) return null;
    return { id: qid(el), ...describe(el), rect: rectOf(el), visible: isVisible(el) || inViewport(el, false),
             inViewport: inViewport(el, false), fullyInViewport: inViewport(el, true), styles: styles(el) };
  }
  function byId(id) {
    for (const el of document.querySelectorAll('*')) if (ids.get(el) === id) return el;
    return null;
  }
  window.__qa = { qid, describe, expectedStops, active, activeInfo, styles, byId, inViewport, rectOf };
})();`;

// ---------------------------------------------------------------- results
const failures = { crawl: [], axe: [], keyboard: [], chart: [], html: [] };
const pages = [];            // { url, status, kind: 'page'|'404', file, referrer }
const axeByPage = [];

// ---------------------------------------------------------------- 1+3: crawl and axe
async function crawlAndAxe(browser) {
  const queue = [];
  const seen = new Map(); // url -> { referrer, expect404 }
  const shapes = new Map(); // shape of a draft's item address -> pages enqueued
  const enqueue = (url, referrer, expect404 = false) => {
    if (!url || seen.has(url)) return;
    if (seen.size >= MAX_PAGES) return;
    const item = new URL(url).pathname.slice(1).match(DRAFT_ITEM);
    if (item) {
      const shape = `${item[1]}*${item[2]}`;
      const count = shapes.get(shape) || 0;
      if (count >= SHAPE_CAP) return;
      shapes.set(shape, count + 1);
    }
    seen.set(url, { referrer, expect404 });
    queue.push(url);
  };
  if (ONLY_PAGES.length) {
    for (const p of ONLY_PAGES) enqueue(new URL(p, BASE).href, '(QA_PAGES)');
  } else {
    for (const l of LANGS) enqueue(new URL(`${l}/`, BASE).href, '(start)');
    if (STAFF_LOGIN) {
      for (const l of LANGS) {
        enqueue(new URL(`staff/${l}/`, BASE).href, '(staff start)');
        enqueue(new URL(`staff/${l}/sign-in`, BASE).href, '(staff start)');
      }
    }
    for (const p of NOT_FOUND_PATHS) enqueue(new URL(p, BASE).href, '(404 check)', true);
  }
  const finalUrls = new Set();

  async function visit(url, page) {
    const { referrer, expect404 } = seen.get(url);
    {
      let response;
      try {
        response = await page.goto(url, { waitUntil: 'load' });
      } catch (e) {
        failures.crawl.push({ page: shortUrl(url), referrer, problem: `navigation failed: ${e.message.split('\n')[0]}` });
        return;
      }
      const status = response ? response.status() : 0;
      const ctype = (response && response.headers()['content-type']) || '';
      const finalUrl = page.url().replace(/#.*$/, '');
      if (expect404) {
        if (status !== 404) failures.crawl.push({ page: shortUrl(url), referrer, problem: `expected HTTP 404, got ${status}` });
      } else if (status < 200 || status >= 300) {
        failures.crawl.push({ page: shortUrl(url), referrer, problem: `broken link: HTTP ${status}` });
        return;
      }
      if (!/^text\/html\b/i.test(ctype)) return; // a linked non-HTML resource: not a page
      if (!expect404) {
        if (finalUrls.has(finalUrl)) return; // a redirect to a page we already have
        finalUrls.add(finalUrl);
      }
      const body = await response.text();
      const file = uniqueName(slugFor(finalUrl), '.html');
      fs.writeFileSync(path.join(HTML_DIR, file), body);
      // The coding Chromium got the page in (it asks for br, gzip like every browser), for report.json.
      const encoding = response.headers()['content-encoding'] || 'identity';
      const rec = { url: finalUrl, requested: url, status, kind: expect404 ? '404' : 'page', file, referrer, encoding };
      pages.push(rec);

      // The stylesheet (content-hashed, compressed) must have loaded and been decoded.
      const styled = await page.evaluate(() => [...document.styleSheets].some((sheet) => {
        try { return sheet.cssRules.length > 0; } catch { return false; }
      }));
      if (!styled) failures.crawl.push({ page: shortUrl(finalUrl), referrer, problem: 'the stylesheet did not load' });

      // links
      const hrefs = await page.evaluate(() =>
        [...document.querySelectorAll('a[href], area[href]')].map((a) => a.getAttribute('href')));
      if (!ONLY_PAGES.length) for (const h of hrefs) enqueue(normalize(h, finalUrl), shortUrl(finalUrl));

      // axe
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async (tags) => {
        const r = await window.axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        });
        return r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
        }));
      }, AXE_TAGS);
      if (violations.length) {
        rec.screenshot = await shot(page, `axe-${slugFor(finalUrl)}`, true);
        for (const v of violations) failures.axe.push({ page: shortUrl(finalUrl), ...v, screenshot: rec.screenshot });
      }
      axeByPage.push({ page: shortUrl(finalUrl), violations });
    }
  }

  // Workers share the queue; each reuses one browser context and page for all its pages.
  // A worker that finds the queue empty waits while others may still add links.
  let busy = 0;
  const worker = async () => {
    let { context, page } = await newPage(browser);
    try {
      for (;;) {
        if (!queue.length) {
          if (!busy) return;
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        const url = queue.shift();
        busy++;
        try {
          await visit(url, page);
        } catch (e) {
          failures.crawl.push({ page: shortUrl(url), problem: `checker error: ${e.stack || e}` });
          await context.close().catch(() => {});
          ({ context, page } = await newPage(browser)); // start the next page from a clean state
        } finally {
          busy--;
        }
      }
    } finally {
      await context.close();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  // deterministic order for the report and for picking the keyboard sample, whatever the worker timing
  pages.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === '404' ? 1 : -1) || a.url.localeCompare(b.url));
  axeByPage.sort((a, b) => a.page.localeCompare(b.page));
  if (seen.size >= MAX_PAGES) log(`WARNING: page cap ${MAX_PAGES} reached; crawl truncated`);
}

// ---------------------------------------------------------------- staff: sign in, forms with errors
async function signIn(browser) {
  const at = STAFF_LOGIN.indexOf(' ');
  if (at < 0) throw new Error('QA_STAFF_LOGIN must be "EMAIL PASSWORD"');
  const { context, page } = await newPage(browser);
  try {
    await page.goto(new URL('staff/fi/sign-in', BASE).href, { waitUntil: 'load' });
    await page.fill('#email', STAFF_LOGIN.slice(0, at));
    await page.fill('#password', STAFF_LOGIN.slice(at + 1));
    await Promise.all([page.waitForURL(/\/staff\/fi\/$/), page.click('main form button[type="submit"]')]);
    storageState = await context.storageState();
  } finally {
    await context.close();
  }
}

// Every staff form, sent empty in each language: the page that comes back (422, errors next to their fields)
// must pass axe and the HTML checker like any other.
const STAFF_FORMS = ['accounts', 'tokens', 'indicators/upload', 'translations', 'versions'];
async function formErrorPages(browser) {
  const { context, page } = await newPage(browser);
  try {
    // One item's form of each kind too: the first that each list links to. (A target's own form is the new
    // target's form with a target's values in it; the bundled targets are approved, so they have none.)
    const forms = [...STAFF_FORMS];
    const linkedForms = [
      ['indicators', '/values$'], ['indicators', '/indicators/[0-9]+$'], ['actions', '/progress$'],
      ['targets', '/assessment$'], ['targets', '/targets/new'], ['accounts', '/accounts/'],
    ];
    for (const [list, kind] of linkedForms) {
      await page.goto(new URL(`staff/fi/${list}`, BASE).href, { waitUntil: 'load' });
      const linked = await page.evaluate((kind) => {
        const a = [...document.querySelectorAll('main a[href^="/staff/fi/"]')].find((a) => new RegExp(kind).test(a.getAttribute('href')));
        return a ? a.getAttribute('href').replace(/^\/staff\/fi\//, '') : null;
      }, kind);
      if (linked) forms.push(linked);
      else failures.crawl.push({ page: `/staff/fi/${list}`, problem: `no ${kind} form is linked` });
    }
    // A draft's forms: an item's texts, a new goal, and splitting an item (their reason is left empty).
    if (DRAFT) {
      const draftForms = [
        [`versions/${DRAFT}/texts`, '/texts/goal/'], [`versions/${DRAFT}/structure`, '/structure/new/goal$'],
        [`versions/${DRAFT}/structure`, '/split$'],
      ];
      for (const [list, kind] of draftForms) {
        await page.goto(new URL(`staff/fi/${list}`, BASE).href, { waitUntil: 'load' });
        const linked = await page.evaluate((kind) => {
          const a = [...document.querySelectorAll('main a[href^="/staff/fi/"]')].find((a) => new RegExp(kind).test(a.getAttribute('href')));
          return a ? a.getAttribute('href').replace(/^\/staff\/fi\//, '') : null;
        }, kind);
        if (linked) forms.push(linked);
        else failures.crawl.push({ page: `/staff/fi/${list}`, problem: `no ${kind} form is linked` });
      }
    }
    // An indicator's update interval, linked from its definition's form.
    const definition = forms.find((f) => /^indicators\/[0-9]+$/.test(f));
    if (definition) forms.push(definition.replace(/^indicators\//, 'reminders/indicator/'));
    for (const lang of LANGS) {
      for (const form of forms) {
        const url = new URL(`staff/${lang}/${form}`, BASE).href;
        await page.goto(url, { waitUntil: 'load' });
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST'),
          page.click('main form[method="post"]:not(.inline-form) button[type="submit"]'),
        ]);
        await page.waitForLoadState('load');
        if (response.status() !== 422) {
          failures.crawl.push({ page: shortUrl(url), problem: `an empty form came back with HTTP ${response.status()}, not 422` });
          continue;
        }
        const file = uniqueName(`${slugFor(url)}__errors`, '.html');
        fs.writeFileSync(path.join(HTML_DIR, file), await page.content());
        const rec = { url, requested: url, status: 422, kind: 'form', file, referrer: '(empty form sent)', encoding: '-' };
        pages.push(rec);
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async (tags) => {
          const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
          }));
        }, AXE_TAGS);
        if (violations.length) {
          rec.screenshot = await shot(page, `axe-${slugFor(url)}-errors`, true);
          for (const v of violations) failures.axe.push({ page: `${shortUrl(url)} (errors)`, ...v, screenshot: rec.screenshot });
        }
        axeByPage.push({ page: `${shortUrl(url)} (errors)`, violations });
      }
    }
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- 4b: chart text on phones
// Every crawled page with a chart, at each phone width: the rendered size of each visible SVG text is its
// computed font size times the scale the SVG is drawn at (getScreenCTM), so a chart that shrinks with the
// screen fails however its font-size attribute reads. The box height is reported too. A page where no chart
// text is visible at all fails as well, so the gate cannot pass by measuring nothing.
function chartPages() {
  return pages.filter((p) => p.kind === 'page' && /<svg[^>]*class="chart[ "]/.test(fs.readFileSync(path.join(HTML_DIR, p.file), 'utf8')));
}
async function chartTextCheck(browser, viewport, targets) {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(NAV_TIMEOUT);
  let measured = 0;
  try {
    for (const target of targets) {
      await page.goto(target.url, { waitUntil: 'load' });
      const result = await page.evaluate(() => {
        const texts = [...document.querySelectorAll('svg.chart text')];
        const visible = texts.filter((t) => { const r = t.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
        return {
          visible: visible.length,
          sizes: visible.map((t) => {
            const m = t.getScreenCTM();
            const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
            return { text: t.textContent.slice(0, 40), size, box: t.getBoundingClientRect().height };
          }),
        };
      });
      const where = `${shortUrl(target.url)} at ${viewport.width}x${viewport.height}`;
      if (!result.visible) failures.chart.push({ page: where, problem: 'no chart text is visible' });
      for (const s of result.sizes) {
        measured++;
        if (s.size < CHART_MIN_TEXT_PX - 0.005) {
          failures.chart.push({
            page: where,
            problem: `"${s.text}" renders at ${s.size.toFixed(2)} px (box ${s.box.toFixed(1)} px), under ${CHART_MIN_TEXT_PX} px`,
          });
        }
      }
    }
  } finally {
    await context.close();
  }
  return measured;
}

// ---------------------------------------------------------------- 5: Nu HTML Checker (async)
function startVnu() {
  return new Promise((resolve) => {
    if (!fs.readdirSync(HTML_DIR).some((f) => f.endsWith('.html'))) return resolve({ messages: [], error: 'no HTML files to check' });
    // One JVM for all pages: vnu walks the directory (no command-line length limit however many pages).
    const args = ['-Xss1m', '-jar', vnuJar, '--errors-only', '--format', 'json', '--stdout', '--exit-zero-always',
      '--skip-non-html', HTML_DIR];
    const child = spawn(process.env.QA_JAVA || 'java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', (e) => resolve({ messages: [], error: `could not run java: ${e.message}` }));
    child.on('close', (code) => {
      try {
        resolve({ messages: JSON.parse(out).messages || [], code });
      } catch {
        resolve({ messages: [], error: `vnu exit ${code}; unparsable output:\n${out.slice(0, 2000)}\n${err.slice(0, 2000)}` });
      }
    });
  });
}

// ---------------------------------------------------------------- 4: keyboard
/** One page per page type: home, each "section" and "section/item" shape, and the 404 page, per language. */
function keyboardSample() {
  const groups = new Map();
  for (const p of pages) {
    if (p.kind === 'form') continue; // the same page as its GET, which is in the sample
    const segs = relPath(new URL(p.url)).split('/').filter(Boolean);
    const staff = segs[0] === 'staff';
    const lang = (staff ? segs[1] : segs[0]) || '';
    let type;
    // A draft's item forms share one template per kind of page, whatever the item: one of each is enough.
    if (staff) type = `staff/${segs.slice(2).map((x) => (/^\d+$/.test(x) ? '*' : x)).join('/') || 'home'}`
      .replace(/^staff\/versions\/[^/]+\/(texts|structure)\/(?!new\/)[^/]+\/[^/]+/, 'staff/versions/*/$1/*/*');
    else if (p.kind === '404') type = '404';
    else if (segs.length <= 1) type = 'home';
    else type = segs[1] + '/*'.repeat(segs.length - 2);
    const key = `${lang} ${type}`;
    const group = KEYBOARD_ALL ? p.url : key;
    if (!groups.has(group)) groups.set(group, { key, lang, type, page: p });
  }
  return [...groups.values()];
}

function sameStyle(a, b, k) { return a[k] === b[k]; }
function transparent(color) { return /rgba\(.*,\s*0\)$/.test(color) || color === 'transparent'; }
function hasIndicator(focused, unfocused) {
  const outline = focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) > 0 && !transparent(focused.outlineColor);
  const bg = unfocused && !sameStyle(focused, unfocused, 'backgroundColor');
  const shadow = focused.boxShadow !== 'none' && (!unfocused || !sameStyle(focused, unfocused, 'boxShadow'));
  return outline || bg || shadow;
}

async function keyboardCheck(page, sample) {
  const { key, page: rec } = sample;
  const where = shortUrl(rec.url);
  const slug = `kbd-${slugFor(rec.url)}`;
  const fail = (problem, extra = {}) => failures.keyboard.push({ page: where, type: key, problem, ...extra });
  let shots = 0;
  let skipHidden = false;
  const maybeShot = async (page, suffix, fullPage = false) =>
    (shots++ < MAX_SHOTS_PER_PAGE ? shot(page, `${slug}-${suffix}`, fullPage) : '(screenshot limit reached)');

  {
    // --- a) skip link: first Tab, visible, Enter moves to #main
    await page.goto(rec.url, { waitUntil: 'load' });
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = window.__qa.active();
      if (!el) return null;
      const info = window.__qa.activeInfo();
      const href = el.getAttribute('href') || '';
      let target = null;
      try {
        const u = new URL(el.href, location.href);
        if (href.startsWith('#') || (u.origin + u.pathname + u.search) === (location.origin + location.pathname + location.search)) {
          target = decodeURIComponent(u.hash.slice(1)) || null;
        }
      } catch { /* not a URL */ }
      return { ...info, isSkip: el.localName === 'a' && target === 'main', target };
    });
    if (!first || !first.isSkip) {
      const shotFile = await maybeShot(page, 'first-tab');
      fail(`first Tab does not focus a skip link to #main (focused: ${first ? `${first.selector} "${first.text}" href=${first.href}` : 'nothing'})`,
        { screenshot: shotFile });
    } else {
      if (!first.fullyInViewport) {
        skipHidden = true;
        const shotFile = await maybeShot(page, 'skip-hidden');
        fail(`skip link is not fully visible when focused (box ${JSON.stringify(first.rect)}, viewport ${VIEWPORT.width}x${VIEWPORT.height})`,
          { element: first.selector, screenshot: shotFile });
      }
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#main', null, { timeout: 2000 }).catch(() => {});
      const afterEnter = await page.evaluate(() => {
        const main = document.getElementById('main');
        const act = document.activeElement;
        return {
          hash: location.hash,
          hasMain: !!main,
          focusInMain: !!main && !!act && (act === main || main.contains(act)),
          mainInView: !!main && window.__qa.inViewport(main, false),
          active: window.__qa.describe(act),
        };
      });
      let ok = afterEnter.hasMain && afterEnter.mainInView && afterEnter.focusInMain;
      let detail = '';
      if (afterEnter.hasMain && afterEnter.mainInView && !afterEnter.focusInMain) {
        // Focus may stay on the link while the sequential-navigation start point moves; accept if the next Tab lands in #main.
        await page.keyboard.press('Tab');
        const nextInMain = await page.evaluate(() => {
          const main = document.getElementById('main');
          const act = window.__qa.active();
          return !!act && (main.contains(act) || !!(main.compareDocumentPosition(act) & Node.DOCUMENT_POSITION_FOLLOWING));
        });
        ok = nextInMain;
        detail = nextInMain ? '' : ' and the next Tab does not land in #main';
      }
      if (!ok) {
        const shotFile = await maybeShot(page, 'skip-enter');
        fail(`Enter on skip link does not move focus/scroll to #main (hash=${afterEnter.hash || '""'}, #main ${afterEnter.hasMain ? 'exists' : 'missing'}, ` +
          `in view=${afterEnter.mainInView}, focus on ${afterEnter.active.selector}${detail})`, { screenshot: shotFile });
      }
    }

    // --- b) Tab through the whole page from the top
    await page.goto(rec.url, { waitUntil: 'load' });
    const expected = await page.evaluate(() => window.__qa.expectedStops());
    const cap = Math.min(expected.length + TAB_CAP_EXTRA, TAB_CAP_MAX);
    const reached = [];
    const reachedIds = new Set();
    let ended = 'cap';
    for (let i = 0; i < cap; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => window.__qa.activeInfo());
      if (!info) { ended = 'left the page'; break; }
      if (reachedIds.has(info.id)) { ended = 'cycled'; break; }
      reachedIds.add(info.id);
      reached.push(info);
      if (!info.inViewport && !(reached.length === 1 && skipHidden)) { // a hidden skip link is reported once, above
        const shotFile = await maybeShot(page, `offscreen-${reached.length}`);
        fail('focused element is not visible in the viewport', { element: info.selector, text: info.text, screenshot: shotFile });
      }
    }
    // Focus indicator: compare each element's focused styles with its styles once focus has left it.
    const unfocused = await page.evaluate((ids) => {
      if (document.activeElement) document.activeElement.blur();
      return ids.map((id) => window.__qa.styles(window.__qa.byId(id)));
    }, reached.map((r) => r.id));
    for (let i = 0; i < reached.length; i++) {
      const info = reached[i];
      if (hasIndicator(info.styles, unfocused[i])) continue;
      await page.evaluate((id) => window.__qa.byId(id).focus(), info.id);
      const shotFile = await maybeShot(page, `no-focus-indicator-${i + 1}`);
      fail(`no visible focus indicator (focused: outline-style ${info.styles.outlineStyle} ${info.styles.outlineWidth} ${info.styles.outlineColor}, ` +
        `background ${info.styles.backgroundColor} (unfocused ${unfocused[i].backgroundColor}), box-shadow ${info.styles.boxShadow})`,
        { element: info.selector, text: info.text, screenshot: shotFile });
    }
    if (ended === 'cap') {
      fail(`Tab sequence did not end after ${cap} presses (${expected.length} visible focusable elements): possible keyboard trap or focus loop`,
        { screenshot: await maybeShot(page, 'cap') });
    }
    const missed = expected.filter((e) => !reachedIds.has(e.id));
    if (missed.length) {
      await page.evaluate((ids) => {
        for (const id of ids) {
          const el = window.__qa.byId(id);
          if (el) el.style.setProperty('outline', '4px dashed #d0f', 'important');
        }
      }, missed.map((m) => m.id));
      const shotFile = await maybeShot(page, 'not-reached', true);
      for (const m of missed) {
        fail('visible focusable element not reached by Tab', { element: m.selector, text: m.text, href: m.href, screenshot: shotFile });
      }
    }
    return { key, page: where, expected: expected.length, reached: reached.length, ended };
  }
}

// ---------------------------------------------------------------- main
async function main() {
  log(`qa-web: base ${BASE.href}, output ${OUT}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  let kbdResults = [];
  let chartTexts = 0;
  let vnuResult;
  try {
    if (STAFF_LOGIN) {
      await signIn(browser);
      log('signed in as staff; staff pages are crawled too');
    }
    await crawlAndAxe(browser);
    if (STAFF_LOGIN) await formErrorPages(browser);
    log(`crawled ${pages.length} pages (${pages.filter((p) => p.kind === '404').length} of them 404 pages); axe done`);

    const vnuPromise = startVnu(); // runs in parallel with the keyboard checks
    const sample = keyboardSample();
    log(`keyboard checks on ${sample.length} pages: ${sample.map((s) => shortUrl(s.page.url)).join(' ')}`);
    const queue = [...sample];
    const worker = async () => {
      let { context, page } = await newPage(browser);
      try {
        while (queue.length) {
          const s = queue.shift();
          try {
            kbdResults.push(await keyboardCheck(page, s));
          } catch (e) {
            failures.keyboard.push({ page: shortUrl(s.page.url), type: s.key, problem: `checker error: ${e.stack || e}` });
            await context.close().catch(() => {});
            ({ context, page } = await newPage(browser));
          }
        }
      } finally {
        await context.close();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const charts = chartPages();
    for (const viewport of CHART_VIEWPORTS) {
      chartTexts += await chartTextCheck(browser, viewport, charts);
    }
    log(`keyboard done; chart text measured ${chartTexts} times on ${charts.length} pages at ${CHART_VIEWPORTS.map((v) => v.width).join(', ')} px; waiting for the Nu HTML Checker`);
    vnuResult = await vnuPromise;
  } finally {
    await browser.close();
  }

  // HTML results
  const byFile = new Map(pages.map((p) => [p.file, p]));
  if (vnuResult.error) failures.html.push({ file: '-', page: '-', line: 0, message: vnuResult.error });
  for (const m of vnuResult.messages) {
    if (m.type !== 'error' && m.type !== 'non-document-error') continue;
    const file = m.url ? path.basename(decodeURIComponent(new URL(m.url).pathname)) : '-';
    const p = byFile.get(file);
    failures.html.push({
      file: path.join('html', file), page: p ? shortUrl(p.url) : '-', line: m.lastLine ?? m.firstLine ?? 0,
      column: m.firstColumn ?? m.lastColumn, message: m.message, extract: m.extract,
    });
  }

  // ---------------------------------------------------------------- report
  const axeNodes = failures.axe.reduce((n, v) => n + v.nodes.length, 0);
  console.log('');
  if (failures.crawl.length) {
    console.log(`== Crawl problems (${failures.crawl.length})`);
    for (const f of failures.crawl) console.log(`  ${f.page}: ${f.problem}${f.referrer ? ` (linked from ${f.referrer})` : ''}`);
  }
  if (failures.axe.length) {
    console.log(`== Accessibility (axe-core ${require('axe-core/package.json').version}, ${AXE_TAGS.join(', ')}): ${failures.axe.length} violations, ${axeNodes} elements`);
    for (const v of failures.axe) {
      console.log(`  ${v.page}  [${v.id}] impact=${v.impact}: ${v.help}`);
      for (const n of v.nodes.slice(0, 10)) console.log(`      target: ${n.target.join(' ')}   ${n.html.slice(0, 140)}`);
      if (v.nodes.length > 10) console.log(`      ... and ${v.nodes.length - 10} more elements`);
      console.log(`      screenshot: ${v.screenshot}   ${v.helpUrl}`);
    }
  }
  if (failures.keyboard.length) {
    console.log(`== Keyboard: ${failures.keyboard.length} failures`);
    for (const f of failures.keyboard) {
      console.log(`  ${f.page} (${f.type}): ${f.problem}`);
      if (f.element) console.log(`      element: ${f.element}${f.text ? `  "${f.text}"` : ''}${f.href ? `  href=${f.href}` : ''}`);
      if (f.screenshot) console.log(`      screenshot: ${f.screenshot}`);
    }
  }
  if (failures.chart.length) {
    console.log(`== Chart text on phones: ${failures.chart.length} failures`);
    for (const f of failures.chart.slice(0, 50)) console.log(`  ${f.page}: ${f.problem}`);
    if (failures.chart.length > 50) console.log(`  ... and ${failures.chart.length - 50} more`);
  }
  if (failures.html.length) {
    console.log(`== HTML (Nu HTML Checker): ${failures.html.length} errors`);
    for (const h of failures.html) {
      console.log(`  ${h.file}:${h.line}${h.column ? `:${h.column}` : ''} (${h.page}): ${h.message}`);
      if (h.extract) console.log(`      ${h.extract.replace(/\s+/g, ' ').trim().slice(0, 160)}`);
    }
  }

  fs.writeFileSync(path.join(OUT, 'report.json'), JSON.stringify({
    base: BASE.href, seconds: Number(secs()), pages, failures, keyboard: kbdResults, axe: axeByPage,
  }, null, 2));

  const total = failures.crawl.length + failures.axe.length + failures.keyboard.length + failures.chart.length
    + failures.html.length;
  console.log('');
  console.log('== Summary');
  console.log(`  pages crawled:      ${pages.length}`);
  console.log(`  crawl problems:     ${failures.crawl.length}`);
  console.log(`  axe violations:     ${failures.axe.length} (rule x page), ${axeNodes} elements, rules: ${[...new Set(failures.axe.map((v) => v.id))].join(', ') || '-'}`);
  console.log(`  keyboard failures:  ${failures.keyboard.length} (on ${kbdResults.length} pages checked)`);
  console.log(`  chart text:         ${failures.chart.length} failures (${chartTexts} texts measured, at least ${CHART_MIN_TEXT_PX} px)`);
  console.log(`  HTML errors:        ${failures.html.length}`);
  console.log(`  time:               ${secs()}s; details in ${path.join(OUT, 'report.json')}`);
  console.log(total ? 'qa-web: FAILED' : 'qa-web: PASSED');
  return total ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error('qa-web: checker error:', e && e.stack || e);
  process.exit(2);
});
