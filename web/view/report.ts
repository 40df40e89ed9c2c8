// The page of a self-contained report (`node out.js --output html`): its data is in the file itself.

import { renderPage } from './render.js';
import type { ViewPage } from '../../src/runtime/view/page.js';

const page = JSON.parse(document.getElementById('pxlc-page')!.textContent!) as ViewPage;
void renderPage(document.getElementById('app')!, page);
