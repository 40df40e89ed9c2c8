// Where this pxlc's runtime and compiler entry are, as absolute file URLs: what modules compiled to run from any
// directory import. A module of its own so that commands that only need the addresses (pxlc run, when its module
// is cached) do not load the compiler.

/** The runtime this compiler ships (dist/src/runtime): compiled modules run from any directory. */
export const RUNTIME_URL = new URL('./runtime/index.js', import.meta.url).href;

/** This compiler, as an absolute file URL: what a module loads to compile an entry point when it runs. */
export const COMPILER_URL = new URL('./compile-entry.js', import.meta.url).href;
