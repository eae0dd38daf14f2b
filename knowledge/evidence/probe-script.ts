// `ccnet probe`: a read-only bash script to run on a cluster node as the cyclecloud user. It tests each link a node
// needs (CycleCloud's cluster port, the return proxy, the storage locker, IMDS), shows the proxy variables (credentials
// masked) and resolv.conf, and prints one `ccnet-probe v1` block that `interpretProbe` reads back link by link.

export interface ProbeScriptOptions {
  /** CycleCloud's URL as nodes use it (https://host:9443); default: `jetpack config cyclecloud.config.web_server`. */
  cyclecloudUrl?: string;
  /** Storage account of the locker; default: found in jetpack and waagent logs. */
  storageAccount?: string;
  /** The return proxy's address, when nodes reach CycleCloud through one (port 37140). */
  proxyHost?: string;
}

const SAFE_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;
const SAFE_ACCOUNT = /^[a-z0-9]{3,24}$/;
const SAFE_HOST = /^[A-Za-z0-9.:-]{1,253}$/;

/** Why an option cannot go into the script, or null; values are checked so nothing but a value reaches bash. */
export function probeOptionProblem(o: ProbeScriptOptions): string | null {
  if (o.cyclecloudUrl !== undefined && !SAFE_URL.test(o.cyclecloudUrl)) {
    return '--cyclecloud takes a URL like https://10.0.0.4:9443';
  }
  if (o.storageAccount !== undefined && !SAFE_ACCOUNT.test(o.storageAccount)) {
    return '--storage takes a storage account name: 3-24 lower-case letters and digits';
  }
  if (o.proxyHost !== undefined && !SAFE_HOST.test(o.proxyHost)) {
    return '--proxy takes the return proxy host name or IP address';
  }
  return null;
}

export function probeScript(o: ProbeScriptOptions = {}): string {
  const problem = probeOptionProblem(o);
  if (problem) throw new Error(problem);
  return `#!/usr/bin/env bash
# ccnet probe: run on a cluster node as the cyclecloud user, then paste the block it prints into ccnet
# (Slack thread, ccnet chat, or: ccnet explain "$(cat probe.txt)"). It changes nothing and sends nothing anywhere
# but the test requests below. Proxy credentials are masked.
set -u
export LC_ALL=C
CC_URL=${quote(o.cyclecloudUrl ?? '')}
STORAGE=${quote(o.storageAccount ?? '')}
PROXY_HOST=${quote(o.proxyHost ?? '')}
JETPACK=/opt/cycle/jetpack/bin/jetpack
LOGS=\${CCNET_JETPACK_LOGS:-/opt/cycle/jetpack/logs}
# Overridable so the probe can be pointed at stand-ins; the defaults are what nodes use.
IMDS_URL=\${CCNET_IMDS_URL:-http://169.254.169.254/metadata/instance?api-version=2021-02-01}
PROXY_PORT=\${CCNET_PROXY_PORT:-37140}
STORAGE_HOST=\${CCNET_STORAGE_HOST:-}

say() { printf '%s=%s\\n' "$1" "$2"; }
resolve() { getent ahosts "$1" 2>/dev/null | awk 'NR==1 {print $1}'; }
probe_url() { # key url [extra curl args]
  local key=$1 url=$2 code rc
  shift 2
  code=$(curl -k -s -o /dev/null -m 5 --noproxy '*' -w '%{http_code}' "$@" "$url" 2>/dev/null)
  rc=$?
  if [ "$rc" -eq 0 ]; then say "$key" "ok http=$code"; else say "$key" "failed curl=$rc http=\${code:-000}"; fi
}
mask() { sed -E 's#//[^/@]*@#//***@#'; }

if [ -z "$CC_URL" ] && [ -x "$JETPACK" ]; then CC_URL=$("$JETPACK" config cyclecloud.config.web_server 2>/dev/null); fi
if [ -z "$STORAGE" ]; then
  STORAGE=$(grep -rhoE '[a-z0-9]{3,24}\\.blob\\.core\\.windows\\.net' "$LOGS" /var/log/waagent.log 2>/dev/null | head -n 1 | cut -d. -f1)
fi

echo '=== ccnet-probe v1 ==='
say node "$(hostname 2>/dev/null)"
say node.ip "$(hostname -I 2>/dev/null | awk '{print $1}')"
say user "$(id -un 2>/dev/null)"
say cyclecloud.url "\${CC_URL:-unknown}"
if [ -n "$CC_URL" ]; then
  CC_HOST=$(printf '%s' "$CC_URL" | sed -E 's#^[a-z]+://##; s#[:/].*$##')
  CC_IP=$(resolve "$CC_HOST")
  if [ -n "$CC_IP" ]; then say cyclecloud.resolve "ok $CC_IP"; else say cyclecloud.resolve "failed"; fi
  probe_url cyclecloud.https "$CC_URL"
else
  say cyclecloud.resolve "skipped"
  say cyclecloud.https "skipped"
fi
if [ -n "$PROXY_HOST" ]; then
  say proxy "$PROXY_HOST:$PROXY_PORT"
  probe_url proxy.https "https://$PROXY_HOST:$PROXY_PORT"
else
  say proxy "none"
fi
say storage.account "\${STORAGE:-unknown}"
if [ -n "$STORAGE" ]; then
  if [ -z "$STORAGE_HOST" ]; then STORAGE_HOST="$STORAGE.blob.core.windows.net"; fi
  ST_IP=$(resolve "\${STORAGE_HOST%%:*}")
  if [ -n "$ST_IP" ]; then say storage.resolve "ok $ST_IP"; else say storage.resolve "failed"; fi
  probe_url storage.locker "https://$STORAGE_HOST/cyclecloud/"
else
  say storage.resolve "skipped"
  say storage.locker "skipped"
fi
probe_url imds "$IMDS_URL" -H Metadata:true
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  val=$(printenv "$v" 2>/dev/null | mask)
  if [ -n "$val" ]; then say "env.$v" "$val"; fi
done
if [ -r /etc/resolv.conf ]; then
  awk '$1 == "nameserver" || $1 == "search" {print "resolv." $1 "=" $2}' /etc/resolv.conf
fi
if [ -r "$LOGS/jetpack.log" ]; then
  grep -iE 'error|timed out|refused|unable' "$LOGS/jetpack.log" 2>/dev/null | tail -n 5 | cut -c1-300 | sed 's/^/jetpack.error=/'
fi
echo '=== end ccnet-probe v1 ==='
`;
}

/** Single-quoted for bash: `'` becomes `'\\''`. */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
