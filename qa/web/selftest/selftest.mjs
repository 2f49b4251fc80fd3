// Runs check.mjs against the defect fixture and asserts that every gate reports what it should.
// Usage: node selftest/selftest.mjs   (after npm ci in qa/web)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-web-selftest-'));

const server = spawn(process.execPath, [path.join(here, 'fixture-server.mjs'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => {
    const m = String(d).match(/listening on (\d+)/);
    if (m) resolve(m[1]);
  });
  server.on('exit', (c) => reject(new Error(`fixture exited ${c}`)));
});

const code = await new Promise((resolve) => {
  const c = spawn(process.execPath, [path.join(here, '..', 'check.mjs'), `http://127.0.0.1:${port}`, out], { stdio: ['ignore', 'pipe', 'inherit'] });
  let log = '';
  c.stdout.on('data', (d) => { log += d; });
  c.on('close', (code) => { fs.writeFileSync(path.join(out, 'check.log'), log); resolve(code); });
});
server.kill();

const r = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
const f = r.failures;
const has = (list, pred) => list.some(pred);
const checks = [
  ['exit code 1', code === 1],
  ['crawled the good page in 3 languages', ['fi', 'sv', 'en'].every((l) => r.pages.some((p) => p.url.endsWith(`/${l}/good`)))],
  ['ignored /api, /static, mailto, external', !r.pages.some((p) => /\/(api|static)\/|example\.org/.test(p.url))],
  ['fragment link deduplicated', r.pages.filter((p) => p.url.endsWith('/fi/good')).length === 1],
  ['broken link reported', has(f.crawl, (x) => x.page === '/fi/missing' && /HTTP 404/.test(x.problem))],
  ['soft 404 reported', has(f.crawl, (x) => x.page === '/en/nope' && /expected HTTP 404/.test(x.problem))],
  ['axe image-alt', has(f.axe, (v) => v.page === '/fi/bad-axe' && v.id === 'image-alt')],
  ['axe color-contrast', has(f.axe, (v) => v.page === '/fi/bad-axe' && v.id === 'color-contrast')],
  ['axe label', has(f.axe, (v) => v.page === '/fi/bad-axe' && v.id === 'label')],
  ['axe clean on good page', !has(f.axe, (v) => v.page === '/fi/good')],
  ['axe screenshot saved', has(f.axe, (v) => v.screenshot && fs.existsSync(path.join(out, v.screenshot)))],
  ['keyboard: missing skip link', has(f.keyboard, (x) => x.page === '/fi/bad-keyboard' && /first Tab/.test(x.problem))],
  ['keyboard: no focus indicator', has(f.keyboard, (x) => x.page === '/fi/bad-keyboard' && /no visible focus indicator/.test(x.problem) && /no-ring/.test(x.element))],
  ['keyboard: focus off screen', has(f.keyboard, (x) => x.page === '/fi/bad-keyboard' && /not visible in the viewport/.test(x.problem))],
  ['keyboard: unreachable button', has(f.keyboard, (x) => x.page === '/fi/bad-keyboard' && /not reached/.test(x.problem) && /button/.test(x.element))],
  ['keyboard: hidden skip link', has(f.keyboard, (x) => x.page === '/fi/bad-skip/x' && /skip link is not fully visible/.test(x.problem))],
  ['keyboard: good page passes', !has(f.keyboard, (x) => x.page === '/fi/good')],
  ['keyboard screenshot saved', has(f.keyboard, (x) => x.screenshot && fs.existsSync(path.join(out, x.screenshot)))],
  ['chart: small text reported at 320 px', has(f.chart, (x) => x.page === '/fi/bad-chart at 320x640' && /under 12 px/.test(x.problem))],
  ['chart: readable chart passes', !has(f.chart, (x) => x.page.startsWith('/fi/good-chart'))],
  ['html: duplicate id', has(f.html, (h) => h.page === '/fi/bad-html' && /Duplicate ID/i.test(h.message))],
  ['html: stray end tag', has(f.html, (h) => h.page === '/fi/bad-html' && /end tag/i.test(h.message) && h.line > 0)],
  ['html: good page valid', !has(f.html, (h) => h.page === '/fi/good')],
];
let failed = 0;
for (const [name, ok] of checks) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  if (!ok) failed++;
}
console.log(`selftest output in ${out}`);
console.log(`${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
