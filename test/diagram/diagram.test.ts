// The picture of the path: the SVG is well-formed XML, its boxes and arrows are exactly the recommendation's
// connections (ends, port, direction), the broken one is marked when the pasted error names its port, and the PNG
// that resvg renders decodes at the size the SVG declares.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { diagramOf, renderPng, renderSvg } from '../../diagram/index.ts';
import { mergeEvidence, readEvidenceText } from '../../knowledge/evidence/index.ts';
import { diagnose } from '../../knowledge/index.ts';
import type { Diagnosis, Situation } from '../../knowledge/model.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { fixture } from '../evidence/support.ts';
import { corpusAvailable, readCorpus } from '../support/corpus.ts';

type Element = Record<string, unknown>;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

/** Every <g> with the given class, anywhere in the document. */
function groups(svg: string, cls: string): Element[] {
  const found: Element[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const o = node as Element;
    for (const [key, value] of Object.entries(o)) {
      if (key === 'g') {
        for (const g of Array.isArray(value) ? value : [value]) {
          if ((g as Element).class === cls) found.push(g as Element);
        }
      }
      walk(value);
    }
  };
  walk(parser.parse(svg));
  return found;
}

function multiset(items: string[]): string[] {
  return [...items].sort();
}

const SITUATIONS: { name: string; situation: Situation; symptom?: string; template?: string }[] = [
  { name: 'same VNet, CycleCloud 7', situation: { cyclecloudVersion: 7, serverLocation: 'same-vnet' } },
  { name: 'peering', situation: { serverLocation: 'other-vnet', peering: 'none' } },
  { name: 'hub and spoke', situation: { serverLocation: 'other-vnet', peering: 'none', hubAndSpoke: true } },
  {
    name: 'return proxy from a template',
    situation: {
      serverLocation: 'other-vnet',
      peering: 'impossible',
      privateLink: 'none',
      publicIpAllowed: true,
    },
    template: 'Azure__cyclecloud-gridengine__templates__gridengine.txt',
  },
  {
    name: 'on-premises proxy, CycleCloud 7',
    situation: {
      cyclecloudVersion: 7,
      serverLocation: 'on-premises',
      privateLink: 'none',
      publicIpAllowed: true,
    },
  },
  {
    name: 'site-to-site VPN',
    situation: { serverLocation: 'on-premises', privateLink: 'none', publicIpAllowed: false },
  },
  { name: 'over ExpressRoute', situation: { serverLocation: 'on-premises', privateLink: 'expressroute' } },
  { name: 'bastion with Windows nodes', situation: { link: 'user-to-node', proxyCandidateOs: 'windows' } },
  { name: 'locked-down egress', situation: { link: 'cyclecloud-egress', serverLocation: 'same-vnet' } },
];

function diagnosisFor(c: (typeof SITUATIONS)[number]): Diagnosis {
  const template =
    c.template !== undefined && corpusAvailable ? parseTemplate(readCorpus(c.template)) : undefined;
  return diagnose({
    situation: c.situation,
    ...(template ? { template } : {}),
    ...(c.symptom ? { symptom: c.symptom } : {}),
  });
}

describe('the diagram of a recommendation', () => {
  for (const c of SITUATIONS) {
    it(`has one box per part and one arrow per required connection: ${c.name}`, () => {
      const d = diagnosisFor(c);
      const { svg } = renderSvg(diagramOf({ diagnosis: d, situation: c.situation }));
      expect(XMLValidator.validate(svg)).toBe(true);
      const edges = groups(svg, 'edge').map((g) => `${g['data-from']}->${g['data-to']}:${g['data-port']}`);
      const wanted = d.recommendation.connections.map((x) => `${x.ends?.from}->${x.ends?.to}:${x.port}`);
      expect(wanted.length).toBeGreaterThan(0);
      expect(multiset(edges)).toEqual(multiset(wanted));
      const nodes = groups(svg, 'node').map((g) => String(g['data-node']));
      const ends = new Set(d.recommendation.connections.flatMap((x) => [x.ends?.from, x.ends?.to]));
      expect(new Set(nodes)).toEqual(ends);
      expect(nodes).toHaveLength(ends.size);
      // Each arrow path ends in an arrowhead: the direction is drawn, not only written.
      expect(svg.match(/marker-end="url\(#arrow(-broken)?\)"/g)).toHaveLength(wanted.length);
    });
  }

  it('puts CycleCloud on its own network with the link between, or inside the cluster VNet', () => {
    const zones = (c: (typeof SITUATIONS)[number]) => {
      const { svg } = renderSvg(diagramOf({ diagnosis: diagnosisFor(c), situation: c.situation }));
      return {
        zones: groups(svg, 'zone').map((g) => g['data-zone']),
        links: groups(svg, 'link').map((g) => g['data-link']),
        svg,
      };
    };
    const [same, peering, hub, proxy, , vpn, expressroute, bastion] = SITUATIONS.map((c) => zones(c));
    expect(same?.zones).toEqual(['cluster']);
    expect(same?.links).toEqual([]);
    expect(same?.svg).toContain('Cluster VNet (CycleCloud inside)');
    expect(peering?.zones).toEqual(['cyclecloud', 'cluster']);
    expect(peering?.links).toEqual(['peering']);
    expect(hub?.links).toEqual(['hub']);
    expect(proxy?.links).toEqual(['internet']);
    expect(vpn?.links).toEqual(['vpn']);
    expect(vpn?.svg).toContain('On-premises network');
    expect(expressroute?.links).toEqual(['expressroute']);
    expect(bastion?.zones).toEqual(['people', 'cluster']);
  });

  it('marks the connection the pasted error names as broken, and only that one', () => {
    const d = diagnose({
      situation: { serverLocation: 'on-premises', privateLink: 'vpn' },
      symptom: 'Timed out connecting to CycleCloud at https://10.0.0.4:9443',
    });
    const { svg } = renderSvg(diagramOf({ diagnosis: d }));
    const edges = groups(svg, 'edge');
    expect(edges.filter((g) => g['data-broken'] === 'true').map((g) => g['data-port'])).toEqual(['9443']);
    expect(edges.filter((g) => g['data-broken'] === 'false').length).toBe(edges.length - 1);
    expect(svg).toContain('Marked broken (red, crossed) from the pasted error message.');
    const clean = renderSvg(
      diagramOf({ diagnosis: diagnose({ situation: { serverLocation: 'same-vnet' } }) }),
    );
    expect(clean.svg).not.toContain('data-broken="true"');
    expect(clean.svg).not.toContain('Marked broken');
  });

  it('marks connections on ports reported blocked, or that evidence shows failing', () => {
    const situation: Situation = { serverLocation: 'other-vnet', peering: 'connected', blockedPorts: [22] };
    const d = diagnose({ situation });
    const blocked = groups(renderSvg(diagramOf({ diagnosis: d, situation })).svg, 'edge');
    expect(blocked.filter((g) => g['data-broken'] === 'true').map((g) => g['data-port'])).toEqual(['22']);
    const evidence = groups(
      renderSvg(diagramOf({ diagnosis: diagnose({ situation: {} }), brokenPorts: [9443] })).svg,
      'edge',
    );
    expect(evidence.filter((g) => g['data-broken'] === 'true').map((g) => g['data-port'])).toEqual(['9443']);
  });

  it('marks the connection the exports deny, read from the diagnosis itself', () => {
    const read = (name: string) => {
      const r = readEvidenceText(name, fixture(`peered/${name}`));
      if (!r.ok) throw new Error(r.problem);
      return r.evidence;
    };
    const evidence = mergeEvidence(['vnet-list.json', 'nsg-list.json', 'nic-list.json'].map(read));
    const template = parseTemplate(
      '[cluster slurm]\n[[node defaults]]\nSubnetId = hpc-rg/hpc-vnet/compute\n[[node scheduler]]\n[[nodearray hpc]]\n',
    );
    const d = diagnose({ situation: {}, template, evidence: { evidence, cyclecloud: 'cyclecloud-nic' } });
    const denied = (d.verification?.connections ?? []).filter((c) => c.verdict === 'deny');
    expect(denied.map((c) => c.connection.port)).toEqual([9443]);
    const { svg } = renderSvg(diagramOf({ diagnosis: d }));
    const edges = groups(svg, 'edge');
    expect(edges.filter((g) => g['data-broken'] === 'true').map((g) => g['data-port'])).toEqual(['9443']);
    expect(svg).toContain('from the evidence');
  });

  it('escapes names from the template, so a hostile one cannot break the SVG', () => {
    const template = parseTemplate(
      '[cluster <evil> & "co"]\n[[node <script>alert(1)</script>]]\nIsReturnProxy = true\n[[nodearray x]]\n',
    );
    const situation: Situation = {
      serverLocation: 'other-vnet',
      peering: 'impossible',
      privateLink: 'none',
      publicIpAllowed: true,
    };
    const { svg } = renderSvg(diagramOf({ diagnosis: diagnose({ situation, template }), situation }));
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('renders to a PNG that decodes at the size the SVG declares, times the scale', () => {
    const proxy = SITUATIONS.find((c) => c.name === 'return proxy from a template');
    if (proxy === undefined) throw new Error('the return proxy case is listed above');
    const d = diagnosisFor(proxy);
    const { svg, width, height } = renderSvg(diagramOf({ diagnosis: d }));
    for (const scale of [1, 2]) {
      const out = renderPng(svg, scale);
      const png = PNG.sync.read(out.png);
      expect([png.width, png.height]).toEqual([width * scale, height * scale]);
      expect([out.width, out.height]).toEqual([png.width, png.height]);
      // Not a blank page: the boxes' colours are in it.
      const colours = new Set<number>();
      for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
      expect(colours.size).toBeGreaterThan(5);
    }
  });
});
