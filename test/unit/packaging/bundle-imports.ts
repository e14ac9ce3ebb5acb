import { builtinModules } from 'node:module';

/**
 * Reading module specifiers out of built JavaScript. The dependency-cruiser rules cover the
 * sources; these look at what the bundler actually emitted, where a dependency's own `require`
 * would surface.
 */

/**
 * `import … from "x"`, `export … from "x"`, `import "x"`, `import("x")`, `require("x")`: the x's.
 * Quotes only, not backticks: bundlers emit quoted specifiers, and prose in comments uses backticks.
 */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(["'])([^"'\n]+)\1/g;

export function moduleSpecifiers(code: string): string[] {
  return [...code.matchAll(SPECIFIER)].map((match) => match[2]!);
}

/** Modules that exist only under Node or Electron's main process, and would break a browser page. */
const NODE_ONLY_PACKAGES = new Set(['electron', 'better-sqlite3', 'fastify', '@fastify/static', 'pg', 'ws', 'localtunnel', 'bindings']);
const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** The package a bare specifier names (`@scope/pkg/deep.js` → `@scope/pkg`), or null for relative/URL ones. */
export function packageOf(specifier: string): string | null {
  if (/^(\.|\/|[a-z]+:\/\/|data:|blob:)/.test(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0]!);
}

/** What in this code reaches for Node: a built-in module, a Node-only package, or `createRequire`. */
export function nodeReferences(code: string): string[] {
  const found = moduleSpecifiers(code).filter((specifier) => {
    const name = packageOf(specifier);
    return isNodeBuiltin(specifier) || (name !== null && NODE_ONLY_PACKAGES.has(name));
  });
  if (/\bcreateRequire\s*\(/.test(code)) found.push('createRequire()');
  if (/\bprocess\.binding\s*\(/.test(code)) found.push('process.binding()');
  return found;
}
