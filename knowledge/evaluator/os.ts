// Which OS a node runs, from ImageOS, Azure.OS, JetpackPlatform or the image name / URN (NR, RP: proxies are Linux only).
import type { ResolvedNode } from '../template/types.ts';
import { attribute, textOf } from './attributes.ts';

export type NodeOs = 'linux' | 'windows' | 'unknown';

const LINUX_WORDS = [
  'linux',
  'centos',
  'ubuntu',
  'rhel',
  'redhat',
  'alma',
  'rocky',
  'sles',
  'suse',
  'debian',
  'openlogic',
  'canonical',
  'oracle-linux',
];

/** Attributes in the order that decides: an explicit OS first, then the Jetpack platform, then the image. */
const OS_KEYS = ['imageos', 'azure.os', 'jetpackplatform', 'imagename', 'image', 'sourceimage'] as const;

export function nodeOs(node: ResolvedNode): NodeOs {
  for (const key of OS_KEYS) {
    const text = textOf(attribute(node, key));
    if (text === undefined) continue;
    const os = key === 'jetpackplatform' ? platformOs(text) : classifyImageText(text);
    if (os !== 'unknown') return os;
  }
  return 'unknown';
}

/** Windows images: MicrosoftWindowsServer… URNs, anything naming windows, cycle.image.win*. */
function classifyImageText(text: string): NodeOs {
  const lower = text.trim().toLowerCase();
  if (lower === '' || lower.startsWith('$')) return 'unknown';
  const windows = lower.includes('windows') || lower.startsWith('cycle.image.win');
  const linux = LINUX_WORDS.some((w) => lower.includes(w)) || (lower.startsWith('cycle.image.') && !windows);
  if (windows === linux) return 'unknown';
  return windows ? 'windows' : 'linux';
}

/** Jetpack platforms are `windows` or a Linux distribution name such as `centos-7`, `ubuntu-22.04`. */
function platformOs(text: string): NodeOs {
  const lower = text.trim().toLowerCase();
  if (lower === '' || lower.includes('${') || lower.startsWith('$')) return classifyImageText(lower);
  return lower.includes('windows') ? 'windows' : 'linux';
}
