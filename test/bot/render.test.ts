import { describe, expect, it } from 'vitest';
import type { Block } from '../../bot/render/blocks.ts';
import { renderDetails } from '../../bot/render/details.ts';
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
type DiagnosisReply = Extract<Reply, { kind: 'diagnosis' }>;

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
      doNow: {
        lines: ['Peer the two VNets in both directions.'],
        sources: ['cc-network'],
        ...(snippets > 0
          ? {
              snippet: {
                title: 'Peering 0',
                language: 'bash' as const,
                code: 'az network vnet peering create --name p0 --remote-vnet hub',
              },
            }
          : {}),
      },
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

function diagnosisReply(d: Diagnosis, canGoBack = true): Reply {
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
    canGoBack,
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

  it('no Back and no Start over on the first question: there is nothing to undo', () => {
    const first = renderReply({ ...question, canGoBack: false }, 1);
    expect(buttons(first.blocks).map((b) => b.action_id)).toEqual([
      'ccnet_choice:0',
      'ccnet_choice:1',
      'ccnet_choice:2',
    ]);
  });

  it("Start over asks first, since it clears everyone's answers", () => {
    const restart = buttons(rendered.blocks).find((b) => b.action_id === 'ccnet_restart');
    expect(restart?.confirm).toMatchObject({
      title: { type: 'plain_text', text: 'Start over?' },
      text: { type: 'mrkdwn', text: expect.stringContaining('for everyone in the thread') },
      confirm: { text: 'Start over' },
      deny: { text: 'Keep the answers' },
      style: 'danger',
    });
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

/** Characters people see in a message without opening anything: code blocks, select options, dialogs left out. */
function visibleText(blocks: unknown): number {
  if (Array.isArray(blocks)) return blocks.reduce((n: number, b) => n + visibleText(b), 0);
  if (typeof blocks !== 'object' || blocks === null) return 0;
  const o = blocks as Json;
  if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string')
    // A link shows its label, not its URL.
    return o.text.replace(/```[\s\S]*?```/g, '').replace(/<[^|>\s]+\|([^>]*)>/g, '$1').length;
  return Object.entries(o)
    .filter(([k]) => k !== 'options' && k !== 'confirm')
    .reduce((n, [, v]) => n + visibleText(v), 0);
}

function codeBlocks(blocks: Block[]): string[] {
  return allText(blocks).match(/```[\s\S]*?```/g) ?? [];
}

function selects(blocks: Block[]): Json[] {
  return buttons(blocks).filter((e) => e.type === 'static_select');
}

describe('diagnosis, first message', () => {
  it('opens with the option in words, "Do now", one code block and what was assumed', () => {
    const rendered = renderReply(diagnosisReply(diagnosis()), 9);
    const text = allText(rendered.blocks);
    expect(blockKitErrors(rendered.blocks, 50)).toEqual([]);
    expect(rendered.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Recommendation: VNet peering' },
    });
    expect(text).toContain('Peer the CycleCloud VNet with hpc-vnet');
    expect(text).toContain(
      '*Do now* — _source:_ <https://learn.microsoft.com/azure/cyclecloud/network-connectivity|CycleCloud networking>\\n• Peer the two VNets in both directions.',
    );
    expect(codeBlocks(rendered.blocks)).toEqual([
      '```\\naz network vnet peering create --name p0 --remote-vnet hub\\n```',
    ]);
    expect(text).toContain('_Assumed:_ CycleCloud 8 assumed');
    expect(text).toContain('_From your team profile:_ CycleCloud location: In another Azure VNet');
    // The rest is one click away, not in this message.
    expect(text).not.toContain('TCP 9443');
    expect(text).not.toContain('CycleCloud runs in another VNet');
    expect(rendered.overflow).toEqual([]);
    expect(rendered.text).toBe('Recommendation: VNet peering: Peer the CycleCloud VNet with hpc-vnet');
  });

  it('says the next action the recommendation names, in at most three lines, with its snippet', () => {
    const d = diagnosis();
    d.recommendation.headline = 'Peer the CycleCloud VNet and the cluster VNet';
    d.recommendation.doNow = {
      lines: ['Create both peerings.', 'Wait for Connected.', 'Restart the failed nodes.'],
      sources: ['PEER'],
      snippet: {
        title: 'Peer',
        language: 'bash',
        code: 'CC_RG="<your resource group>"\naz network vnet peering create',
      },
    };
    const text = allText(renderReply(diagnosisReply(d), 1).blocks);
    expect(text).toContain('Peer the CycleCloud VNet and the cluster VNet');
    expect(text).toContain(
      '1. Create both peerings.\\n2. Wait for Connected.\\n3. Restart the failed nodes.',
    );
    expect(text).toContain('CC_RG=\\"&lt;your resource group&gt;\\"');
    expect(text).not.toContain('--name p0');
  });

  it('has no code block when the next action is a setting in words', () => {
    const d = diagnosis();
    d.recommendation.doNow = { lines: ['Set IsReturnProxy = false on scheduler.'], sources: ['RP'] };
    const rendered = renderReply(diagnosisReply(d), 1);
    expect(codeBlocks(rendered.blocks)).toEqual([]);
    expect(allText(rendered.blocks)).toContain('• Set IsReturnProxy = false on scheduler.');
  });

  it('has Details, Back, Start over (asking first) and one "Change an answer" menu', () => {
    const rendered = renderReply(diagnosisReply(diagnosis({}, 3)), 9);
    const elements = buttons(rendered.blocks);
    expect(elements.filter((e) => e.type === 'button').map((b) => b.action_id)).toEqual([
      'ccnet_details',
      'ccnet_back',
      'ccnet_restart',
    ]);
    const restart = elements.find((b) => b.action_id === 'ccnet_restart');
    expect(restart?.confirm).toMatchObject({ title: { text: 'Start over?' }, style: 'danger' });
    const [menu] = selects(rendered.blocks);
    expect(menu?.action_id).toBe('ccnet_change');
    const options = (menu?.options ?? []) as Json[];
    expect(options.map((o) => (o.text as Json).text)).toEqual([
      'CycleCloud server: In another Azure VNet',
      'Firewall: NSG',
    ]);
    expect(options.map((o) => decodeButtonValue(o.value))).toEqual([
      { ok: true, value: { s: 'sess_1', v: 9, q: 'serverLocation' } },
      { ok: true, value: { s: 'sess_1', v: 9, q: 'firewall' } },
    ]);
  });

  it('offers no Back on an answer no question led to, and keeps Details, Start over and the Change menu', () => {
    const rendered = renderReply(diagnosisReply(diagnosis({}, 3), false), 9);
    expect(buttons(rendered.blocks).map((b) => b.action_id)).toEqual([
      'ccnet_details',
      'ccnet_restart',
      'ccnet_change',
    ]);
    expect(allText(rendered.blocks)).not.toContain('Back');
  });

  it('stays within 600 characters of text, one code block and four buttons however long the answer', () => {
    const d = diagnosis({
      findings: Array.from({ length: 40 }, (_, i) => finding(i)),
      assumptions: Array.from({ length: 12 }, (_, i) => `Assumption number ${i} that goes on for a while.`),
    });
    d.recommendation.headline = 'A headline '.repeat(20);
    d.recommendation.doNow = {
      lines: ['x '.repeat(150), 'y '.repeat(150), 'z '.repeat(150)],
      sources: [],
    };
    const rendered = renderReply(diagnosisReply(d), 1);
    expect(blockKitErrors(rendered.blocks, 50)).toEqual([]);
    expect(visibleText(rendered.blocks)).toBeLessThanOrEqual(600);
    expect(codeBlocks(rendered.blocks).length).toBeLessThanOrEqual(1);
    expect(buttons(rendered.blocks).filter((e) => e.type === 'button').length).toBeLessThanOrEqual(4);
    expect(allText(rendered.blocks)).toContain('_Assumed:_ Assumption number 0');
  });

  it('text from a template or a paste cannot ping anyone', () => {
    const d = diagnosis({ assumptions: ['Value <!channel> & <@U999> assumed'] });
    const text = allText(renderReply(diagnosisReply(d), 1).blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U999>');
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;@U999&gt;');
  });
});

describe('diagnosis details', () => {
  it('shows why, connections, steps, findings, every snippet and the sources', () => {
    const rendered = renderDetails(
      diagnosisReply(diagnosis({ findings: [finding(11)] }, 2)) as DiagnosisReply,
      9,
    );
    const text = allText(rendered.blocks);
    expect(blockKitErrors(rendered.blocks, 50)).toEqual([]);
    expect(text).toContain('CycleCloud runs in another VNet');
    expect(text).toContain('TCP 9443');
    expect(text).toContain('Create the peering both ways');
    expect(text).toContain('--name p0');
    expect(text).toContain('--name p1');
    expect(text).toContain(':large_yellow_circle: Warning · *CCN004* · line 12 · `execute11`');
    expect(buttons(rendered.blocks).map((b) => b.action_id)).toEqual(['ccnet_snippets_file']);
  });

  it('links each source to its page, escaped; a URL Slack cannot link safely is shown as text', () => {
    const d = diagnosis();
    d.recommendation.references = [
      {
        source: 'NC',
        title: 'Network <connectivity> & more',
        path: 'MicrosoftDocs/azure-docs: articles/cyclecloud/network-connectivity.md',
        url: 'https://learn.microsoft.com/azure/cyclecloud/network-connectivity?view=cyclecloud-8&x=1',
      },
      { source: 'bad', title: 'Not a link', path: 'x', url: 'javascript:alert(1)' },
    ];
    const text = allText(renderDetails(diagnosisReply(d) as DiagnosisReply, 1).blocks);
    expect(text).toContain(
      '<https://learn.microsoft.com/azure/cyclecloud/network-connectivity?view=cyclecloud-8&amp;x=1|Network &lt;connectivity&gt; &amp; more>',
    );
    expect(text).not.toContain('<javascript:');
    expect(text).toContain('Not a link');
  });

  it('a huge answer stays within 50 blocks and sends the rest as files', () => {
    const longSnippet = {
      title: 'Whole template',
      language: 'ini' as const,
      code: 'Key = value\n'.repeat(400),
    };
    const d = diagnosis({ findings: Array.from({ length: 300 }, (_, i) => finding(i)) }, 60);
    d.recommendation.snippets.push(longSnippet);
    const rendered = renderDetails(diagnosisReply(d) as DiagnosisReply, 2);
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
    const rendered = renderDetails(diagnosisReply(d) as DiagnosisReply, 2);
    expect(rendered.overflow.map((o) => [o.filename, o.snippetType])).toEqual([
      ['whole-template.ini', 'ini'],
    ]);
    expect(allText(rendered.blocks)).toContain('az network vnet peering create');
  });

  it('text from a template or a paste cannot ping anyone', () => {
    const d = diagnosis({ findings: [finding(1, 'Value <!channel> & <@U999> in IsReturnProxy')] });
    const text = allText(renderDetails(diagnosisReply(d) as DiagnosisReply, 1).blocks);
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

describe('findings without a template', () => {
  it('are called Findings, not Template, in the answer', () => {
    const network: Finding = { ...finding(3, 'Port 9443 is blocked'), rule: 'CCN010' };
    delete network.line;
    delete network.node;
    const withTemplate = renderReply(
      diagnosisReply(diagnosis({ findings: [finding(3)], topology: { cluster: 'c', nodes: [] } })),
      1,
    );
    const without = renderReply(diagnosisReply(diagnosis({ findings: [network] })), 1);
    expect(allText(withTemplate.blocks)).toContain('_Template:_ 1 error');
    expect(allText(without.blocks)).toContain('_Findings:_ 1 error');
    expect(allText(without.blocks)).not.toContain('Template');
  });
});
