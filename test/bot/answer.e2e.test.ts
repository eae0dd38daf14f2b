// The answer as Slack shows it, end to end through Bolt's HTTPReceiver and the loopback Web API: a short first
// message with the next action, Details for the rest, the picture of the path uploaded into the thread, the outcome
// on the root message, one "Change an answer" menu, App Home with links and a Start button, a private explain that
// can be shared, and a visible acknowledgement while a file or a long paste is read.
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import { blockKitErrors } from '../fakes/block-kit-limits.ts';
import type { FakeMessage } from '../fakes/slack-api.ts';
import { type HttpBot, startHttpBot } from './harness.ts';
import {
  ALICE,
  blockActions,
  buttonsOf,
  CHANNEL,
  ephemeralBlockActions,
  eventCallback,
  messageEvent,
  selectAction,
  selectsOf,
  slashCommand,
} from './slack-payloads.ts';

let bot: HttpBot;
beforeEach(async () => {
  // Each request is answered once its listeners are done, so every check below sees their whole effect.
  bot = await startHttpBot({ processBeforeResponse: true });
});
afterEach(async () => {
  await bot.stop();
});

const texts = (m: FakeMessage | undefined) => JSON.stringify(m?.blocks ?? []) + (m?.text ?? '');
const thread = (root: FakeMessage) => bot.slack.thread(root.channel, root.ts);
const latest = (root: FakeMessage) => thread(root).at(-1);

async function startCheck(): Promise<FakeMessage> {
  await bot.command(slashCommand(bot.slack, ''));
  const root = bot.slack.messages.find((m) => m.threadTs === undefined);
  if (root === undefined) throw new Error('no root message');
  return root;
}

/** Clicks the choice with this id on the newest question in the thread. */
async function answer(root: FakeMessage, choiceId: string): Promise<void> {
  const question = latest(root);
  const button = buttonsOf(question?.blocks).find((b) => {
    const v = decodeButtonValue(b.value);
    return v.ok && v.value.c === choiceId;
  });
  if (question === undefined || button === undefined)
    throw new Error(`no choice ${choiceId} on ${texts(question)}`);
  await bot.interact(blockActions(bot.slack, question, button));
}

/** Another VNet, not peered yet, NSGs: the peering answer. */
async function peeringAnswer(): Promise<{ root: FakeMessage; answer: FakeMessage }> {
  const root = await startCheck();
  for (const choice of ['main', '8', 'other-vnet', 'none', 'no', 'nsg']) await answer(root, choice);
  const last = latest(root);
  if (last === undefined || !texts(last).includes('Recommendation:')) throw new Error('no answer yet');
  return { root, answer: last };
}

/** What a person sees without opening anything: code blocks, select options and dialogs left out. */
function visibleText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + visibleText(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const o = value as Record<string, unknown>;
  if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string')
    // A link shows its label, not its URL.
    return o.text.replace(/```[\s\S]*?```/g, '').replace(/<[^|>\s]+\|([^>]*)>/g, '$1').length;
  return Object.entries(o)
    .filter(([k]) => k !== 'options' && k !== 'confirm')
    .reduce((n, [, v]) => n + visibleText(v), 0);
}

describe('the answer in the thread', () => {
  it('opens short: at most 600 characters of text, one code block, four buttons and one Change menu', async () => {
    const { answer: message } = await peeringAnswer();
    expect(visibleText(message.blocks)).toBeLessThanOrEqual(600);
    expect(texts(message).match(/```/g)?.length ?? 0).toBeLessThanOrEqual(2);
    expect(texts(message)).toContain('*Do now*');
    const elements = buttonsOf(message.blocks) as unknown as { type: string; action_id: string }[];
    expect(elements.filter((e) => e.type === 'button').map((e) => e.action_id)).toEqual([
      'ccnet_details',
      'ccnet_back',
      'ccnet_restart',
    ]);
    expect(selectsOf(message.blocks).map((s) => s.options.length)).toEqual([5]);
  });

  it('comes with a picture of the path, a PNG in the same thread', async () => {
    const { root } = await peeringAnswer();
    const picture = bot.slack.uploads.find((u) => u.filename === 'ccnet-path-vnet-peering.png');
    expect(picture).toMatchObject({ channel: CHANNEL, threadTs: root.ts });
    const png = PNG.sync.read(picture?.content ?? Buffer.alloc(0));
    expect(png.width).toBeGreaterThan(1000);
    expect(png.height).toBeGreaterThan(300);
    expect(picture?.title).toContain('VNet peering');
  });

  it('stands when the picture cannot be uploaded: answer, root outcome and answered question, no error', async () => {
    const root = await startCheck();
    for (const choice of ['main', '8', 'other-vnet', 'none', 'no']) await answer(root, choice);
    bot.slack.failNext('files.getUploadURLExternal', 'missing_scope');
    const question = latest(root);
    await answer(root, 'nsg');
    expect(texts(latest(root))).toContain('Recommendation: VNet peering');
    expect(bot.slack.uploads).toEqual([]);
    const outcome = texts(bot.slack.message(root.channel, root.ts));
    expect(outcome).toContain('answered: *VNet peering*');
    expect(outcome).not.toContain('picture');
    expect(texts(bot.slack.message(root.channel, question?.ts ?? ''))).toContain(':white_check_mark:');
    expect(bot.slack.ephemerals).toEqual([]);
  });

  it('tells the channel the outcome on the root message, and takes it back on Start over', async () => {
    const { root, answer: message } = await peeringAnswer();
    const updated = bot.slack.message(root.channel, root.ts);
    expect(texts(updated)).toContain('answered: *VNet peering*');
    expect(texts(updated)).toContain('a picture of the path are in the thread');
    const restart = buttonsOf(message.blocks).find((b) => b.action_id === 'ccnet_restart');
    if (restart === undefined) throw new Error('no Start over');
    await bot.interact(blockActions(bot.slack, message, restart));
    expect(texts(bot.slack.message(root.channel, root.ts))).toContain('answer below');
    expect(texts(latest(root))).toContain('What do you need help with?');
  });

  it('says on the root message whether the template still has findings to fix', async () => {
    const root = await startCheck();
    const template =
      '[cluster slurm]\n[[node scheduler]]\nImageName = cycle.image.ubuntu22\n[[nodearray hpc]]\nIsReturnProxy = true\n';
    const file = bot.slack.addFile({ name: 'slurm.txt', content: template });
    await bot.event(
      eventCallback(bot.slack, messageEvent({ threadTs: root.ts, files: [bot.slack.fileEventObject(file)] })),
    );
    // Answer whatever is asked next, the first choice each time, until the answer is in.
    for (let i = 0; i < 12 && !texts(latest(root)).includes('Recommendation:'); i++) {
      const [first] = buttonsOf(latest(root)?.blocks).filter((b) => {
        const v = decodeButtonValue(b.value);
        return v.ok && v.value.c !== undefined;
      });
      if (first === undefined) throw new Error(`no choice on ${texts(latest(root))}`);
      const question = latest(root);
      if (question === undefined) throw new Error('no question');
      await bot.interact(blockActions(bot.slack, question, first));
    }
    const outcome = texts(bot.slack.message(root.channel, root.ts));
    expect(outcome).toContain('answered: *');
    expect(outcome).toMatch(/Template: \d+ errors?[^"]* to fix/);
  });

  it('Details posts the whole answer in the thread, with the sources as links', async () => {
    const { root, answer: message } = await peeringAnswer();
    const details = buttonsOf(message.blocks).find((b) => b.action_id === 'ccnet_details');
    if (details === undefined) throw new Error('no Details');
    await bot.interact(blockActions(bot.slack, message, details));
    const full = latest(root);
    expect(full?.ts).not.toBe(message.ts);
    expect(texts(full)).toContain('Connections to allow');
    expect(texts(full)).toMatch(/<https:\/\/learn\.microsoft\.com\/[^|>]+\|[^>]+>/);
  });

  it('"Change an answer" re-opens the question picked in the menu', async () => {
    const { root, answer: message } = await peeringAnswer();
    const [menu] = selectsOf(message.blocks);
    const option = menu?.options.find((o) => {
      const v = decodeButtonValue(o.value);
      return v.ok && v.value.q === 'serverLocation';
    });
    if (menu === undefined || option === undefined) throw new Error('no option for the location');
    await bot.interact(selectAction(bot.slack, message, menu, option));
    expect(texts(latest(root))).toContain('Where does the CycleCloud server run?');
    expect(texts(latest(root))).toContain('Now: In another Azure VNet.');
  });

  it('an old Details button after the check moved on gets a private note, nothing in the thread', async () => {
    const { root, answer: message } = await peeringAnswer();
    const back = buttonsOf(message.blocks).find((b) => b.action_id === 'ccnet_back');
    const details = buttonsOf(message.blocks).find((b) => b.action_id === 'ccnet_details');
    if (back === undefined || details === undefined) throw new Error('no buttons');
    await bot.interact(blockActions(bot.slack, message, back));
    const length = thread(root).length;
    await bot.interact(blockActions(bot.slack, message, details));
    expect(thread(root)).toHaveLength(length);
    expect(bot.slack.ephemerals.at(-1)?.text).toContain('has moved on');
  });
});

describe('App Home', () => {
  it('lists recent checks with a link to each thread, and its Start button opens a check in Messages', async () => {
    const { root } = await peeringAnswer();
    await bot.event(
      eventCallback(bot.slack, { type: 'app_home_opened', user: ALICE, channel: 'D0ALICE', tab: 'home' }),
    );
    const view = JSON.stringify(bot.slack.homeViews.get(ALICE));
    const permalink = `https://fake-workspace.slack.com/archives/${CHANNEL}/p${root.ts.replace('.', '')}`;
    expect(view).toContain(`<${permalink}|Open the thread>`);
    expect(view).toContain('VNet peering');
    expect(view).toContain('ccnet_home_start');
    const before = bot.slack.messages.length;
    await bot.interact({
      type: 'block_actions',
      user: { id: ALICE, username: 'alice', name: 'alice', team_id: bot.slack.teamId },
      api_app_id: bot.slack.appId,
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home', team_id: bot.slack.teamId },
      team: { id: bot.slack.teamId, domain: 'fake' },
      trigger_id: '1.2.home',
      actions: [
        {
          type: 'button',
          action_id: 'ccnet_home_start',
          block_id: 'ccnet_home',
          value: 'main',
          text: { type: 'plain_text', text: 'Start a check' },
          action_ts: '1700000999.000100',
        },
      ],
    });
    expect(bot.slack.callsTo('conversations.open').map((c) => c.args.users)).toEqual([ALICE]);
    const [dmRoot, first] = bot.slack.messages.slice(before);
    expect(dmRoot).toMatchObject({ channel: 'D0ALICE', threadTs: undefined });
    expect(first).toMatchObject({ channel: 'D0ALICE', threadTs: dmRoot?.ts });
    expect(texts(first)).toContain('What do you need help with?');
  });

  it('offers no Start button where the bot answers only in listed channels', async () => {
    await bot.stop();
    bot = await startHttpBot({ processBeforeResponse: true, policy: { allowedChannels: [CHANNEL] } });
    await bot.event(
      eventCallback(bot.slack, { type: 'app_home_opened', user: ALICE, channel: 'D0ALICE', tab: 'home' }),
    );
    expect(JSON.stringify(bot.slack.homeViews.get(ALICE))).not.toContain('ccnet_home_start');
  });
});

describe('/ccnet explain', () => {
  it('answers privately with Share in channel, which posts it for everyone and removes the private copy', async () => {
    const ack = (await (
      await bot.command(
        slashCommand(bot.slack, 'explain Timed out connecting to CycleCloud at https://10.0.0.4:9443'),
      )
    ).json()) as { response_type: string; blocks: unknown[] };
    expect(ack.response_type).toBe('ephemeral');
    const share = buttonsOf(ack.blocks).find((b) => b.action_id === 'ccnet_share');
    if (share === undefined) throw new Error('no Share button');
    await bot.interact(ephemeralBlockActions(bot.slack, CHANNEL, share));
    const [shared, removed] = bot.slack.responses.map((r) => r.body);
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(JSON.stringify(shared)).toContain(`Shared by <@${ALICE}>`);
    expect(JSON.stringify(shared)).toContain('9443');
    expect(JSON.stringify(shared)).not.toContain('ccnet_share');
    expect(removed).toMatchObject({ delete_original: true });
    expect(bot.slack.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('/ccnet explain with a long paste', () => {
  const explainAck = async (text: string) =>
    (await (await bot.command(slashCommand(bot.slack, `explain ${text}`))).json()) as {
      response_type: string;
      blocks: unknown[];
    };
  // A JSON log line: its quotes grow when the question is encoded into the button.
  const LINE =
    '{"ts":"2024-05-01T10:00:31Z","level":"error","msg":"Timed out connecting to CycleCloud at https://10.0.0.4:9443"}';

  it('offers Share while the question fits in a button, quotes and newlines included', async () => {
    const ack = await explainAck(Array.from({ length: 5 }, () => LINE).join('\n'));
    expect(blockKitErrors(ack.blocks, 50)).toEqual([]);
    expect(buttonsOf(ack.blocks).map((b) => b.action_id)).toEqual(['ccnet_share']);
  });

  it('past that says how to share it instead of sending a button Slack refuses', async () => {
    // 1,807 characters, under the old cut of 1,900, but its quotes and newlines encode past Slack's 2,000.
    const ack = await explainAck(Array.from({ length: 16 }, () => LINE).join('\n'));
    expect(ack.response_type).toBe('ephemeral');
    expect(blockKitErrors(ack.blocks, 50)).toEqual([]);
    expect(buttonsOf(ack.blocks)).toEqual([]);
    expect(JSON.stringify(ack.blocks)).toContain('Too long to share from here');
    expect(JSON.stringify(ack.blocks)).toContain('9443');
  });
});

describe('reading a file or a long paste', () => {
  const TEMPLATE =
    '[cluster slurm]\n[[node scheduler]]\nImageName = cycle.image.ubuntu22\n[[nodearray hpc]]\nIsReturnProxy = true\n';

  it('shows :eyes: on the message while it is read, taken off once the findings are in the thread', async () => {
    const root = await startCheck();
    const file = bot.slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    const shared = messageEvent({ threadTs: root.ts, files: [bot.slack.fileEventObject(file)] });
    await bot.event(eventCallback(bot.slack, shared));
    expect(bot.slack.reactionLog).toEqual([
      { method: 'add', channel: CHANNEL, ts: shared.ts, name: 'eyes' },
      { method: 'remove', channel: CHANNEL, ts: shared.ts, name: 'eyes' },
    ]);
    const order = bot.slack.calls.map((c) => c.method);
    const findings = order.findIndex(
      (m, i) => m === 'chat.postMessage' && i > order.indexOf('reactions.add'),
    );
    expect(order.indexOf('reactions.add')).toBeLessThan(findings);
    expect(findings).toBeLessThan(order.indexOf('reactions.remove'));
    // Severity in words beside its colour.
    expect(texts(thread(root)[2])).toMatch(
      /:(red|large_yellow|large_blue)_circle: (Error|Warning|Note) · \*CCN002\*/,
    );
  });

  it('acknowledges a long pasted log the same way, and not a one-line error', async () => {
    const root = await startCheck();
    const line = messageEvent({
      threadTs: root.ts,
      text: 'Timed out connecting to CycleCloud at https://10.0.0.4:9443',
    });
    await bot.event(eventCallback(bot.slack, line));
    expect(bot.slack.reactionLog).toEqual([]);
    const log = [
      '2024-05-01 10:00:01 jetpack starting',
      '2024-05-01 10:00:02 loading configuration',
      '2024-05-01 10:00:31 Timed out connecting to CycleCloud at https://10.0.0.4:9443',
      '2024-05-01 10:00:32 retrying in 30 seconds',
    ].join('\n');
    const long = messageEvent({ threadTs: root.ts, text: log });
    await bot.event(eventCallback(bot.slack, long));
    expect(bot.slack.reactionLog.map((r) => [r.method, r.ts])).toEqual([
      ['add', long.ts],
      ['remove', long.ts],
    ]);
  });

  it('takes :eyes: off when the file cannot be read, and says why in the thread', async () => {
    const root = await startCheck();
    const file = bot.slack.addFile({ name: 'slurm.txt', content: TEMPLATE, host: 'files.evil.example' });
    const shared = messageEvent({ threadTs: root.ts, files: [bot.slack.fileEventObject(file)] });
    await bot.event(eventCallback(bot.slack, shared));
    expect(bot.slack.reactionLog).toEqual([
      { method: 'add', channel: CHANNEL, ts: shared.ts, name: 'eyes' },
      { method: 'remove', channel: CHANNEL, ts: shared.ts, name: 'eyes' },
    ]);
    expect(texts(latest(root))).toContain('slurm.txt');
    expect(texts(latest(root))).not.toContain('CCN002');
  });

  it('still reads the file when Slack refuses the reaction', async () => {
    const root = await startCheck();
    bot.slack.failNext('reactions.add', 'missing_scope');
    const file = bot.slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    await bot.event(
      eventCallback(bot.slack, messageEvent({ threadTs: root.ts, files: [bot.slack.fileEventObject(file)] })),
    );
    expect(texts(thread(root)[2])).toContain('CCN002');
    expect(bot.slack.callsTo('reactions.remove')).toEqual([]);
  });
});
