// Lookups over everything read: resources by id and name, NICs by address, subnets with their VNet, and the
// VirtualNetwork / service tag context an NSG is evaluated in. Compiled NSGs are cached per context.
import type { TagContext } from './addresses.ts';
import { idKey, nameOfId, segmentName } from './fields.ts';
import { contains, formatRange, type IpRange, parsePrefix } from './ip.ts';
import { type CompiledNsg, compileRules } from './nsg-eval.ts';
import type {
  EffectiveNsg,
  EffectiveRoutes,
  Evidence,
  IpConfig,
  Nic,
  Nsg,
  Peering,
  RouteTable,
  SecurityRule,
  Subnet,
  VNet,
} from './types.ts';

const HOST_VIP = parsePrefix('168.63.129.16') as IpRange;

export interface PlacedNic {
  nic: Nic;
  ipConfig: IpConfig;
}

export class EvidenceIndex {
  readonly evidence: Evidence;
  readonly vnets: VNet[];
  readonly subnets: Subnet[];
  readonly #vnetById = new Map<string, VNet>();
  readonly #subnetById = new Map<string, Subnet>();
  readonly #nsgById = new Map<string, Nsg>();
  readonly #nicById = new Map<string, Nic>();
  readonly #routeTableById = new Map<string, RouteTable>();
  readonly #nicByAddress = new Map<string, PlacedNic>();
  readonly #globalTags = new Map<string, IpRange[]>();
  readonly #vnetTag = new Map<string, IpRange[]>();
  readonly #contexts = new Map<string, TagContext>();
  readonly #compiled = new Map<string, CompiledNsg>();
  readonly #rules = new WeakMap<Nsg, SecurityRule[]>();
  readonly #memo = new Map<string, unknown>();
  readonly duplicates: string[] = [];

  constructor(evidence: Evidence) {
    this.evidence = evidence;
    for (const v of evidence.vnets) this.#remember(this.#vnetById, v.id, v, 'VNet');
    this.vnets = [...this.#vnetById.values()];
    for (const v of this.vnets) for (const s of v.subnets) this.#subnetById.set(idKey(s.id), s);
    for (const s of evidence.subnets)
      if (!this.#subnetById.has(idKey(s.id))) this.#subnetById.set(idKey(s.id), s);
    this.subnets = [...this.#subnetById.values()];
    for (const n of evidence.nsgs) this.#rememberNsg(n);
    for (const n of evidence.nics) this.#remember(this.#nicById, n.id, n, 'NIC');
    for (const r of evidence.routeTables) this.#remember(this.#routeTableById, r.id, r, 'route table');
    for (const nic of this.#nicById.values()) {
      for (const ipConfig of nic.ipConfigs) {
        if (ipConfig.range) this.#nicByAddress.set(formatRange(ipConfig.range), { nic, ipConfig });
      }
    }
    for (const eff of evidence.effectiveNsgs) this.#learnTags(eff);
  }

  #remember<T extends { id: string; name: string }>(
    map: Map<string, T>,
    id: string,
    value: T,
    what: string,
  ): void {
    const key = idKey(id);
    if (map.has(key)) {
      this.duplicates.push(`${what} ${value.name} appears twice; the first export is used`);
      return;
    }
    map.set(key, value);
  }

  /** An NSG from `rule list` (rules only) joins the same NSG's `show` export instead of replacing it. */
  #rememberNsg(n: Nsg): void {
    const key = idKey(n.id);
    const known = this.#nsgById.get(key);
    if (!known) {
      this.#nsgById.set(key, n);
      return;
    }
    if (known.rulesOnly && !n.rulesOnly) this.#nsgById.set(key, { ...n });
    else if (!(n.rulesOnly && !known.rulesOnly))
      this.duplicates.push(`NSG ${n.name} appears twice; the first export is used`);
  }

  #learnTags(eff: EffectiveNsg): void {
    for (const entry of eff.entries) {
      for (const [tag, prefixes] of entry.tags) {
        const ranges = prefixes.map(parsePrefix).filter((r): r is IpRange => r !== null);
        if (tag.toLowerCase() === 'virtualnetwork') {
          const vnetId = this.#vnetIdOfAssociation(entry.association, eff);
          if (vnetId && !this.#vnetTag.has(idKey(vnetId))) this.#vnetTag.set(idKey(vnetId), ranges);
        } else if (!this.#globalTags.has(tag.toLowerCase())) {
          this.#globalTags.set(tag.toLowerCase(), ranges);
        }
      }
    }
  }

  #vnetIdOfAssociation(a: { kind: 'nic' | 'subnet'; id: string }, eff: EffectiveNsg): string | undefined {
    if (a.kind === 'subnet') return a.id.replace(/\/subnets\/[^/]+$/i, '');
    const nic = this.nic(a.id) ?? (eff.nicName ? this.nicByName(eff.nicName) : undefined);
    const subnetId = nic?.ipConfigs.find((c) => c.subnetId)?.subnetId;
    return subnetId?.replace(/\/subnets\/[^/]+$/i, '');
  }

  vnet(id: string | undefined | null): VNet | undefined {
    return id ? this.#vnetById.get(idKey(id)) : undefined;
  }

  subnet(id: string | undefined | null): Subnet | undefined {
    return id ? this.#subnetById.get(idKey(id)) : undefined;
  }

  nsg(id: string | undefined | null): Nsg | undefined {
    return id ? this.#nsgById.get(idKey(id)) : undefined;
  }

  get nsgs(): Nsg[] {
    return [...this.#nsgById.values()];
  }

  get nics(): Nic[] {
    return [...this.#nicById.values()];
  }

  nic(id: string | undefined | null): Nic | undefined {
    return id ? this.#nicById.get(idKey(id)) : undefined;
  }

  nicByName(name: string): Nic | undefined {
    const low = name.toLowerCase();
    return this.nics.find((n) => n.name.toLowerCase() === low);
  }

  routeTable(id: string | undefined | null): RouteTable | undefined {
    return id ? this.#routeTableById.get(idKey(id)) : undefined;
  }

  /** The route table attached to a subnet: named by the subnet, or naming the subnet. */
  routeTableOf(subnet: Subnet): { table?: RouteTable; missingId?: string } {
    if (subnet.routeTableId) {
      const table = this.routeTable(subnet.routeTableId);
      return table ? { table } : { missingId: subnet.routeTableId };
    }
    const key = idKey(subnet.id);
    const table = [...this.#routeTableById.values()].find((t) => t.subnetIds.some((s) => idKey(s) === key));
    return table ? { table } : {};
  }

  nicAt(address: IpRange): PlacedNic | undefined {
    return this.#nicByAddress.get(formatRange(address));
  }

  vnetOfSubnet(subnet: Subnet): VNet | undefined {
    return (
      this.vnet(subnet.id.replace(/\/subnets\/[^/]+$/i, '')) ??
      this.vnets.find((v) => v.subnets.includes(subnet))
    );
  }

  /** The NSG attached to a subnet known only by id (no VNet export): an NSG export that lists the subnet. */
  nsgListingSubnet(subnetId: string): Nsg | undefined {
    const key = idKey(subnetId);
    return this.nsgs.find((n) => n.subnetIds.some((s) => idKey(s) === key));
  }

  /** The smallest exported subnet holding the whole range. */
  subnetHolding(range: IpRange): Subnet | undefined {
    let best: { subnet: Subnet; size: number } | undefined;
    for (const s of this.subnets) {
      for (const p of s.prefixes) {
        if (!contains(p, range)) continue;
        const size = p.family === 4 ? p.hi - p.lo : Number(p.hi - p.lo);
        if (!best || size < best.size) best = { subnet: s, size };
      }
    }
    return best?.subnet;
  }

  vnetHolding(range: IpRange): VNet | undefined {
    return this.vnets.find((v) => v.prefixes.some((p) => contains(p, range)));
  }

  /** Peerings of a VNet: those in its export and those exported on their own. */
  peeringsOf(vnet: VNet): Peering[] {
    const key = idKey(vnet.id);
    const extra = this.evidence.peerings.filter(
      (p) =>
        (p.vnetId && idKey(p.vnetId) === key) ||
        (!p.vnetId && p.vnetName?.toLowerCase() === vnet.name.toLowerCase()),
    );
    const names = new Set(vnet.peerings.map((p) => p.name.toLowerCase()));
    return [...vnet.peerings, ...extra.filter((p) => !names.has(p.name.toLowerCase()))];
  }

  peeringsListed(vnet: VNet): boolean {
    return vnet.peeringsListed || this.peeringsOf(vnet).length > 0;
  }

  effectiveNsgFor(nic: Nic): EffectiveNsg | undefined {
    const key = idKey(nic.id);
    return this.evidence.effectiveNsgs.find(
      (e) =>
        (e.nicId && idKey(e.nicId) === key) ||
        (e.nicName && e.nicName.toLowerCase() === nic.name.toLowerCase()),
    );
  }

  /** Effective routes printed for the NIC (named in a bundle), or the only unnamed export when it fits the NIC's VNet. */
  effectiveRoutesFor(
    nic: Nic | undefined,
    vnet: VNet | undefined,
  ): { routes: EffectiveRoutes; assumed?: string } | undefined {
    if (nic) {
      const named = this.evidence.effectiveRoutes.find(
        (r) => r.nicName?.toLowerCase() === nic.name.toLowerCase(),
      );
      if (named) return { routes: named };
    }
    const unnamed = this.evidence.effectiveRoutes.filter((r) => !r.nicName);
    if (unnamed.length !== 1 || !vnet) return undefined;
    const [only] = unnamed;
    if (!only) return undefined;
    const local = only.routes
      .filter((r) => r.nextHopType.toLowerCase() === 'vnetlocal')
      .flatMap((r) => r.prefixes.map(parsePrefix))
      .filter((r): r is IpRange => r !== null);
    const fits =
      vnet.prefixes.length > 0 &&
      vnet.prefixes.every((p) => local.some((l) => contains(l, p) && contains(p, l)));
    if (!fits) return undefined;
    return {
      routes: only,
      assumed: `the effective routes in ${only.origin.file} name no NIC; they were taken as ${nic ? `${nic.name}'s` : `the source's`} because their VnetLocal routes are ${vnet.name}'s address space`,
    };
  }

  /** VirtualNetwork and service tags as seen from a subnet of `vnet` (NSG_SEMANTICS TAG_VIRTUAL_NETWORK). */
  tagContext(vnet: VNet | undefined, subnet: Subnet | undefined): TagContext {
    const key = `${vnet ? idKey(vnet.id) : '-'}|${subnet ? idKey(subnet.id) : '-'}`;
    const cached = this.#contexts.get(key);
    if (cached) return cached;
    const ctx = this.#buildContext(vnet, subnet);
    this.#contexts.set(key, ctx);
    return ctx;
  }

  #buildContext(vnet: VNet | undefined, subnet: Subnet | undefined): TagContext {
    const tags = this.#globalTags;
    if (!vnet) return { virtualNetwork: null, virtualNetworkMayHoldMore: null, tags };
    const expanded = this.#vnetTag.get(idKey(vnet.id));
    if (expanded) return { virtualNetwork: expanded, virtualNetworkMayHoldMore: null, tags };
    const ranges: IpRange[] = [...vnet.prefixes, HOST_VIP];
    const more: string[] = [];
    for (const p of this.peeringsOf(vnet)) {
      if (p.state.toLowerCase() === 'connected' && p.allowVirtualNetworkAccess)
        ranges.push(...p.remotePrefixes);
      if (p.useRemoteGateways)
        more.push(`on-premises ranges learned through ${p.remoteVnetName ?? 'the remote'} gateway`);
    }
    if (!this.peeringsListed(vnet))
      more.push(`the spaces of ${vnet.name}'s peerings (its export does not list them)`);
    if (vnet.subnets.some((s) => s.name.toLowerCase() === 'gatewaysubnet')) {
      more.push(`on-premises ranges learned through ${vnet.name}'s gateway`);
    }
    if (subnet) {
      const { table, missingId } = this.routeTableOf(subnet);
      if (table) {
        for (const r of table.routes) {
          for (const p of r.prefixes) {
            const range = parsePrefix(p);
            if (range) ranges.push(range);
          }
        }
      } else if (missingId) {
        more.push(`the prefixes of route table ${nameOfId(missingId)} (attached, not in the evidence)`);
      }
    }
    return {
      virtualNetwork: ranges,
      virtualNetworkMayHoldMore:
        more.length > 0 ? `VirtualNetwork may also hold ${more.join(' and ')}` : null,
      tags,
    };
  }

  /** Remembers what depends only on the evidence (resolved endpoints, NSG plans, route lists) across flows. */
  memo<T>(key: string, make: () => T): T {
    if (this.#memo.has(key)) return this.#memo.get(key) as T;
    const value = make();
    this.#memo.set(key, value);
    return value;
  }

  /** Compiled once per NSG and context: later flows through the same NSG reuse it. */
  compiled(key: string, rules: readonly SecurityRule[], ctx: TagContext): CompiledNsg {
    const hit = this.#compiled.get(key);
    if (hit) return hit;
    const compiled = compileRules(rules, ctx);
    this.#compiled.set(key, compiled);
    return compiled;
  }

  /** An NSG's custom and default rules as exported (Azure's defaults are added when compiling). */
  rulesOf(nsg: Nsg): SecurityRule[] {
    const hit = this.#rules.get(nsg);
    if (hit) return hit;
    const rules = [...nsg.rules, ...(nsg.defaultRules ?? [])];
    this.#rules.set(nsg, rules);
    return rules;
  }

  /** A name for a subnet id in messages: `vnet/subnet`. */
  subnetLabel(id: string): string {
    const vnet = segmentName(id, 'virtualNetworks');
    return vnet ? `${vnet}/${nameOfId(id)}` : nameOfId(id);
  }
}
