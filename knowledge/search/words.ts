// How questions in plain words meet ccnet's facts: phrases that mean one thing become one token, words that mean
// the same become one canonical word, filler words are dropped. Applied the same way to the indexed facts and to
// the question, so "jump box" finds Bastion and "CycleCloud 7" finds the CC7 section.

/** Multi-word phrases -> one token (longest first at build time). Lower case. */
const PHRASES: Readonly<Record<string, string>> = {
  'cyclecloud 7': 'cc7',
  'cycle cloud 7': 'cc7',
  'cyclecloud version 7': 'cc7',
  'version 7': 'cc7',
  'cyclecloud 8': 'cc8',
  'cycle cloud 8': 'cc8',
  'cyclecloud version 8': 'cc8',
  'version 8': 'cc8',
  'jump box': 'bastion',
  'jump host': 'bastion',
  'no public ip': 'privateip',
  'without a public ip': 'privateip',
  'without public ip': 'privateip',
  'no public ips': 'privateip',
  'no public address': 'privateip',
  'private ip': 'privateip',
  'private address': 'privateip',
  'return proxy': 'returnproxy',
  'return-proxy': 'returnproxy',
  'http proxy': 'httpproxy',
  'https proxy': 'httpproxy',
  'web proxy': 'httpproxy',
  'corporate proxy': 'httpproxy',
  'proxy server': 'httpproxy',
  'name resolution': 'dns',
  'host name': 'hostname',
  'dns server': 'dns',
  'private endpoint': 'privateendpoint',
  'service endpoint': 'serviceendpoint',
  'storage account': 'storage',
  'storage locker': 'storage',
  'managed identity': 'identity',
  'service principal': 'identity',
  'nat gateway': 'natgateway',
  'default outbound access': 'outbound',
  'outbound access': 'outbound',
  'vnet peering': 'peering',
  'network security group': 'nsg',
  'security group': 'nsg',
  'ssh tunnel': 'tunnel',
  'express route': 'expressroute',
  'metadata service': 'imds',
  'instance metadata': 'imds',
  'ca bundle': 'tls',
  'root ca': 'tls',
  'shared file system': 'filesystem',
  'file system': 'filesystem',
  'azure files': 'filesystem',
  'workspace for slurm': 'ccws',
  'client secret': 'secret',
  'resource provider': 'provider',
  'package repository': 'package',
  'package repositories': 'package',
  'distro mirror': 'mirror',
};

/** Words that mean the same thing for these questions -> one canonical word. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  port: ['ports'],
  node: [
    'nodes',
    'vm',
    'vms',
    'machine',
    'machines',
    'compute',
    'execute',
    'host',
    'hosts',
    'server',
    'servers',
  ],
  user: ['users', 'people', 'engineer', 'engineers', 'admin', 'admins'],
  ssh: ['login', 'rdp', 'shell'],
  bastion: ['jumpbox', 'jumphost'],
  allow: ['open', 'opened', 'allowed', 'permit', 'unblock', 'unblocked', 'enable'],
  block: ['blocked', 'blocks', 'deny', 'denied', 'drop', 'dropped', 'closed'],
  dns: ['resolve', 'resolves', 'resolved', 'resolution', 'resolving', 'nslookup', 'getaddrinfo', 'lookup'],
  outbound: ['egress', 'internet', 'outgoing'],
  storage: ['locker', 'blob', 'blobs'],
  tls: ['cert', 'certs', 'certificate', 'certificates', 'ssl', 'ca', 'https'],
  permission: ['permissions', 'rights', 'role', 'roles', 'rbac', 'authorization', 'authorized', 'access'],
  identity: ['msi', 'principal', 'credential', 'credentials'],
  slurm: ['slurmctld', 'slurmd', 'slurmdbd'],
  cyclecloud: ['cycle', 'cc', 'cycleserver', 'cycle_server'],
  version: ['versions', 'release'],
  peering: ['peer', 'peered', 'peerings'],
  vpn: ['expressroute', 'gateway'],
  filesystem: ['nfs', 'smb', 'lustre', 'mount', 'mounts', 'share', 'anf'],
  timeout: ['timeouts', 'timed', 'hang', 'hangs'],
  package: ['packages', 'apt', 'yum', 'dnf', 'repo', 'repos', 'repository'],
  database: ['mysql', 'mariadb', 'db', 'accounting'],
  imds: ['169.254.169.254', 'metadata'],
  log: ['logs'],
};

const STOP_WORDS = new Set(
  'a an and are as at be but by can do does did for from get gets got have has how i if in into is it its me my need needs needed of on or our should so that the their them there these they this those to use used using we what when where which who why will with would you your must want wants required require requires any all some via no not cannot cant wont doesnt dont'.split(
    ' ',
  ),
);

const CANONICAL = new Map<string, string>();
for (const [canonical, words] of Object.entries(SYNONYMS)) {
  for (const word of words) CANONICAL.set(word, canonical);
}
const PHRASE_LIST = Object.entries(PHRASES).sort(([a], [b]) => b.length - a.length);

/** Lower case, phrases joined into their tokens. */
export function normalizeWords(text: string): string {
  let out = ` ${text.toLowerCase().replace(/[\s`'"“”‘’?!,;()[\]{}<>]+/g, ' ')} `;
  for (const [phrase, token] of PHRASE_LIST) {
    if (out.includes(` ${phrase} `)) out = out.split(` ${phrase} `).join(` ${token} `);
  }
  return out.trim();
}

/** One indexed or queried word -> its canonical form, or null for a filler word. */
export function canonicalWord(term: string): string | null {
  const word = term.toLowerCase();
  if (word.length === 0 || STOP_WORDS.has(word)) return null;
  return CANONICAL.get(word) ?? word;
}

/** The content words of a text, canonical, in order, each once. */
export function contentWords(text: string): string[] {
  const words = normalizeWords(text)
    .split(/[^a-z0-9._/-]+/)
    .map((w) => w.replace(/^[._/-]+|[._/-]+$/g, ''))
    .map(canonicalWord)
    .filter((w): w is string => w !== null && w.length > 0);
  return [...new Set(words)];
}
