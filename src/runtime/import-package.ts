// Node's import() of a package pxlc does not carry (the optional peers of optional-package.ts), resolved from
// where this module is, as a plain compiled module or the package's runtime resolves it.
//
// A one-file bundle puts its own module in this one's place (src/cli/bundle.ts): the bundle's code runs as a script
// compiled with V8's code cache, where import() has nothing to resolve against, so the bundle's ES module passes
// its own import() in.

export function importPackage(name: string): Promise<unknown> {
  return import(name);
}
