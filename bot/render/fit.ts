// Fits a message into Slack's block budget: droppable parts go, highest rank first (later parts first on ties),
// and each dropped part leaves its content as a file for the thread.
import { type Block, context, type Overflow } from './blocks.ts';

export interface Part {
  blocks: Block[];
  /** Absent: always kept. */
  drop?: { rank: number; overflow?: Overflow };
}

export function fitBlocks(parts: readonly Part[], budget: number): { blocks: Block[]; overflow: Overflow[] } {
  const kept = [...parts];
  const overflow: Overflow[] = [];
  const size = () => kept.reduce((n, p) => n + p.blocks.length, 0);
  while (size() > budget) {
    let victim = -1;
    kept.forEach((p, i) => {
      const best = victim >= 0 ? kept[victim]?.drop?.rank : undefined;
      if (p.drop !== undefined && (best === undefined || p.drop.rank >= best)) victim = i;
    });
    if (victim < 0) break;
    const [dropped] = kept.splice(victim, 1);
    if (dropped?.drop?.overflow !== undefined) overflow.unshift(dropped.drop.overflow);
  }
  let blocks = kept.flatMap((p) => p.blocks);
  if (blocks.length > budget) {
    blocks = [...blocks.slice(0, budget - 1), context('_This message was shortened to fit in Slack._')];
  }
  return { blocks, overflow: dedupeByName(overflow) };
}

function dedupeByName(files: Overflow[]): Overflow[] {
  const seen = new Set<string>();
  return files.filter((f) => {
    if (seen.has(f.filename)) return false;
    seen.add(f.filename);
    return true;
  });
}
