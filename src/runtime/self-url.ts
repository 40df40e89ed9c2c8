// This runtime's entry module as a URL: what a module compiled while running (compile-at-run-time.ts) imports, so
// that it runs on its caller's runtime. In the package's pre-bundled runtime, import.meta.url here is that runtime's
// index.js (scripts/build-runtime.mjs).

export const RUNTIME_SELF_URL = new URL('./index.js', import.meta.url).href;
