#!/usr/bin/env node
// The `ccnet` command. Checks the Node version first (one clear line instead of a syntax error deep in a dependency),
// then runs the prebuilt bundle that `npm ci` builds (`prepare`); from a checkout without it, the TypeScript sources
// through tsx.
import { existsSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`ccnet: needs Node.js 20.19 or later; this is ${process.version}\n`);
  process.exit(2);
}

const bundle = new URL('../dist/ccnet.js', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
