// The check after any change (CI): from a node as cyclecloud, curl the address nodes use; then restart the nodes.
import type { Snippet } from '../../model.ts';
import { bashSnippet } from './shell.ts';
import type { Vars } from './vars.ts';

export function verifySnippet(version: 7 | 8, path: 'direct' | 'proxy', vars: Vars): Snippet {
  const target =
    path === 'proxy'
      ? '"https://$PROXY_IP:37140"'
      : version === 8
        ? '"https://$CC_IP:9443"'
        : '"https://$CC_IP:$CC_CLUSTER_PORT"';
  const lines = [
    '# On a node, as the cyclecloud user: any HTTP answer means the path is open; a timeout means it is not',
    `curl -k -m 10 ${target}`,
    '# Storage locker: an HTTP 404 here means storage is reachable',
    'curl -sS -m 10 -o /dev/null -w "%{http_code}\\n" "https://$STORAGE_ACCOUNT.blob.core.windows.net/cyclecloud/cache/jetpack/"',
    '# Then terminate and restart the nodes that failed',
  ];
  const extra =
    version === 7
      ? [
          {
            name: 'CC_CLUSTER_PORT',
            value: null,
            hint: 'webServerClusterPort in cycle_server.properties: 443 or 9443',
          },
        ]
      : [];
  return bashSnippet('Check from a node', [...vars, ...extra], lines, ['CI', 'BT']);
}
