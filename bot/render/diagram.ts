// The picture of the recommended path, as a PNG file for the diagnosis's thread.
import { diagramOf, renderPng, renderSvg } from '../../diagram/index.ts';
import type { Reply } from '../../flows/types.ts';
import { optionTitle } from '../../knowledge/index.ts';
import type { Overflow } from './blocks.ts';

/** Twice the SVG's size: sharp on high-density screens, Slack scales it to the thread. */
const SCALE = 2;

export function diagramFile(reply: Extract<Reply, { kind: 'diagnosis' }>): Overflow {
  const { svg } = renderSvg(diagramOf({ diagnosis: reply.diagnosis, situation: reply.situation }));
  return {
    filename: `ccnet-path-${reply.diagnosis.recommendation.option}.png`,
    title: `The path: ${optionTitle(reply.diagnosis.recommendation.option)} (arrows: connections to allow)`,
    content: renderPng(svg, SCALE).png,
  };
}
