// Reads the `ccnet-probe v1` block `ccnet probe` prints on a node, link by link: what each test shows and what it
// means for the node -> CycleCloud, node -> proxy, node -> storage and node -> IMDS links.
import { inert } from './fields.ts';
import { NSG_SEMANTICS } from './semantics.ts';
import type { Origin, ProbeLink, ProbeResult } from './types.ts';

export const PROBE_MARKER = 'ccnet-probe v1';
const START = '=== ccnet-probe v1 ===';
const END = '=== end ccnet-probe v1 ===';
/** Lines read from one block; the script prints about 25. */
const MAX_LINES = 200;

/** What curl's exit code says about the path (curl(1) "EXIT CODES"). */
const CURL_MEANINGS: Record<string, string> = {
  '6': 'the host name did not resolve (DNS)',
  '7': 'the connection was refused or there is no route: nothing listens on that port, or a firewall rejects it',
  '28': 'timed out: packets are dropped on the way (NSG, firewall, a route to nowhere) or nothing answers',
  '35': 'the TLS handshake failed: the port answers, so the network path works',
  '52': 'the server closed the connection without a reply: the port answers',
  '56': 'the connection was reset while reading: often a firewall or proxy in the path',
  '60': 'the certificate was rejected: the port answers, so the network path works',
};

export function interpretProbe(text: string, origin: Origin = { file: 'pasted text' }): ProbeResult | null {
  const start = text.indexOf(START);
  if (start === -1) return null;
  const endAt = text.indexOf(END, start);
  const body = text.slice(start + START.length, endAt === -1 ? undefined : endAt);
  const values = new Map<string, string>();
  const jetpackErrors: string[] = [];
  const env: Array<[string, string]> = [];
  const resolv: string[] = [];
  for (const raw of body.split(/\r?\n/).slice(0, MAX_LINES)) {
    // Slack and terminals may prefix pasted lines (quote marks, timestamps): read from the key on.
    const line = raw.replace(/^[>\s]+/, '');
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = inert(
      line
        .slice(eq + 1)
        .trim()
        .slice(0, 300),
    );
    if (!/^[\w.]+$/.test(key)) continue;
    if (key === 'jetpack.error') jetpackErrors.push(value);
    else if (key.startsWith('env.')) env.push([key.slice(4), value]);
    else if (key.startsWith('resolv.')) resolv.push(`${key.slice(7)} ${value}`);
    else if (!values.has(key)) values.set(key, value);
  }
  const url = values.get('cyclecloud.url');
  const parsedUrl = url && url !== 'unknown' && URL.canParse(url) ? new URL(url) : undefined;
  const port = parsedUrl ? Number(parsedUrl.port || (parsedUrl.protocol === 'https:' ? 443 : 80)) : undefined;
  const proxy = values.get('proxy');
  const proxyInUse = (proxy !== undefined && proxy !== 'none') || port === 37140;
  const links: ProbeLink[] = [];

  const resolveCc = values.get('cyclecloud.resolve');
  const ccAddress = okValue(resolveCc);
  links.push(
    resolveLink('cyclecloud-dns', "CycleCloud's host name", parsedUrl?.hostname, resolveCc, {
      failed:
        "the node cannot resolve CycleCloud's host name: check the VNet's DNS servers, the private DNS zone and webServerHostname",
    }),
  );
  links.push(
    urlLink('cyclecloud-https', `CycleCloud on port ${port ?? '?'}`, url, values.get('cyclecloud.https'), {
      ok: `the node reaches CycleCloud on ${port ?? 'its cluster port'}${port === 37140 ? ' (through the return proxy)' : ''}`,
    }),
  );
  if (proxy !== undefined && proxy !== 'none') {
    const target = /:\d+$/.test(proxy) ? proxy : `${proxy}:37140`;
    const proxyPort = target.split(':').at(-1) ?? '37140';
    links.push(
      urlLink(
        'proxy-https',
        `return proxy on port ${proxyPort}`,
        `https://${target}`,
        values.get('proxy.https'),
        {
          ok: `the node reaches the return proxy on ${proxyPort}; if CycleCloud still fails, check the SSH tunnel (CycleCloud -> proxy 22)`,
        },
      ),
    );
  }
  const account = values.get('storage.account');
  const storageAddress = okValue(values.get('storage.resolve'));
  links.push(
    resolveLink(
      'storage-dns',
      'storage account',
      account && account !== 'unknown' ? `${account}.blob.core.windows.net` : undefined,
      values.get('storage.resolve'),
      {
        failed:
          'the storage account does not resolve: private endpoint without a privatelink.blob.core.windows.net zone linked to this VNet, or custom DNS',
      },
    ),
  );
  links.push(
    urlLink(
      'storage-locker',
      'storage locker (443)',
      account ? `https://${account}.blob.core.windows.net/cyclecloud/` : undefined,
      values.get('storage.locker'),
      {
        ok: 'the locker answers over HTTPS (404 or 409 without credentials means reachable): jetpack can download',
        failedExtra:
          'nodes cannot download jetpack: "Phase timeout expired while awaiting system boot-up" follows',
      },
    ),
  );
  links.push(
    urlLink(
      'imds',
      'instance metadata (169.254.169.254)',
      'http://169.254.169.254/metadata/instance',
      values.get('imds'),
      {
        ok: 'IMDS answers',
        failedExtra: `NSGs do not filter IMDS (${NSG_SEMANTICS.PLATFORM_ADDRESSES.url}): look at proxy variables without no_proxy=169.254.169.254, the OS firewall, or a route through an appliance`,
      },
    ),
  );
  const httpsProxy = env.find(([k]) => k.toLowerCase() === 'https_proxy')?.[1];
  const noProxy = env.find(([k]) => k.toLowerCase() === 'no_proxy')?.[1] ?? '';
  if (httpsProxy) {
    const bypassesImds = /169\.254\.169\.254/.test(noProxy);
    links.push({
      id: 'http-proxy',
      label: 'HTTP proxy variables',
      target: httpsProxy,
      status: bypassesImds ? 'ok' : 'failed',
      detail: `https_proxy=${httpsProxy}; no_proxy=${noProxy || '(unset)'}`,
      meaning: bypassesImds
        ? 'an HTTP proxy is set and bypassed for IMDS'
        : 'an HTTP proxy is set but no_proxy lacks 169.254.169.254: IMDS and jetpack calls may go to the proxy',
    });
  }
  if (resolv.length > 0) {
    const custom = resolv.some((r) => r.startsWith('nameserver') && !r.includes('168.63.129.16'));
    links.push({
      id: 'dns-servers',
      label: '/etc/resolv.conf',
      status: 'ok',
      detail: resolv.join('; '),
      meaning: custom
        ? 'custom DNS servers: they must forward privatelink zones and the CycleCloud host name to Azure DNS (168.63.129.16)'
        : 'Azure-provided DNS (168.63.129.16)',
    });
  }
  if (jetpackErrors.length > 0) {
    links.push({
      id: 'jetpack-log',
      label: 'last errors in jetpack.log',
      status: 'failed',
      detail: jetpackErrors.join('\n'),
      meaning: 'paste any of these lines into ccnet on its own for its cause',
    });
  }
  const node = values.get('node');
  const nodeAddress = values.get('node.ip');
  return {
    ...(node ? { node } : {}),
    ...(nodeAddress && /^[\d.:a-fA-F]+$/.test(nodeAddress) ? { nodeAddress } : {}),
    ...(parsedUrl ? { cyclecloudHost: parsedUrl.hostname } : {}),
    ...(ccAddress ? { cyclecloudAddress: ccAddress } : {}),
    ...(port !== undefined ? { cyclecloudPort: port } : {}),
    proxyInUse,
    ...(account && account !== 'unknown' ? { storageAccount: account } : {}),
    ...(storageAddress ? { storageAddress } : {}),
    links,
    origin,
  };
}

function okValue(value: string | undefined): string | undefined {
  const m = value ? /^ok\s+(\S+)/.exec(value) : null;
  return m?.[1];
}

function resolveLink(
  id: string,
  label: string,
  target: string | undefined,
  value: string | undefined,
  words: { failed: string },
): ProbeLink {
  if (value === undefined || value === 'skipped' || target === undefined) {
    return {
      id,
      label,
      status: 'skipped',
      detail: 'not tested',
      meaning: `the probe did not know the ${label}`,
    };
  }
  const address = okValue(value);
  if (address) {
    return {
      id,
      label,
      target,
      status: 'ok',
      detail: `resolves to ${address}`,
      meaning: `${target} resolves`,
    };
  }
  return { id, label, target, status: 'failed', detail: 'does not resolve', meaning: words.failed };
}

function urlLink(
  id: string,
  label: string,
  target: string | undefined,
  value: string | undefined,
  words: { ok: string; failedExtra?: string },
): ProbeLink {
  if (value === undefined || value === 'skipped') {
    return {
      id,
      label,
      ...(target ? { target } : {}),
      status: 'skipped',
      detail: 'not tested',
      meaning: 'not tested',
    };
  }
  const http = /http=(\d{3})/.exec(value)?.[1];
  if (value.startsWith('ok')) {
    return {
      id,
      label,
      ...(target ? { target } : {}),
      status: 'ok',
      detail: `HTTP ${http ?? '?'}`,
      meaning: words.ok,
    };
  }
  const curl = /curl=(\d+)/.exec(value)?.[1] ?? '?';
  const answered = curl === '35' || curl === '52' || curl === '60';
  const meaning = CURL_MEANINGS[curl] ?? `curl failed with exit code ${curl}`;
  return {
    id,
    label,
    ...(target ? { target } : {}),
    status: answered ? 'ok' : 'failed',
    detail: `curl exit ${curl}`,
    meaning: answered || !words.failedExtra ? meaning : `${meaning}; ${words.failedExtra}`,
  };
}
