// `node out.js --output html > report.html`: the page `pxlc view` draws, as one self-contained file (the
// browser bundle and styles inlined, the data as JSON), for CI artifacts and sharing. Nothing is fetched when
// it opens: every chart library is in the file.

import { readFile } from 'node:fs/promises';
import type { ViewPage } from './page.js';

/** The browser bundles `npm run build` writes (dist/web/), from dist/src/runtime/view/. */
const WEB_DIR = new URL('../../../web/', import.meta.url);

export async function htmlReport(page: ViewPage): Promise<string> {
  const [js, css] = await Promise.all([
    readFile(new URL('report.js', WEB_DIR), 'utf8'),
    readFile(new URL('view.css', WEB_DIR), 'utf8'),
  ]);
  // Inside <script> and <style>, only a closing tag can end the element early: `<\/` means the same in JS and CSS.
  const json = JSON.stringify(page).replace(/</g, '\\u003c');
  const title = page.title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · pxlc report</title>
<style>${css.replace(/<\/style/gi, '<\\/style')}</style></head>
<body><div id="app"></div>
<script type="application/json" id="pxlc-page">${json}</script>
<script type="module">${js.replace(/<\/script/gi, '<\\/script')}</script>
</body></html>
`;
}
