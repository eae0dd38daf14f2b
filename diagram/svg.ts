// The diagram as SVG markup: zones, boxes, the link between networks, one arrow per required connection with its
// port, the broken one in red with a cross, and a legend that says what each connection is for. Every element
// carries data- attributes naming what it stands for, so tests (and people reading the file) can check it.
import type { EndpointKind } from '../knowledge/model.ts';
import { LEGEND_LINE, layout, type Rect } from './layout.ts';
import type { Diagram, DiagramEdge } from './model.ts';

/** One font, shipped with ccnet (dejavu-fonts-ttf), so the picture looks the same on every machine. */
export const FONT_FAMILY = 'DejaVu Sans';

const COLORS: Partial<Record<EndpointKind, string>> & { default: string } = {
  cyclecloud: '#1d3557',
  proxy: '#b5451b',
  nodes: '#2a6f62',
  'windows-nodes': '#2a6f62',
  primary: '#2a6f62',
  jumpbox: '#6d4c9f',
  users: '#6d4c9f',
  default: '#52606d',
};
const EDGE = '#243b53';
const BROKEN = '#c81e1e';

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Average glyph width of DejaVu Sans as a share of the font size: enough to wrap and cut labels. */
const GLYPH = 0.6;

function fitLines(text: string, width: number, size: number, maxLines: number): string[] {
  const perLine = Math.max(4, Math.floor(width / (size * GLYPH)));
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const next = current.length === 0 ? word : `${current} ${word}`;
    if (next.length <= perLine) current = next;
    else {
      if (current.length > 0) lines.push(current);
      current = word;
    }
  }
  if (current.length > 0) lines.push(current);
  const kept = lines.slice(0, maxLines).map((l) => (l.length > perLine ? `${l.slice(0, perLine - 1)}…` : l));
  if (lines.length > maxLines && kept.length > 0) {
    const lastLine = kept[kept.length - 1] ?? '';
    kept[kept.length - 1] = `${lastLine.slice(0, perLine - 1)}…`;
  }
  return kept;
}

function text(x: number, y: number, content: string, attrs: string): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(content)}</text>`;
}

function box(rect: Rect, fill: string, label: string, detail: string | undefined): string {
  const title = fitLines(label, rect.w - 20, 14, detail !== undefined ? 2 : 3);
  const sub = detail !== undefined ? fitLines(detail, rect.w - 20, 11, title.length > 1 ? 1 : 2) : [];
  const lines = [
    ...title.map((t) => ({ t, size: 14, weight: 'bold' })),
    ...sub.map((t) => ({ t, size: 11, weight: 'normal' })),
  ];
  const height = lines.reduce((n, l) => n + l.size + 4, -4);
  let y = rect.y + (rect.h - height) / 2;
  const texts = lines.map((l) => {
    y += l.size;
    const line = text(
      rect.x + rect.w / 2,
      y - 2,
      l.t,
      `font-size="${l.size}" font-weight="${l.weight}" fill="#ffffff" text-anchor="middle"`,
    );
    y += 4;
    return line;
  });
  return [
    `<rect x="${rect.x}" y="${rect.y}" width="${rect.w}" height="${rect.h}" rx="10" fill="${fill}"/>`,
    ...texts,
  ].join('');
}

function edgeLabel(e: DiagramEdge): string {
  return `${e.protocol.toUpperCase()} ${e.port}${e.broken ? ' — broken' : ''}`;
}

function cross(x: number, y: number): string {
  const d = 7;
  return `<path d="M${x - d} ${y - d}L${x + d} ${y + d}M${x - d} ${y + d}L${x + d} ${y - d}" stroke="${BROKEN}" stroke-width="4" stroke-linecap="round"/>`;
}

export interface RenderedSvg {
  svg: string;
  width: number;
  height: number;
}

export function renderSvg(diagram: Diagram): RenderedSvg {
  const l = layout(diagram);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${l.width}" height="${l.height}" viewBox="0 0 ${l.width} ${l.height}" font-family="${FONT_FAMILY}">`,
    `<title>${escapeXml(diagram.title)}</title>`,
    '<defs>',
    `<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0 0L10 5L0 10z" fill="${EDGE}"/></marker>`,
    `<marker id="arrow-broken" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0 0L10 5L0 10z" fill="${BROKEN}"/></marker>`,
    '</defs>',
    `<rect width="${l.width}" height="${l.height}" fill="#ffffff"/>`,
    text(
      24,
      36,
      fitLines(diagram.title, l.width - 48, 18, 1)[0] ?? '',
      'font-size="18" font-weight="bold" fill="#102a43"',
    ),
    text(
      24,
      58,
      `Recommendation: ${diagram.option}. Each arrow is a connection to allow, from the side that opens it.`,
      'font-size="12" fill="#52606d"',
    ),
  );
  if (diagram.brokenBecause !== undefined) {
    out.push(
      text(
        24,
        76,
        `Marked broken (red, crossed) from ${diagram.brokenBecause}.`,
        `font-size="12" fill="${BROKEN}"`,
      ),
    );
  }
  for (const { zone, rect } of l.zones) {
    out.push(
      `<g class="zone" data-zone="${zone.id}">`,
      `<rect x="${rect.x}" y="${rect.y}" width="${rect.w}" height="${rect.h}" rx="14" fill="#f0f4f8" stroke="#9fb3c8" stroke-width="1.5"/>`,
      text(rect.x + 14, rect.y + 22, zone.label, 'font-size="13" font-weight="bold" fill="#334e68"'),
      '</g>',
    );
  }
  if (l.link !== undefined && diagram.link !== undefined) {
    const { x, top, bottom } = l.link;
    out.push(
      `<g class="link" data-link="${diagram.link.kind}">`,
      `<line x1="${x}" y1="${top + 34}" x2="${x}" y2="${bottom}" stroke="#9fb3c8" stroke-width="2" stroke-dasharray="6 6"/>`,
      `<rect x="${x - 110}" y="${top}" width="220" height="26" rx="13" fill="#ffffff" stroke="#9fb3c8"/>`,
      text(
        x,
        top + 18,
        diagram.link.label,
        'font-size="13" font-weight="bold" fill="#334e68" text-anchor="middle"',
      ),
      '</g>',
    );
  }
  for (const { edge, points, label } of l.edges) {
    const color = edge.broken ? BROKEN : EDGE;
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join('');
    // The cross sits a quarter along the first leg, clear of the label in the middle.
    const [p0 = { x: 0, y: 0 }, p1 = p0] = points;
    const crossAt = { x: p0.x + (p1.x - p0.x) * 0.25, y: p0.y + (p1.y - p0.y) * 0.25 };
    const words = edgeLabel(edge);
    const width = words.length * 12 * GLYPH + 10;
    const bx = label.anchor === 'middle' ? label.x - width / 2 : label.x - 4;
    out.push(
      `<g class="edge" data-from="${edge.from}" data-to="${edge.to}" data-port="${edge.port}" data-protocol="${edge.protocol}" data-broken="${edge.broken}">`,
      `<path d="${d}" fill="none" stroke="${color}" stroke-width="${edge.broken ? 2.5 : 2}"${edge.broken ? ' stroke-dasharray="8 5"' : ''} marker-end="url(#${edge.broken ? 'arrow-broken' : 'arrow'})"/>`,
      `<rect x="${bx.toFixed(1)}" y="${(label.y - 12).toFixed(1)}" width="${width.toFixed(1)}" height="16" rx="4" fill="#ffffff" opacity="0.9"/>`,
      text(
        label.x,
        label.y,
        words,
        `font-size="12" font-weight="bold" fill="${color}" text-anchor="${label.anchor}"`,
      ),
      edge.broken ? cross(crossAt.x, crossAt.y) : '',
      '</g>',
    );
  }
  for (const { node, rect } of l.nodes) {
    out.push(
      `<g class="node" data-node="${node.id}">`,
      box(rect, COLORS[node.id] ?? COLORS.default, node.label, node.detail),
      '</g>',
    );
  }
  out.push(text(24, l.legendTop, 'Connections', 'font-size="13" font-weight="bold" fill="#334e68"'));
  diagram.edges.forEach((edge, i) => {
    const from = diagram.nodes.find((n) => n.id === edge.from)?.label ?? edge.from;
    const to = diagram.nodes.find((n) => n.id === edge.to)?.label ?? edge.to;
    const line = `${edge.protocol.toUpperCase()} ${edge.port}${edge.broken ? ' (broken)' : ''} · ${from} → ${to}: ${edge.purpose}`;
    const [shown = ''] = fitLines(line, l.width - 60, 12, 1);
    out.push(
      text(
        36,
        l.legendTop + 22 + i * LEGEND_LINE,
        shown,
        `font-size="12" fill="${edge.broken ? BROKEN : '#243b53'}"`,
      ),
    );
  });
  out.push('</svg>');
  return { svg: out.join('\n'), width: l.width, height: l.height };
}
