// `ccnet diagnose --diagram` with a path it cannot use: one line naming the problem (a folder, a missing folder, a
// file in the way, no permission, an unknown extension), exit 2, and no half-written answer on stdout.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccnet } from '../support/cli-io.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-diagram-path-'));
const diagnoseTo = (target: string) => ccnet(['diagnose', '--server', 'other-vnet', '--diagram', target]);

async function refused(target: string, why: string): Promise<void> {
  const r = await diagnoseTo(target);
  expect(r.code, target).toBe(2);
  expect(r.stderr).toBe(`ccnet diagnose: --diagram ${target}: ${why}\n`);
  expect(r.stdout).toBe('');
}

describe('ccnet diagnose --diagram with a path it cannot use', () => {
  it('names a folder as a folder, with or without an extension or a trailing slash', async () => {
    const folder = path.join(dir, 'pictures');
    mkdirSync(folder);
    const looksLikeSvg = path.join(dir, 'path.svg');
    mkdirSync(looksLikeSvg);
    for (const target of [folder, `${folder}/`, looksLikeSvg])
      await refused(target, 'that is a folder; name a file in it ending in .svg or .png');
  });

  it('says which folder is missing, or which file stands where a folder should be', async () => {
    await refused(
      path.join(dir, 'no', 'such', 'x.svg'),
      `cannot write it: the folder ${path.join(dir, 'no', 'such')} does not exist (ENOENT)`,
    );
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'x');
    await refused(path.join(file, 'x.png'), `cannot write it: ${file} is not a folder (ENOTDIR)`);
  });

  it('says when it may not write there', async () => {
    if (process.getuid?.() === 0) {
      console.log('running as root: permission bits do not stop root, skipping the read-only folder case');
      return;
    }
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    await refused(
      path.join(locked, 'x.svg'),
      `cannot write it: no permission to write in ${locked} (EACCES)`,
    );
  });

  it('refuses an extension it cannot draw', async () => {
    for (const name of ['x.jpg', 'x', 'x.svg.txt'])
      await refused(path.join(dir, name), 'the name must end in .svg or .png');
  });
});
