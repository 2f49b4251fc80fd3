// A tiny site with known defects, to prove that every gate in check.mjs fires.
// Usage: node fixture-server.mjs PORT
import http from 'node:http';

const CSS = `
  .skip-link { position: absolute; left: 1rem; top: -10rem; background: #ffbf47; color: #000; }
  .skip-link:focus { top: .5rem; }
  a:focus-visible { outline: 3px solid #000; }
  .no-ring:focus, .no-ring:focus-visible { outline: none; }
  .offscreen { position: absolute; left: -9999px; }
  .faint { color: #bbb; background: #fff; }
  .hidden-skip:focus { top: -10rem; }
  .chart { width: 100%; height: auto; display: block; }
`;

// A chart whose text scales with it: 12 units in a 640-unit drawing are about 6 px on a 320 px phone.
const chart = (width, size) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 160" role="img"
 aria-label="Chart" class="chart"><text x="10" y="40" font-size="${size}">Label</text></svg>`;

function page(lang, title, body, { skip = '<a class="skip-link" href="#main">Skip</a>', extraCss = '' } = {}) {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${title}</title><style>${CSS}${extraCss}</style></head>
<body>
${skip}
<nav aria-label="Main"><ul><li><a href="/${lang}/">Home</a></li><li><a href="/${lang}/good">Good</a></li></ul></nav>
<main id="main" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

const links = (lang) => `<ul>
<li><a href="/${lang}/good">good</a></li>
<li><a href="/${lang}/bad-axe">axe</a></li>
<li><a href="/${lang}/bad-keyboard">keyboard</a></li>
<li><a href="/${lang}/bad-skip/x">skip</a></li>
<li><a href="/${lang}/bad-html">html</a></li>
<li><a href="/${lang}/bad-chart">shrinking chart</a></li>
<li><a href="/${lang}/good-chart">readable chart</a></li>
<li><a href="/${lang}/missing">broken link</a></li>
<li><a href="/api/v1/strategy">api (ignored)</a></li>
<li><a href="/static/site.css">static (ignored)</a></li>
<li><a href="mailto:x@example.org">mail (ignored)</a></li>
<li><a href="https://example.org/">external (ignored)</a></li>
<li><a href="/${lang}/good#frag">fragment (same page)</a></li>
</ul>`;

const routes = {
  '': (l) => page(l, 'Home', links(l)),
  good: (l) => page(l, 'Good', '<p>Fine.</p>'),
  'bad-axe': (l) => page(l, 'Axe', `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p class="faint">Low contrast text</p><form action="/${l}/good"><input type="text" name="q"></form>`),
  'bad-keyboard': (l) => page(l, 'Keyboard', `<p><a class="no-ring" href="/${l}/good">no focus ring</a></p>
<p><a class="offscreen" href="/${l}/good">focusable but off screen</a></p>
<p><button type="button" tabindex="-1">not reachable button</button></p>`, { skip: '' }),
  'bad-skip/x': (l) => page(l, 'Skip', '<p>Skip link stays hidden and points nowhere.</p>',
    { skip: '<a class="skip-link hidden-skip" href="#main">Skip</a>' }),
  'bad-chart': (l) => page(l, 'Chart', chart(640, 12)),
  'good-chart': (l) => page(l, 'Chart', chart(280, 14)),
  'bad-html': (l) => page(l, 'HTML', '<div><p>unclosed <span id="dup">a</span><span id="dup">b</span></p></section>'),
};

const server = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  const m = u.pathname.match(/^\/(fi|sv|en)\/(.*)$/);
  if (u.pathname.startsWith('/api/') || u.pathname.startsWith('/static/')) {
    res.writeHead(500, { 'content-type': 'text/plain' }); // must never be fetched by the crawler
    return res.end('crawler should ignore this');
  }
  if (m && routes[m[2]]) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(routes[m[2]](m[1]));
  }
  const lang = m ? m[1] : 'en';
  // /en/nope answers 200: a "soft 404" that the checker must report.
  const status = u.pathname === '/en/nope' ? 200 : 404;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page(lang, 'Not found', `<p><a href="/${lang}/">Home</a></p>`));
});
server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  console.log(`fixture listening on ${server.address().port}`);
});
