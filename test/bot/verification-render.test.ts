// The evidence part of a Slack diagnosis: every required connection with its verdict and deciding rule, fixes as
// code, facts with their files; text from the files escaped, and within Block Kit's limits.
import { describe, expect, it } from 'vitest';
import type { Block } from '../../bot/render/blocks.ts';
import { renderDetails } from '../../bot/render/details.ts';
import { renderReply } from '../../bot/render/reply.ts';
import type { Reply } from '../../flows/types.ts';
import { mergeEvidence, readEvidenceText } from '../../knowledge/evidence/index.ts';
import { diagnose } from '../../knowledge/index.ts';
import { fixture } from '../evidence/support.ts';
import { blockKitErrors } from '../fakes/block-kit-limits.ts';

function allText(blocks: Block[]): string {
  return JSON.stringify(blocks);
}

function evidence(files: Record<string, string>) {
  return mergeEvidence(
    Object.entries(files).map(([name, text]) => {
      const read = readEvidenceText(name, text);
      if (!read.ok) throw new Error(read.problem);
      return read.evidence;
    }),
  );
}

describe('Slack diagnosis with evidence', () => {
  it('lists each required connection with its verdict, the deciding rule and the fix as code', () => {
    const d = diagnose({
      situation: {},
      evidence: {
        evidence: evidence({
          'vnets <&>.json': fixture('peered/vnet-list.json'),
          'nsgs.json': fixture('peered/nsg-list.json'),
          'nics.json': fixture('peered/nic-list.json'),
        }),
        cyclecloud: 'cyclecloud-nic',
        nodes: 'hpc-vnet/compute',
      },
    });
    const reply: Reply = {
      kind: 'diagnosis',
      sessionId: 's',
      diagnosis: d,
      situation: {},
      sources: {},
      changeable: [],
      canGoBack: true,
    };
    // The first message leads with the denied connection, once; Details has every verdict, its rule and the fix.
    const first = allText(renderReply(reply, 1).blocks);
    expect(first).toContain('Your exports deny TCP 9443 cluster nodes -&gt; CycleCloud server');
    expect(first.match(/TCP 9443 cluster nodes/g)).toHaveLength(1);
    if (reply.kind !== 'diagnosis') throw new Error('a diagnosis');
    const rendered = renderDetails(reply, 1);
    const text = allText(rendered.blocks);
    expect(text).toContain('*Checked against your exports*');
    expect(text).toMatch(
      /:no_entry: cluster nodes → CycleCloud server TCP 9443: \*denied\* — denied by cyclecloud-nsg \(nic cyclecloud-nic\) inbound rule DenyAllOtherInbound \(priority 4096\)/,
    );
    expect(text).toContain('```\\naz network nsg rule create -g cc-rg --nsg-name cyclecloud-nsg');
    expect(text).toContain(':white_check_mark: CycleCloud server → cluster nodes TCP 22');
    expect(text).toContain('vnets &lt;&amp;&gt;.json');
    expect(text).not.toContain('vnets <&>.json');
    expect(blockKitErrors(rendered.blocks, 50)).toEqual([]);
  });
});
