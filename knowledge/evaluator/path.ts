// Where the recommended option has CycleCloud, and what joins its network to the cluster's once it is in place.
import type { Route } from '../facts/options.ts';
import type { NetworkPath } from '../model.ts';
import type { Decision } from './decide.ts';

const LINKS: Record<Exclude<Route, 'over-vpn' | 'vnet-overlap'>, NetworkPath['link']> = {
  'same-vnet': 'same-vnet',
  peered: 'peering',
  'peer-one-way': 'peering',
  'peer-new': 'peering',
  'hub-and-spoke': 'hub',
  // CycleCloud opens its SSH tunnel to the proxy's public IP.
  'vnet-proxy': 'internet',
  'onprem-proxy': 'internet',
  'vnet-vpn': 'vpn',
  'onprem-vpn': 'vpn',
  // People come in from outside the cluster's VNet.
  'user-access': 'internet',
};

export function networkPath(d: Decision): NetworkPath {
  // Overlapping address spaces cannot be joined: the answer moves CycleCloud into the cluster's VNet.
  if (d.route === 'vnet-overlap') return { cyclecloud: 'same-vnet', link: 'same-vnet' };
  const link =
    d.route === 'over-vpn'
      ? d.facts.privateLink === 'expressroute'
        ? 'expressroute'
        : 'vpn'
      : LINKS[d.route];
  return { cyclecloud: d.facts.serverLocation, link };
}
