import fs from 'node:fs';
import path from 'node:path';

/**
 * The project root (cards and data live beside src/): the nearest folder above this code with a package.json.
 * Searched, not counted in levels, because the same code runs from dist/src/core (tests, tools) and from the
 * one-file bundle at dist/src/index.js (`npm start`, the container; scripts/bundleEntry.ts).
 */
export const projectRoot = nearestPackageRoot(__dirname);

function nearestPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
