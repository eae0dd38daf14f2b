import { describe, expect, it } from 'vitest';
import type { Block } from '../../bot/render/blocks.ts';
import { renderExplanation } from '../../bot/render/explain.ts';
import { renderHelp, renderRoot, renderUsage } from '../../bot/render/help.ts';
import { renderHome } from '../../bot/render/home.ts';
import { renderAnswered } from '../../bot/render/question.ts';
import { renderReply } from '../../bot/render/reply.ts';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import type { Reply } from '../../flows/types.ts';
import type { Diagnosis, Finding } from '../../knowledge/model.ts';
import { blockKitErrors } from '../fakes/block-kit-limits.ts';

type Json = Record<string, unknown>;

function buttons(blocks: Block[]): Json[] {
  return blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as unknown as Json[]) : []));
}

function allText(blocks: Block[]): string {
  return JSON.stringify(blocks);
}

const question: Reply = {
  kind: 'question',
  sessionId: 'sess_1',
  questionId: 'serverLocation',
  text: 'Where does the CycleCloud server run?',
  hint: 'Pick the closest.',
  choices: [
    { id: 'same-vnet', label: "In the cluster's VNet" },
    { id: 'other-vnet', label: 'In another Azure VNet', hint: 'Peered or not' },
    { id: 'on-premises', label: 'On premises' },
  ],
  canGoBack: true,
};

function finding(i: number, message = `Node execute${i} has no subnet`): Finding {
  return {
    rule: 'CCN004',
    severity: i % 3 === 0 ? 'error' : 'warning',
    message,
    line: i + 1,
    node: `execute${i}`,
    fix: 'Set SubnetId',
  };
}

function diagnosis(over: Partial<Diagnosis> = {}, snippets = 1): Diagnosis {
  return {
    recommendation: {
      option: 'vnet-peering',
      title: 'Peer the VNets',
      headline: 'Peer the CycleCloud VNet with hpc-vnet',
      doNow: { lines: ['Peer the two VNets in both directions.'], sources: ['cc-network'] },
      why: ['CycleCloud runs in another VNet', 'The VNets can be peered'],
      whySources: [['cc-network'], ['cc-network']],
      steps: ['Create the peering both ways', 'Open TCP 9443 in the NSG'],
      stepSources: [['cc-network'], ['cc-network']],
      connections: [
        {
          from: 'cluster nodes',
          to: 'CycleCloud',
          port: 9443,
          protocol: 'tcp',
          purpose: 'node registration',
        },
      ],
      snippets: Array.from({ length: snippets }, (_, i) => ({
        title: `Peering ${i}`,
        language: 'bash' as const,
        code: `az network vnet peering create --name p${i} --remote-vnet hub`,
      })),
      references: [
        {
          source: 'cc-network',
          title: 'CycleCloud networking',
          path: 'seeds/network.md',
          url: 'https://learn.microsoft.com/azure/cyclecloud/network-connectivity',
        },
      ],
    },
    findings: [],
    assumptions: ['CycleCloud 8 assumed'],
    ...over,
  };
}

function diagnosisReply(d: Diagnosis): Reply {
  return {
    kind: 'diagnosis',
    sessionId: 'sess_1',
    diagnosis: d,
    situation: { serverLocation: 'other-vnet', firewall: 'nsg' },
    sources: { serverLocation: 'profile', firewall: 'answer' },
    changeable: [
      { id: 'serverLocation', label: 'CycleCloud server: In another Azure VNet' },
      { id: 'firewall', label: 'Firewall: NSG' },
    ],
  };
}

describe('question', () => {
  const rendered = renderReply(question, 4);

  it('has a button per choice plus Back and Start over, all within Block Kit limits', () => {
    expect(blockKitErrors(rendered.blocks, 50)).toEqual([]);
    const labels = buttons(rendered.blocks).map((b) => (b.text as Json).text);
    expect(labels).toEqual([
      "In the cluster's VNet",
      'In another Azure VNet',
      'On premises',
      '← Back',
      'Start over',
    ]);
    expect(rendered.text).toBe('Where does the CycleCloud server run?');
  });

  it('each choice button carries session, version, question and choice', () => {
    const choice = buttons(rendered.blocks)[1];
    expect(choice?.action_id).toBe('ccnet_choice:1');
    expect(decodeButtonValue(choice?.value)).toEqual({
      ok: true,
      value: { s: 'sess_1', v: 4, q: 'serverLocation', c: 'other-vnet' },
    });
  });

  it('no Back on the first question', () => {
    const first = renderReply({ ...question, canGoBack: false }, 1);
    expect(buttons(first.blocks).map((b) => b.action_id)).not.toContain('ccnet_back');
  });

  it('more than 25 choices and 75-character labels still fit', () => {
    const many: Reply = {
      ...question,
      choices: Array.from({ length: 30 }, (_, i) => ({
        id: `c${i}`,
        label: `A very long label number ${i} `.repeat(5),
      })),
    };
    expect(blockKitErrors(renderReply(many, 1).blocks, 50)).toEqual([]);
  });

  it('once answered it shows the choice and who made it, without buttons', () => {
    const answered = renderAnswered({
      questionId: 'serverLocation',
      text: 'Where does the CycleCloud server run?',
      label: 'In another Azure VNet',
      by: 'U0ALICE',
      action: 'choice',
    });
    expect(buttons(answered.blocks)).toEqual([]);
    expect(allText(answered.blocks)).toContain('In another Azure VNet');
    expect(allText(answered.blocks)).toContain('<@U0ALICE>');
  });
});

describe('diagnosis', () => {
  it('shows option, why, flows, snippets in code blocks, profile facts and change buttons', () => {
    const rendered = renderReply(diagnosisReply(diagnosis()), 9);
    const text = allText(rendered.blocks);
    expect(blockKitErrors(rendered.blocks, 50)).toEqual([]);
    expect(text).toContain('Recommendation: Peer the VNets');
    expect(text).toContain('TCP 9443');
    expect(text).toContain('```\\naz network vnet peering create');
    expect(text).toContain('From your team profile:');
    expect(text).toContain('CycleCloud location: In another Azure VNet');
    expect(text).toContain('CycleCloud 8 assumed');
    const ids = buttons(rendered.blocks).map((b) => b.action_id);
    expect(ids).toEqual([
      'ccnet_snippets_file',
      'ccnet_change:0',
      'ccnet_change:1',
      'ccnet_back',
      'ccnet_restart',
    ]);
    expect(rendered.overflow).toEqual([]);
    expect(rendered.text).toBe('Recommendation: Peer the VNets');
  });

  it('findings carry rule, line and node', () => {
    const rendered = renderReply(diagnosisReply(diagnosis({ findings: [finding(11)] })), 1);
    expect(allText(rendered.blocks)).toContain('*CCN004* · line 12 · `execute11`');
  });

  it('a huge diagnosis stays within 50 blocks and sends the rest as files', () => {
    const longSnippet = {
      title: 'Whole template',
      language: 'ini' as const,
      code: 'Key = value\n'.repeat(400),
    };
    const d = diagnosis({ findings: Array.from({ length: 300 }, (_, i) => finding(i)) }, 60);
    d.recommendation.snippets.push(longSnippet);
    const rendered = renderReply(diagnosisReply(d), 2);
    expect(rendered.blocks.length).toBeLessThanOrEqual(50);
    expect(blockKitErrors(rendered.blocks, 50)).toEqual([]);
    const files = rendered.overflow.map((o) => o.filename);
    expect(files).toEqual(['findings.txt', 'ccnet-snippets.txt']);
    expect(rendered.overflow.find((o) => o.filename === 'findings.txt')?.content).toContain('line 300');
    expect(rendered.overflow.find((o) => o.filename === 'ccnet-snippets.txt')?.content).toContain(
      '# Whole template',
    );
    expect(allText(rendered.blocks)).toContain('Sent as files in this thread');
    expect(allText(rendered.blocks)).toContain('285 more in `findings.txt`');
  });

  it('one snippet too long for a section becomes its own file', () => {
    const d = diagnosis();
    d.recommendation.snippets.push({
      title: 'Whole template',
      language: 'ini',
      code: 'Key = value\n'.repeat(400),
    });
    const rendered = renderReply(diagnosisReply(d), 2);
    expect(rendered.overflow.map((o) => [o.filename, o.snippetType])).toEqual([
      ['whole-template.ini', 'ini'],
    ]);
    expect(allText(rendered.blocks)).toContain('az network vnet peering create');
  });

  it('text from a template or a paste cannot ping anyone', () => {
    const d = diagnosis({ findings: [finding(1, 'Value <!channel> & <@U999> in IsReturnProxy')] });
    const rendered = renderReply(diagnosisReply(d), 1);
    const text = allText(rendered.blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U999>');
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;@U999&gt;');
  });
});

describe('template and notices', () => {
  it('template findings with line numbers and learned facts', () => {
    const reply: Reply = {
      kind: 'template',
      sessionId: 's',
      fileName: 'slurm.txt',
      findings: [finding(3)],
      learned: { cyclecloudVersion: 8 },
    };
    const rendered = renderReply(reply, 1);
    expect(allText(rendered.blocks)).toContain('line 4');
    expect(allText(rendered.blocks)).toContain('CycleCloud version: CycleCloud 8');
    expect(rendered.text).toContain('slurm.txt');
  });

  it('a ``` in a file or node name opens no code block (issue 9, item 11)', () => {
    const reply: Reply = {
      kind: 'template',
      sessionId: 's',
      fileName: 'slurm```.txt',
      findings: [{ ...finding(3), node: 'exec```ute', message: 'Node exec```ute sets IsReturnProxy' }],
      learned: {},
    };
    const rendered = renderReply(reply, 1);
    expect(allText(rendered.blocks)).not.toContain('```');
    expect(rendered.text).not.toContain('```');
  });

  it('thousands of findings go to a file', () => {
    const reply: Reply = {
      kind: 'template',
      sessionId: 's',
      fileName: 'big.txt',
      findings: Array.from({ length: 2000 }, (_, i) => finding(i)),
      learned: {},
    };
    const rendered = renderReply(reply, 1);
    expect(blockKitErrors(rendered.blocks, 50)).toEqual([]);
    expect(rendered.overflow.map((o) => o.filename)).toEqual(['big-txt-findings.txt']);
  });

  it('a notice is escaped', () => {
    const rendered = renderReply(
      { kind: 'notice', sessionId: null, level: 'error', code: 'INVALID_CHOICE', text: '<!here> oops' },
      1,
    );
    expect(allText(rendered.blocks)).toContain('&lt;!here&gt; oops');
  });
});

describe('fixed texts', () => {
  it('help has usage and a Start button', () => {
    const help = renderHelp();
    expect(allText(help.blocks)).toContain('/ccnet explain');
    expect(buttons(help.blocks).map((b) => b.action_id)).toEqual([
      'ccnet_start:0',
      'ccnet_start:1',
      'ccnet_start:2',
    ]);
  });

  it('usage names the unknown subcommand, escaped', () => {
    expect(allText(renderUsage('<!channel>').blocks)).toContain('`&lt;!channel&gt;`');
  });

  it('the root message names who started the check', () => {
    expect(renderRoot('U0BOB').blocks[0]).toMatchObject({
      text: { text: expect.stringContaining('<@U0BOB>') },
    });
  });

  it('App Home lists recent checks', () => {
    const home = renderHome([
      { channel: 'C0OPS', at: 1_700_000_000_000, outcome: 'VNet peering' },
      { channel: 'D0DM', at: undefined, outcome: 'in progress' },
    ]);
    expect(blockKitErrors(home.blocks, 100)).toEqual([]);
    expect(allText(home.blocks)).toContain('<#C0OPS>');
    expect(allText(home.blocks)).toContain('a direct message');
    expect(allText(renderHome([]).blocks)).toContain('No checks yet');
  });

  it('an explanation renders sections, snippets and sources', () => {
    const rendered = renderExplanation({
      kind: 'topic',
      title: 'Return proxy',
      sections: [{ heading: 'What it is', lines: ['A node that relays <traffic>'] }],
      snippets: [{ title: 'Enable', language: 'ini', code: 'IsReturnProxy = true' }],
      references: [
        {
          source: 's',
          title: 'Docs',
          path: 'seeds/x.md',
          url: 'https://learn.microsoft.com/azure/cyclecloud/',
        },
      ],
    });
    expect(blockKitErrors(rendered.blocks, 50)).toEqual([]);
    expect(allText(rendered.blocks)).toContain('relays &lt;traffic&gt;');
    expect(allText(rendered.blocks)).toContain('IsReturnProxy = true');
  });
});
