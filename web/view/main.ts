// The page `pxlc view` serves: asks the server for the script's page with the variables in the address bar,
// draws it, re-asks when a variable changes and, for live views, every period.

import { el, renderPage } from './render.js';
import type { ViewPage } from '../../src/runtime/view/page.js';

const root = document.getElementById('app')!;
let timer: ReturnType<typeof setTimeout> | undefined;

async function load(values: URLSearchParams): Promise<void> {
  if (timer !== undefined) clearTimeout(timer);
  root.setAttribute('data-state', 'loading');
  let page: ViewPage;
  try {
    const res = await fetch(`/api/page?${values.toString()}`);
    if (!res.ok) throw new Error(((await res.json()) as { error?: string }).error ?? res.statusText);
    page = (await res.json()) as ViewPage;
  } catch (e) {
    root.replaceChildren(el('pre', { class: 'px-error' }, `cannot load the page: ${(e as Error).message}`));
    root.setAttribute('data-state', 'error');
    return;
  }
  document.title = `${page.title} · pxlc view`;
  await renderPage(root, page, {
    onVariables: (v) => {
      const next = new URLSearchParams(v);
      history.replaceState(null, '', `?${next.toString()}`);
      void load(next);
    },
    onSend: async () => {
      const res = await fetch('/api/send', { method: 'POST' });
      return (await res.json()) as { delivered: boolean; lines: string[] };
    },
  });
  if (page.everyMs) timer = setTimeout(() => void load(new URLSearchParams(location.search)), page.everyMs);
}

void load(new URLSearchParams(location.search));
