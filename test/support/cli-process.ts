// Argument lists that start the `ccnet` command as its own process. Tests run the TypeScript sources (so they test
// the code in the tree, not a bundle built earlier); test/package checks the prebuilt bundle separately.
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CCNET_FROM_SOURCE = [
  '--import',
  'tsx',
  fileURLToPath(new URL('../../cli/main.ts', import.meta.url)),
];
