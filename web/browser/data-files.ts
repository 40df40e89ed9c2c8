// Browser stand-in for src/core/data-files.ts: the catalogues are embedded in the bundle.

import tables from '../../data/tables.json';
import functions from '../../data/functions.json';
import pxviews from '../../data/pxviews.pxl';

export function tablesJson(): unknown {
  return tables;
}

export function functionsJson(): unknown {
  return functions;
}

export function pxviewsSource(): string {
  return pxviews;
}
