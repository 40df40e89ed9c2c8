// Messages about `--schema` files (custom table schemas); codes 8xxx. Kept apart from the script catalogue.

import type { Message } from './messages.js';

const m = (code: string, text: string, ...hints: string[]): Message => ({
  code,
  text,
  hints,
  status: { kind: 'report' },
});
const didYouMean = (s: string | undefined) => (s === undefined ? [] : [`did you mean '${s}'?`]);
const FORMAT_HINT =
  'The format is that of Pixie\'s tables.json: {"tables": {"my_table": {"columns": [{"name": "time_", "type": "TIME64NS"}, ...]}}}';

export const schemaMessages = {
  notJson: (detail: string) => m('PXL8001', `not valid JSON: ${detail}`),
  noTables: () => m('PXL8002', 'a schema file is an object with "tables"', FORMAT_HINT),
  expected: (what: string, want: string) => m('PXL8003', `${what} must be ${want}`, FORMAT_HINT),
  needs: (what: string, want: string) => m('PXL8009', `${what} needs ${want}`, FORMAT_HINT),
  emptyName: (what: string) => m('PXL8004', `a ${what} name must not be empty`),
  duplicateColumn: (table: string, col: string) => m('PXL8005', `column '${col}' appears twice in table '${table}'`),
  badType: (got: string | undefined, types: readonly string[], suggestion?: string) =>
    m(
      'PXL8006',
      got === undefined ? 'a column needs a "type"' : `unknown column type '${got}'`,
      ...didYouMean(suggestion),
      `types: ${types.join(', ')}`,
    ),
  badSemanticType: (got: string | undefined, suggestion?: string) =>
    m(
      'PXL8007',
      got === undefined ? '"semantic_type" must be a string' : `unknown semantic type '${got}'`,
      ...didYouMean(suggestion),
    ),
  unknownKey: (key: string, known: readonly string[], suggestion?: string) =>
    m('PXL8008', `unknown key "${key}"`, ...didYouMean(suggestion), `keys: ${known.join(', ')}`),
} as const;
