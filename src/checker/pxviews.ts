// `import pxviews`: Pixie ships a PxL library of view functions. pxlc does not bundle it yet; the module
// exists so that scripts importing it get a precise error at the first use instead of an unknown module.

import type { Interpreter } from './interpret.js';
import type { ModuleValue } from './values.js';

export function pxviewsModule(_interp: Interpreter, _px: ModuleValue): ModuleValue {
  return { kind: 'Module', name: 'pxviews', attrs: new Map() };
}
