// A fixed layout that reads like a network drawing: the CycleCloud side on the left, the cluster's VNet on the
// right, the link between them in the gap, Azure services below; connections run straight across the gap.
import type { EndpointKind } from '../knowledge/model.ts';
import type { Diagram, DiagramEdge, DiagramNode, Zone } from './model.ts';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface PlacedEdge {
  edge: DiagramEdge;
  /** Polyline points, from the `from` end to the `to` end (the arrowhead). */
  points: { x: number; y: number }[];
  label: { x: number; y: number; anchor: 'start' | 'middle' };
}

export interface Layout {
  width: number;
  height: number;
  zones: { zone: Zone; rect: Rect }[];
  nodes: { node: DiagramNode; rect: Rect }[];
  edges: PlacedEdge[];
  link?: { x: number; top: number; bottom: number };
  legendTop: number;
}

const WIDTH = 1000;
const MARGIN = 24;
const TITLE_HEIGHT = 72;
/** Box height plus the space between rows. */
const ROW = 100;
const BOX_H = 64;
const ZONE_LABEL = 36;
const LEFT = { zone: MARGIN, zoneW: 320, box: 48, boxW: 272 };
const RIGHT = { zone: 636, zoneW: WIDTH - MARGIN - 636, box: 660, boxW: 220 };
const GAP_CENTER = (LEFT.zone + LEFT.zoneW + RIGHT.zone) / 2;
const SERVICES_H = 120;
export const LEGEND_LINE = 20;

/** Rows of the right column, top to bottom: what connects to the left sits level with it. */
const RIGHT_ORDER: EndpointKind[] = ['cyclecloud', 'proxy', 'jumpbox', 'primary', 'nodes', 'windows-nodes'];

function isLeft(node: DiagramNode, diagram: Diagram): boolean {
  if (node.id === 'users') return true;
  return node.id === 'cyclecloud' && !diagram.zones.some((z) => z.id === 'people');
}

export function layout(diagram: Diagram): Layout {
  const top = TITLE_HEIGHT + (diagram.brokenBecause !== undefined ? 18 : 0);
  const services = diagram.nodes.filter((n) => n.zone === 'services');
  const left = diagram.nodes.filter((n) => n.zone !== 'services' && isLeft(n, diagram));
  const right = diagram.nodes
    .filter((n) => n.zone !== 'services' && !isLeft(n, diagram))
    .sort((a, b) => RIGHT_ORDER.indexOf(a.id) - RIGHT_ORDER.indexOf(b.id));
  const rowOf = new Map(right.map((n, i) => [n.id, i]));
  const leftIds = new Set(left.map((n) => n.id));
  // A box is as tall as the arrows that arrive across the gap need (22 px apart).
  const heights = right.map((n) => {
    const across = diagram.edges.filter(
      (e) => (e.from === n.id && leftIds.has(e.to)) || (e.to === n.id && leftIds.has(e.from)),
    ).length;
    return Math.max(BOX_H, across * 22 + 12);
  });
  const tops: number[] = [];
  let y = top + ZONE_LABEL;
  for (const h of heights) {
    tops.push(y);
    y += h + (ROW - BOX_H);
  }
  const rowTop = (r: number) => tops[r] ?? top + ZONE_LABEL;
  const rowBottom = (r: number) => rowTop(r) + (heights[r] ?? BOX_H);
  const zonesBottom = (right.length > 0 ? rowBottom(right.length - 1) : top + ZONE_LABEL + BOX_H) + 24;

  const rects = new Map<EndpointKind, Rect>();
  right.forEach((n, r) => {
    rects.set(n.id, { x: RIGHT.box, y: rowTop(r), w: RIGHT.boxW, h: heights[r] ?? BOX_H });
  });
  for (const n of left) {
    // A left box spans the rows it connects to, so its connections run straight across.
    const linked = diagram.edges
      .flatMap((e) => (e.from === n.id ? [e.to] : e.to === n.id ? [e.from] : []))
      .map((id) => rowOf.get(id))
      .filter((r): r is number => r !== undefined);
    const first = linked.length > 0 ? Math.min(...linked) : 0;
    const last = linked.length > 0 ? Math.max(...linked) : 0;
    rects.set(n.id, { x: LEFT.box, y: rowTop(first), w: LEFT.boxW, h: rowBottom(last) - rowTop(first) });
  }
  const servicesTop = zonesBottom + 84;
  const serviceW = Math.min(220, (WIDTH - 2 * MARGIN - 24 - (services.length - 1) * 16) / services.length);
  services.forEach((n, i) => {
    rects.set(n.id, {
      x: MARGIN + 12 + i * (serviceW + 16),
      y: servicesTop + ZONE_LABEL,
      w: serviceW,
      h: BOX_H,
    });
  });

  const zoneRect = (zone: Zone): Rect => {
    if (zone.id === 'services')
      return { x: MARGIN, y: servicesTop, w: WIDTH - 2 * MARGIN, h: SERVICES_H - 12 };
    const spansAll =
      zone.id === 'cluster' && !diagram.zones.some((z) => z.id === 'cyclecloud' || z.id === 'people');
    if (spansAll) return { x: MARGIN, y: top, w: WIDTH - 2 * MARGIN, h: zonesBottom - top };
    const side = zone.id === 'cluster' ? RIGHT : LEFT;
    return { x: side.zone, y: top, w: side.zoneW, h: zonesBottom - top };
  };

  const serviceIds = new Set(services.map((n) => n.id));
  const edges = placeEdges(diagram.edges, rects, { left: leftIds, services: serviceIds }, rowOf);
  const legendTop = (services.length > 0 ? servicesTop + SERVICES_H : zonesBottom) + 28;
  return {
    width: WIDTH,
    height: legendTop + 24 + diagram.edges.length * LEGEND_LINE + MARGIN,
    zones: diagram.zones.map((zone) => ({ zone, rect: zoneRect(zone) })),
    nodes: diagram.nodes.flatMap((node) => {
      const rect = rects.get(node.id);
      return rect !== undefined ? [{ node, rect }] : [];
    }),
    edges,
    ...(diagram.link !== undefined ? { link: { x: GAP_CENTER, top: top + 8, bottom: zonesBottom } } : {}),
    legendTop,
  };
}

function pairKey(e: DiagramEdge): string {
  return [e.from, e.to].sort().join('|');
}

function placeEdges(
  edges: readonly DiagramEdge[],
  rects: ReadonlyMap<EndpointKind, Rect>,
  sides: { left: ReadonlySet<EndpointKind>; services: ReadonlySet<EndpointKind> },
  rowOf: ReadonlyMap<EndpointKind, number>,
): PlacedEdge[] {
  const leftIds = sides.left;
  const byPair = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const e of edges) byPair.set(pairKey(e), (byPair.get(pairKey(e)) ?? 0) + 1);
  const intoTarget = new Map<EndpointKind, number>();
  const lanes = { right: 0 };
  return edges.flatMap((edge): PlacedEdge[] => {
    const a = rects.get(edge.from);
    const b = rects.get(edge.to);
    if (a === undefined || b === undefined) return [];
    const key = pairKey(edge);
    const k = byPair.get(key) ?? 1;
    const i = seen.get(key) ?? 0;
    seen.set(key, i + 1);
    const spread = i - (k - 1) / 2;
    const fromLeft = leftIds.has(edge.from);
    const toLeft = leftIds.has(edge.to);
    if (sides.services.has(edge.to) || sides.services.has(edge.from)) {
      // Down to an Azure service: a straight line, labelled halfway (nearer the service from the right column,
      // so the labels of lines that cross stay apart).
      const n = intoTarget.get(edge.to) ?? 0;
      intoTarget.set(edge.to, n + 1);
      const start = { x: a.x + a.w / 2 + spread * 24, y: a.y + a.h };
      const end = { x: b.x + b.w / 2 + n * 16, y: b.y };
      const t = fromLeft ? 0.5 : 0.72;
      const at = { x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t };
      return [{ edge, points: [start, end], label: { x: at.x, y: at.y + 4, anchor: 'middle' } }];
    }
    if (fromLeft !== toLeft) {
      // Across the gap, level with the right-hand box.
      const r = fromLeft ? b : a;
      const l = fromLeft ? a : b;
      const y = r.y + r.h / 2 + spread * 22;
      const lx = l.x + l.w;
      const points = fromLeft
        ? [
            { x: lx, y },
            { x: r.x, y },
          ]
        : [
            { x: r.x, y },
            { x: lx, y },
          ];
      return [{ edge, points, label: { x: GAP_CENTER, y: y - 6, anchor: 'middle' } }];
    }
    const ra = rowOf.get(edge.from);
    const rb = rowOf.get(edge.to);
    if (ra !== undefined && rb !== undefined && Math.abs(ra - rb) === 1) {
      // Neighbours in the right column: a vertical line between them.
      const x = a.x + a.w / 2 + spread * 90 - 30;
      const [ya, yb] = ra < rb ? [a.y + a.h, b.y] : [a.y, b.y + b.h];
      return [
        {
          edge,
          points: [
            { x, y: ya },
            { x, y: yb },
          ],
          label: { x: x + 6, y: (ya + yb) / 2 + 4, anchor: 'start' },
        },
      ];
    }
    if (ra !== undefined && rb !== undefined) {
      // Further apart in the right column: round the boxes between them on the right.
      const lane = a.x + a.w + 18 + lanes.right * 14;
      lanes.right += 1;
      const ya = a.y + a.h / 2 + 8;
      const yb = b.y + b.h / 2 + 8;
      return [
        {
          edge,
          points: [
            { x: a.x + a.w, y: ya },
            { x: lane, y: ya },
            { x: lane, y: yb },
            { x: b.x + b.w, y: yb },
          ],
          label: { x: lane + 4, y: (ya + yb) / 2, anchor: 'start' },
        },
      ];
    }
    // Anything else (two boxes on the left): a straight line between their centres.
    const start = { x: a.x + a.w / 2, y: a.y + a.h };
    const end = { x: b.x + b.w / 2, y: b.y };
    return [
      {
        edge,
        points: [start, end],
        label: { x: (start.x + end.x) / 2 + 6, y: (start.y + end.y) / 2, anchor: 'start' },
      },
    ];
  });
}
