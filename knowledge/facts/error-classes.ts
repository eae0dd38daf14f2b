// Generic error signatures: what resolvers, sockets, curl, Python, Go, Java and Azure print for each kind of network
// failure, whatever program printed it. Lower-case literal phrases (spacing normalised to single spaces), so one
// linear scan finds them all. A strong phrase names the failure; a weak one only says a connection failed and
// yields to a strong one on the same line ("Failed to connect to x port 443: Connection timed out" is a timeout).
import type { ErrorClass } from '../symptoms/schema.ts';
import type { SourceTag } from './sources.ts';

export interface ClassSignature {
  errorClass: ErrorClass;
  /** Plain words for the headline: "looks like a <label> for `host`". */
  label: string;
  strong: readonly string[];
  weak: readonly string[];
}

export const CLASS_SIGNATURES: readonly ClassSignature[] = [
  {
    errorClass: 'name-resolution',
    label: 'name-resolution failure',
    strong: [
      'name or service not known',
      'temporary failure in name resolution',
      'temporary failure resolving',
      'could not resolve host',
      'could not resolve hostname',
      "couldn't resolve host",
      'curl: (6)',
      'getaddrinfo failed',
      'getaddrinfo() failed',
      'getaddrinfo enotfound',
      'getaddrinfo eai_again',
      'socket.gaierror',
      'nodename nor servname provided',
      'no address associated with hostname',
      'no such host',
      'server misbehaving',
      "can't find address for host",
      'nameresolutionerror',
      'unknownhostexception',
      'unable to resolve "',
      "unable to resolve '",
      'unable to resolve host',
      "failed to resolve '",
      'failed to resolve server',
      "could not resolve '",
      'name resolution failed',
      'dns resolution failed',
      'nxdomain',
      "couldn't resolve host name",
      'curl error (6)',
      'via reverse dns',
      'reverse dns hostname',
      '[errno -2]',
      '[errno -3]',
      '[errno -5]',
      'eai_noname',
    ],
    weak: ['unknown host', 'host not found'],
  },
  {
    errorClass: 'tls',
    label: 'TLS certificate failure',
    strong: [
      'certificate verify failed',
      'certificate_verify_failed',
      'unable to get local issuer certificate',
      'self signed certificate in certificate chain',
      'self-signed certificate in certificate chain',
      'unable to verify the first certificate',
      'x509: certificate signed by unknown authority',
      'x509: certificate has expired',
      'certificate has expired',
      'ssl certificate problem',
      'pkix path building failed',
      'unable to find valid certification path',
      'curl: (60)',
      'curl: (77)',
      'curl: (35)',
      'curl error (35)',
      'curl error (60)',
      'curl error (58)',
      'curl#77',
      'problem with the ssl ca cert',
      'problem with the local ssl certificate',
      'ssl peer rejected your certificate',
      'certificate key too weak',
      'certificate is not yet valid',
      'could not handshake',
      'tls connection was not properly terminated',
      'insecure transport are prohibited',
      'wrong version number',
      'tls handshake failed',
      'ssl handshake failed',
      'ssl connection error',
      'ssl_error_syscall',
      'sslerror',
      'ssl routines',
      'certificate validation failed',
    ],
    weak: [],
  },
  {
    errorClass: 'authorization',
    label: 'missing Azure permission',
    strong: [
      'authorizationfailed',
      'linkedauthorizationfailed',
      'does not have authorization to perform action',
      'does not have permission to perform action',
      'invalid azure credentials',
      'credentials are not valid',
      'invalid client secret',
      'client secret keys are expired',
      'aadsts',
    ],
    weak: [],
  },
  {
    errorClass: 'quota-or-capacity',
    label: 'quota or capacity limit',
    strong: [
      'quotaexceeded',
      'exceeding approved',
      'exceeding quota limits',
      'operation could not be completed as it results in exceeding',
      'skunotavailable',
      'is not available in the current region',
      'not available in location',
      'allocationfailed',
      'overconstrainedallocationrequest',
    ],
    weak: [],
  },
  {
    errorClass: 'http-407',
    label: 'proxy authentication failure (HTTP 407)',
    strong: ['407 proxy authentication required', 'proxy authentication required'],
    weak: [],
  },
  {
    errorClass: 'timeout',
    label: 'connection timeout',
    strong: [
      'connection timed out',
      'connect timed out',
      'handshake operation timed out',
      'read operation timed out',
      'operation too slow',
      'connection attempt timed out',
      'operation timed out',
      'timeout was reached',
      'curl: (28)',
      'etimedout',
      '[errno 110]',
      'errno 110',
      'read timed out',
      'i/o timeout',
      'connecttimeouterror',
      'connecttimeout',
      'context deadline exceeded',
      'curl error (28)',
      '[winerror 10060]',
      'did not properly respond after a period of time',
    ],
    weak: ['timed out'],
  },
  {
    errorClass: 'refused',
    label: 'refused connection',
    strong: [
      'connection refused',
      'econnrefused',
      '[errno 111]',
      'errno 111',
      'curl: (7)',
      'curl error (7)',
      '[winerror 10061]',
      'actively refused',
    ],
    weak: ['failed to connect to', "couldn't connect to server", 'failed to establish a new connection'],
  },
  {
    errorClass: 'reset',
    label: 'connection reset',
    strong: [
      'connection reset by peer',
      'econnreset',
      '[errno 104]',
      'errno 104',
      'curl: (56)',
      'remote end closed connection without response',
      'remotedisconnected',
      'connection aborted',
      'connectionreseterror',
    ],
    weak: ['socket closed', 'unexpected eof'],
  },
  {
    errorClass: 'other',
    label: 'failure',
    // No route, and Azure Resource Manager refusing an operation on a busy resource: failures with no class of their own.
    strong: [
      'no route to host',
      'network is unreachable',
      'enetunreach',
      'ehostunreach',
      '[errno 101]',
      '[errno 113]',
      'is not in succeeded state',
      'anotheroperationinprogress',
      'missingsubscriptionregistration',
      'is not registered to use namespace',
      'noregisteredproviderfound',
      'no registered resource provider found',
      'requestdisallowedbypolicy',
      'was disallowed by policy',
      '[ufw block]',
    ],
    weak: [
      'exception retrieving',
      'is not responding',
      'no response from',
      'failed to fetch',
      'failure downloading',
      'failed to download',
      'unable to download',
      'error downloading',
      'could not download',
      'internalservererror',
    ],
  },
  {
    errorClass: 'http-403',
    label: 'HTTP 403 refusal',
    strong: ['authorizationfailure', 'authorizationpermissionmismatch', 'this request is not authorized'],
    weak: [],
  },
];

/** HTTP statuses with a class of their own, with the words servers print beside them. */
export const HTTP_STATUSES: Readonly<Record<number, { errorClass: ErrorClass; reason: string }>> = {
  401: { errorClass: 'http-401', reason: 'unauthorized' },
  403: { errorClass: 'http-403', reason: 'forbidden' },
  404: { errorClass: 'http-404', reason: 'not found' },
  407: { errorClass: 'http-407', reason: 'proxy authentication required' },
  503: { errorClass: 'http-503', reason: 'service unavailable' },
};

/** Other error statuses are failures too (class other): 400 from IMDS, 502 from a proxy in the way. */
export const OTHER_STATUS_REASONS: readonly string[] = [
  'bad request',
  'internal server error',
  'bad gateway',
  'gateway timeout',
  'too many requests',
];

export const CLASS_LABELS: Readonly<Record<ErrorClass, string>> = {
  'name-resolution': 'name-resolution failure',
  timeout: 'connection timeout',
  refused: 'refused connection',
  reset: 'connection reset',
  tls: 'TLS certificate failure',
  'http-401': 'HTTP 401 (credentials rejected)',
  'http-403': 'HTTP 403 refusal',
  'http-404': 'HTTP 404 (not found)',
  'http-407': 'proxy authentication failure (HTTP 407)',
  'http-503': 'HTTP 503 (service unavailable)',
  authorization: 'missing Azure permission',
  'quota-or-capacity': 'quota or capacity limit',
  other: 'failure',
};

/** Where the meaning of each class is documented, for a reply that names no specific cause. */
export const CLASS_SOURCES: Readonly<Record<ErrorClass, readonly SourceTag[]>> = {
  'name-resolution': ['AZDNS', 'PEDNS'],
  timeout: ['CI', 'DOA'],
  refused: ['CI'],
  reset: ['ERR'],
  tls: ['WP', 'DBCA'],
  'http-401': ['STFW'],
  'http-403': ['STFW'],
  'http-404': ['BT'],
  'http-407': ['WP'],
  'http-503': ['ERR'],
  authorization: ['MI', 'RPREG'],
  'quota-or-capacity': ['CCSKU', 'CCUPD'],
  other: ['ERR'],
};

/** What to check for a class of failure when ccnet cannot tell the link (the host is unknown to it). */
export const CLASS_CHECKS: Readonly<Record<ErrorClass, readonly string[]>> = {
  'name-resolution': [
    'On the failing VM: `getent hosts <name>` and `cat /etc/resolv.conf` (which DNS server answers).',
    'Custom DNS servers on the VNet must resolve cluster names (registration or records) and forward the rest to 168.63.129.16.',
    'Private endpoints: the privatelink zone must be linked to this VNet.',
  ],
  timeout: [
    'Nothing answered: an NSG, firewall or route drops the traffic. Effective rules on the NIC: `az network nic list-effective-nsg -g <rg> -n <nic>`.',
    'To the Internet: the subnet needs an explicit outbound method (NAT gateway, public IP, firewall route).',
  ],
  refused: [
    'The host answered but nothing listens on that port: is the service running, and is it the right port?',
    'A firewall that rejects (rather than drops) also looks like this.',
  ],
  reset: [
    'The connection was cut after it opened: often transient (retry), or a proxy or firewall closing it.',
  ],
  tls: [
    'Which certificate does the server present? `openssl s_client -connect <host>:<port> -showcerts </dev/null`.',
    "The client's CA bundle must hold the issuing root; an intercepting proxy needs the organisation's root CA.",
  ],
  'http-401': ['The server wants credentials: a key, SAS token or identity that is missing or expired.'],
  'http-403': [
    'The server refused the request: a storage firewall, a proxy policy, or an identity without rights.',
  ],
  'http-404': ['The server answered but has no such path: check the URL (version, release, container).'],
  'http-407': [
    'An HTTP proxy wants credentials: check the proxy settings and no_proxy (169.254.169.254, storage).',
  ],
  'http-503': ['The remote service was unavailable: retry; if it persists, check the service status.'],
  authorization: [
    'The message names the identity, the action and the scope: assign a role with that action on that scope.',
  ],
  'quota-or-capacity': [
    'Quota: Settings -> Azure Usage in CycleCloud, or Usage + quotas on the subscription, for the VM family.',
    'Size not offered: pick another VM size or region (the Restricted column of the VM size records).',
  ],
  other: [
    'Read the lines quoted above and the log they come from; ccnet did not recognise the error itself.',
  ],
};
