// Where a rule's page is. The repository's public URL is not known to ccnet (it may be a fork, a mirror or an internal
// server), so the default is the page shipped with this copy, as a file: URL: absolute (SARIF needs one) and always
// the text of the version that produced the finding. Teams that publish the docs set `docsBase` in the config (or
// --docs-base) to e.g. https://github.com/acme/ccnet/blob/main/docs/rules/, and every helpUri follows.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { usageError } from '../errors.ts';

/** The package root: the nearest folder above this module (source or bundle) that holds docs/rules. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'docs', 'rules'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
    dir = parent;
  }
}

function defaultDocsBase(): string {
  return pathToFileURL(path.join(packageRoot(), 'docs', 'rules') + path.sep).href;
}

/** A base URL ending in `/`; rejects anything that is not an absolute URL. */
export function docsBase(configured: string | undefined): string {
  if (configured === undefined) return defaultDocsBase();
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    throw usageError(
      `docsBase "${configured}" is not an absolute URL (e.g. https://github.com/acme/ccnet/blob/main/docs/rules/)`,
    );
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

export function helpUri(base: string, rule: string): string {
  return new URL(`${rule}.md`, base).href;
}
