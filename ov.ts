import { launch } from './tests/support/browser.ts';
import { serve } from './tests/support/server.ts';
const srv = await serve('dist');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
for (const p of process.argv.slice(2)) {
  await page.goto(srv.url + p);
  console.log(p, await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const scrolls = (e: Element | null): boolean => { for (let a = e?.parentElement; a; a = a.parentElement) { const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
    const out: string[] = [];
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (r.right > w + 1 && !scrolls(e) && !e.closest('.katex-mathml')) out.push(e.tagName + '.' + (e.getAttribute('class') ?? '').slice(0, 30) + ' ' + Math.round(r.right) + ' ' + (e.textContent ?? '').slice(0, 40).replace(/\s+/g, ' '));
    }
    return out.filter((x, i) => i < 3);
  }));
}
await browser.close(); await srv.close();
