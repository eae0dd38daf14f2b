// Small templates the CLI tests write to disk: one the linter passes, one it fails (two return proxies, CCN001).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CLEAN = `[cluster clean]
  [[node scheduler]]
  ImageName = cycle.image.ubuntu22
  [[nodearray execute]]
  ImageName = cycle.image.ubuntu22
`;

export const TWO_PROXIES = `[cluster two]
  [[node a]]
  IsReturnProxy = true
  ImageName = cycle.image.ubuntu22
  [[node b]]
  IsReturnProxy = true
  ImageName = cycle.image.ubuntu22
`;

/** A fresh temporary folder, and a function that writes a file in it and returns the file's path. */
export function scratch(prefix: string): { dir: string; write: (name: string, text: string) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  return { dir, write };
}
