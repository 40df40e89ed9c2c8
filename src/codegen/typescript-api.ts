// The TypeScript compiler API, loaded with require. Imported as an ES module, Node would first scan its 9 MB of
// CommonJS for export names (cjs-module-lexer) and detect its module format: about 0.6 s of every
// `pxlc compile` that writes out.d.ts, for names we never import.

import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';

const require = createRequire(import.meta.url);

export const ts = require('typescript') as typeof TypeScript;
