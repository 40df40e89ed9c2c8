// Messages about vis.json files (the vis spec beside a script in Pixie's script bundles); codes 86xx.

import type { Message } from './messages.js';

const m = (code: string, text: string, ...hints: string[]): Message => ({
  code,
  text,
  hints,
  status: { kind: 'report' },
});
const didYouMean = (s: string | undefined) => (s === undefined ? [] : [`did you mean '${s}'?`]);

export const visMessages = {
  notJson: (detail: string) => m('PXL8601', `not valid JSON: ${detail}`),
  expected: (what: string, want: string) => m('PXL8602', `${what} must be ${want}`),
  needs: (what: string, want: string) => m('PXL8603', `${what} needs ${want}`),
  badVariableType: (got: string, types: readonly string[], suggestion?: string) =>
    m('PXL8604', `unknown variable type '${got}'`, ...didYouMean(suggestion), `types: ${types.join(', ')}`),
  duplicate: (what: string, name: string) => m('PXL8605', `${what} '${name}' appears twice`),
  unknownVariable: (name: string, known: readonly string[], suggestion?: string) =>
    m(
      'PXL8606',
      `argument bound to variable '${name}', which the spec does not declare`,
      ...didYouMean(suggestion),
      known.length ? `variables: ${known.join(', ')}` : 'the spec declares no variables',
    ),
  unknownGlobal: (name: string, known: readonly string[], suggestion?: string) =>
    m(
      'PXL8607',
      `widget reads global function output '${name}', which no entry of "globalFuncs" produces`,
      ...didYouMean(suggestion),
    ),
  badDefault: (problem: string) => m('PXL8608', `default value: ${problem}`),
  unknownDisplay: (got: string, kinds: readonly string[]) =>
    m(
      'PXL8609',
      `unknown display spec type '${got}'`,
      `types: ${kinds.map((k) => `types.px.dev/px.vispb.${k}`).join(', ')}`,
    ),
  noFunction: (name: string, known: readonly string[], suggestion?: string) =>
    m(
      'PXL8610',
      `the script has no function '${name}' to call`,
      ...didYouMean(suggestion),
      known.length ? `functions: ${known.join(', ')}` : 'the script defines no function with annotated arguments',
    ),
  noParameter: (func: string, arg: string, params: readonly string[]) =>
    m(
      'PXL8611',
      `function '${func}' has no argument '${arg}'`,
      params.length ? `arguments: ${params.join(', ')}` : `${func} takes no arguments`,
    ),
  missingArguments: (func: string, args: readonly string[]) =>
    m(
      'PXL8612',
      `the call of '${func}' does not pass ${args.length === 1 ? 'its argument' : 'the arguments'} ${args.map((a) => `'${a}'`).join(', ')}`,
    ),
} as const;
