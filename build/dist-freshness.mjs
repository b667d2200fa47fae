// Whether dist/ still matches the sources, so `npm start` can start at once instead of rebuilding
// the whole app every time. Plain JavaScript: it runs before anything is built.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What the build reads: a change to any of these makes dist/ stale. */
const SOURCES = ['electron', 'renderer', 'shared', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'build/build-main.mjs'];
/** What the build writes and `npm start` needs. */
const OUTPUTS = ['dist/electron/launch.cjs', 'dist/electron/main.cjs', 'dist/electron/cli.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'];

/**
 * Why dist/ under `root` must be built before starting, in words for the console, or undefined when
 * every output is newer than every source.
 * @param {string} root
 * @returns {string | undefined}
 */
export function staleReason(root) {
  let oldestOutput = Infinity;
  for (const output of OUTPUTS) {
    const modified = modifiedAt(join(root, output));
    if (modified === undefined) return `${output} is missing`;
    oldestOutput = Math.min(oldestOutput, modified);
  }
  const newest = newestSource(root);
  if (newest && newest.modified > oldestOutput) return `${relative(root, newest.path)} changed since the last build`;
  return undefined;
}

/** @param {string} path */
function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** @param {string} root @returns {{ path: string; modified: number } | undefined} */
function newestSource(root) {
  /** @type {{ path: string; modified: number } | undefined} */
  let newest;
  /** @param {string} path */
  const visit = (path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'node_modules' && !name.startsWith('.')) visit(join(path, name));
    } else if (!newest || stats.mtimeMs > newest.modified) {
      newest = { path, modified: stats.mtimeMs };
    }
  };
  for (const source of SOURCES) visit(join(root, source));
  return newest;
}
