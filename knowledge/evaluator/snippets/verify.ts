// The check after any change (CI): from a node as cyclecloud, curl the address nodes use; then restart the nodes.
import type { Snippet } from '../../model.ts';

export function verifySnippet(version: 7 | 8, path: 'direct' | 'proxy'): Snippet {
  const target =
    path === 'proxy'
      ? 'https://<proxy-private-ip>:37140'
      : version === 8
        ? 'https://<cyclecloud-ip>:9443'
        : 'https://<cyclecloud-ip>:<webServerClusterPort>';
  const code = [
    '# On a node, as the cyclecloud user',
    `curl -k ${target}`,
    '# Storage locker: an HTTP 404 here means storage is reachable',
    'curl https://<storage-account>.blob.core.windows.net/cyclecloud/cache/jetpack/<version>/jetpack-<version>-linux.tar.gz',
    '# Then terminate and restart the nodes that failed',
  ].join('\n');
  return { title: 'Check from a node', language: 'bash', code };
}
