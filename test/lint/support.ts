// Templates and a scratch folder the `ccnet check` tests share.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function scratch(prefix: string): { dir: string; write: (name: string, text: string) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    write: (name, text) => {
      const file = path.join(dir, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
  };
}

/** CCN001 (error) at line 7, CCN006 (info) at line 3 with the parameter on line 12. */
export const MIXED = `[cluster mixed]
  [[node scheduler]]
  IsReturnProxy = $ReturnProxy
  ImageName = cycle.image.ubuntu22
  [[node login]]
  ImageName = cycle.image.ubuntu22
  IsReturnProxy = true
  [[node extra]]
  IsReturnProxy = true
[parameters Advanced]
  [[parameters Networking]]
    [[[parameter ReturnProxy]]]
    DefaultValue = false
`;

/** One warning (CCN103, a stray line) and nothing else. */
export const WARNING_ONLY = `[cluster w]
  [[node scheduler]]
  ImageName = cycle.image.ubuntu22
  this line means nothing
`;

export const CLEAN = `[cluster clean]
  [[node scheduler]]
  ImageName = cycle.image.ubuntu22
`;
