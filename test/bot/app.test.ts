// The app's logic, driven through the real Bolt App by an in-memory receiver (app.processEvent): slash commands,
// clicks, thread messages, mentions, DMs and App Home, against the fake Web API. Each delivery resolves once its
// listeners and the work behind the ack finished. Transport (signatures, HTTP retries, Socket Mode) has its own suites.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../fakes/slack-api.ts';
import { type MemoryBot, startMemoryBot } from './harness.ts';
import {
  ALICE,
  BOB,
  blockActions,
  buttonsOf,
  CHANNEL,
  ephemeralBlockActions,
  eventCallback,
  messageEvent,
  slashCommand,
} from './slack-payloads.ts';
import { acked, checkSteps, texts } from './support/checks.ts';

const TEMPLATE =
  '[cluster slurm]\n[[node scheduler]]\nImageName = cycle.image.ubuntu22\n[[nodearray hpc]]\nIsReturnProxy = true\n';
const TIMEOUT_9443 = 'Timed out connecting to CycleCloud at https://10.0.0.4:9443';

let bot: MemoryBot;
beforeEach(async () => {
  bot = await startMemoryBot();
});
afterEach(async () => {
  await bot.stop();
});

const { startCheck, click, finishCheck, latestInThread, waitForThreadLength } = checkSteps(() => bot, acked);

describe('/ccnet', () => {
  it('a second person answering an already answered question hears so privately', async () => {
    const { root, question } = await startCheck();
    // Bob's client still shows the buttons: his payload carries the message as he saw it.
    const asBobSawIt = structuredClone(question);
    await click(question, 'main', ALICE);
    await waitForThreadLength(root, 3, 'next question');
    await click(asBobSawIt, 'user-access', BOB);
    await bot.slack.until(() => bot.slack.ephemerals.length === 2, 'ephemeral notice and where the check is');
    expect(bot.slack.ephemerals[0]).toMatchObject({ user: BOB, channel: CHANNEL, threadTs: root.ts });
    expect(bot.slack.ephemerals[0]?.text).toContain('Someone answered first');
    // Bob also sees, privately and with its buttons, the question the check is at now.
    expect(bot.slack.ephemerals[1]).toMatchObject({ user: BOB, channel: CHANNEL });
    expect(JSON.stringify(bot.slack.ephemerals[1]?.blocks)).toContain('Which CycleCloud version');
    expect(buttonsOf(bot.slack.ephemerals[1]?.blocks).length).toBeGreaterThan(0);
    expect(bot.slack.thread(root.channel, root.ts)).toHaveLength(3);
  });

  it('Back re-asks the previous question; Start over (asking first) asks the first one again', async () => {
    const { root, question } = await startCheck();
    await click(question, 'main');
    await waitForThreadLength(root, 3, 'version question');
    const version = latestInThread(root);
    const back = buttonsOf(version?.blocks).find((b) => b.action_id === 'ccnet_back');
    if (version === undefined || back === undefined) throw new Error('no Back');
    await bot.interact(blockActions(bot.slack, version, back));
    await waitForThreadLength(root, 4, 'entry question again');
    expect(texts(latestInThread(root))).toContain('What do you need help with?');
    await bot.slack.until(
      () => texts(bot.slack.message(root.channel, version.ts)).includes('went back'),
      'Back shown',
    );
    // The first question again: nothing to undo, so neither Back nor Start over.
    const entry = latestInThread(root);
    expect(buttonsOf(entry?.blocks).map((b) => b.action_id)).not.toContain('ccnet_restart');
    if (entry === undefined) throw new Error('no entry question');
    await click(entry, 'main');
    await waitForThreadLength(root, 5, 'version question again');
    const again = latestInThread(root);
    const restart = buttonsOf(again?.blocks).find((b) => b.action_id === 'ccnet_restart') as
      | (ReturnType<typeof buttonsOf>[number] & { confirm?: { title: { text: string } } })
      | undefined;
    if (again === undefined || restart === undefined) throw new Error('no Start over');
    // Slack shows the dialog and sends the click only once it is confirmed.
    expect(restart.confirm?.title.text).toBe('Start over?');
    await bot.interact(blockActions(bot.slack, again, restart));
    await waitForThreadLength(root, 6, 'first question after start over');
    await bot.slack.until(
      () => texts(bot.slack.message(root.channel, again.ts)).includes('started over'),
      'Start over shown',
    );
    expect(texts(latestInThread(root))).toContain('What do you need help with?');
  });

  it('help, explain, check and unknown subcommands answer privately in the ack', async () => {
    const ack = async (text: string) => (await bot.command(slashCommand(bot.slack, text))).response;
    const help = await ack('help');
    expect(help).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(help)).toContain('ccnet_start:0');
    const explained = await ack(`explain ${TIMEOUT_9443}`);
    expect(JSON.stringify(explained)).toContain('9443');
    expect(JSON.stringify(await ack('check'))).toContain('Upload the template file');
    expect(JSON.stringify(await ack('frobnicate now'))).toContain('`frobnicate`');
    expect(JSON.stringify(await ack('explain'))).toContain('Topics');
    expect(bot.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('the Start buttons under help begin at the chosen entry', async () => {
    const help = (await bot.command(slashCommand(bot.slack, 'help'))).response as { blocks: unknown[] };
    const start = buttonsOf(help.blocks).find((b) => b.action_id === 'ccnet_start:2');
    if (start === undefined) throw new Error('no start button');
    await bot.interact(ephemeralBlockActions(bot.slack, CHANNEL, start));
    await bot.slack.until(() => bot.slack.messages.length >= 2, 'root and the first step');
    const root = bot.slack.messages[0];
    if (root === undefined) throw new Error('no root');
    expect(texts(bot.slack.messages[1])).not.toContain('What do you need help with?');
    expect(texts(await finishCheck(root, 'linux'))).toContain('Bastion');
  });
});

describe('allowed channels', () => {
  it('elsewhere the bot says why, privately, and posts nothing', async () => {
    await bot.stop();
    bot = await startMemoryBot({ policy: { allowedChannels: ['C0ALLOWED'] } });
    const res = await bot.command(slashCommand(bot.slack, ''));
    const body = res.response as { response_type: string };
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body)).toContain('<#C0ALLOWED>');
    expect(bot.slack.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('thread messages', () => {
  async function shareFile(root: FakeMessage, file: Record<string, unknown>, eventId?: string) {
    const event = messageEvent({ threadTs: root.ts, files: [file] });
    return bot.event(eventCallback(bot.slack, event, eventId));
  }

  it('a file event with only the id is completed through files.info', async () => {
    const { root } = await startCheck();
    const file = bot.slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    await shareFile(root, { id: file.id, file_access: 'check_file_info' });
    await waitForThreadLength(root, 4, 'template findings');
    expect(bot.slack.callsTo('files.info')).toHaveLength(1);
  });

  it('a file over the cap is refused before download, with a hint in the thread', async () => {
    const { root } = await startCheck();
    const file = bot.slack.addFile({ name: 'big.txt', content: 'x'.repeat(100_000) });
    await shareFile(root, bot.slack.fileEventObject(file));
    await waitForThreadLength(root, 3, 'size hint');
    expect(texts(latestInThread(root))).toContain('`big.txt` is 97.7 KB');
    expect(bot.slack.requests.some((r) => r.path.includes(file.id))).toBe(false);
    expect(bot.logs.some((l) => l.includes('read template failed: FILE_TOO_LARGE'))).toBe(true);
  });

  it('a login page instead of the file means the token lacks files:read', async () => {
    const { root } = await startCheck();
    bot.slack.denyDownloads = true;
    const file = bot.slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    await shareFile(root, bot.slack.fileEventObject(file));
    await waitForThreadLength(root, 3, 'permission hint');
    expect(texts(latestInThread(root))).toContain('files:read');
  });

  it('a binary file is not a template', async () => {
    const { root } = await startCheck();
    const file = bot.slack.addFile({
      name: 'diagram.png',
      content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
    });
    await shareFile(root, bot.slack.fileEventObject(file));
    await waitForThreadLength(root, 3, 'not-text hint');
    expect(texts(latestInThread(root))).toContain('not a text file');
  });

  it('a known error pasted in the thread gets the symptom reply; chatter gets none', async () => {
    const { root } = await startCheck();
    await bot.event(
      eventCallback(bot.slack, messageEvent({ threadTs: root.ts, text: 'looking into it, brb' })),
    );
    const linked = 'Timed out connecting to CycleCloud at <https://10.0.0.4:9443|https://10.0.0.4:9443>';
    await bot.event(eventCallback(bot.slack, messageEvent({ threadTs: root.ts, text: linked, user: BOB })));
    await waitForThreadLength(root, 3, 'symptom reply');
    const thread = bot.slack.thread(root.channel, root.ts);
    expect(texts(thread[2])).toContain('Recognised');
    expect(texts(thread[2])).toContain('9443');
    expect(thread.every((m) => !texts(m).includes('brb'))).toBe(true);
  });

  it('ignores threads it does not own, its own messages and other bots', async () => {
    const { root } = await startCheck();
    const before = bot.slack.calls.length;
    await bot.event(
      eventCallback(bot.slack, messageEvent({ threadTs: '1600000000.000001', text: TIMEOUT_9443 })),
    );
    await bot.event(
      eventCallback(
        bot.slack,
        messageEvent({ threadTs: root.ts, text: TIMEOUT_9443, user: bot.slack.botUserId }),
      ),
    );
    await bot.event(
      eventCallback(
        bot.slack,
        messageEvent({
          threadTs: root.ts,
          text: TIMEOUT_9443,
          extra: { subtype: 'bot_message', bot_id: 'B0OTHER' },
        }),
      ),
    );
    await bot.event(
      eventCallback(
        bot.slack,
        messageEvent({ threadTs: root.ts, text: TIMEOUT_9443, extra: { bot_id: 'B0OTHER' } }),
      ),
    );
    expect(bot.slack.calls.slice(before)).toEqual([]);
  });

  it('findings that do not fit in the message arrive as a file in the thread', async () => {
    const { root } = await startCheck();
    const arrays = Array.from({ length: 20 }, (_, i) => `[[nodearray hpc${i}]]\nIsReturnProxy = true\n`).join(
      '',
    );
    const file = bot.slack.addFile({ name: 'many.txt', content: `[cluster many]\n${arrays}` });
    await shareFile(root, bot.slack.fileEventObject(file));
    const upload = await bot.slack.until(() => bot.slack.uploads[0], 'findings file');
    expect(upload).toMatchObject({ filename: 'many-txt-findings.txt', channel: CHANNEL, threadTs: root.ts });
    expect(upload.content.toString()).toContain('hpc19');
    expect(texts(bot.slack.thread(root.channel, root.ts)[2])).toContain('more in `many-txt-findings.txt`');
  });

  it('@ccnet with nothing to read in its thread shows the open question again', async () => {
    const { root } = await startCheck();
    const mention = {
      ...messageEvent({ threadTs: root.ts, text: `<@${bot.slack.botUserId}> where were we?` }),
      type: 'app_mention',
    };
    await bot.event(eventCallback(bot.slack, mention));
    await waitForThreadLength(root, 3, 'the open question again');
    expect(texts(latestInThread(root))).toContain('What do you need help with?');
  });

  it('text that would ping a channel arrives escaped', async () => {
    const { root } = await startCheck();
    const file = bot.slack.addFile({ name: '<!channel>.txt', content: TEMPLATE });
    await shareFile(root, bot.slack.fileEventObject(file));
    await waitForThreadLength(root, 4, 'template findings');
    for (const call of bot.slack.callsTo('chat.postMessage')) {
      expect(JSON.stringify(call.args)).not.toContain('<!channel>');
    }
    expect(texts(bot.slack.thread(root.channel, root.ts)[2])).toContain('&lt;!channel&gt;.txt');
  });
});

describe('mentions, DMs and App Home', () => {
  it('@ccnet with a template attached starts a check on it, in that message thread', async () => {
    const file = bot.slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    const mention = {
      ...messageEvent({
        text: `<@${bot.slack.botUserId}> please check`,
        files: [bot.slack.fileEventObject(file)],
      }),
      type: 'app_mention',
    } as Record<string, unknown>;
    await bot.event(eventCallback(bot.slack, mention));
    await bot.slack.until(() => bot.slack.messages.length >= 2, 'findings and first question');
    const [findings, question] = bot.slack.messages;
    expect(findings?.threadTs).toBe(mention.ts);
    expect(texts(findings)).toContain('CCN002');
    expect(question?.threadTs).toBe(mention.ts);
    expect(buttonsOf(question?.blocks).some((b) => b.action_id.startsWith('ccnet_choice'))).toBe(true);
    expect(await bot.threads.lookup(CHANNEL, String(mention.ts))).not.toBeNull();
  });

  it('@ccnet with a known error starts a check at the error message', async () => {
    const mention = {
      ...messageEvent({ text: `<@${bot.slack.botUserId}> ${TIMEOUT_9443}` }),
      type: 'app_mention',
    };
    await bot.event(eventCallback(bot.slack, mention));
    await bot.slack.until(() => bot.slack.messages.length >= 1, 'symptom reply');
    expect(texts(bot.slack.messages[0])).toContain('Recognised');
  });

  it('@ccnet with nothing to check gets a hint', async () => {
    const mention = { ...messageEvent({ text: `<@${bot.slack.botUserId}> hello` }), type: 'app_mention' };
    await bot.event(eventCallback(bot.slack, mention));
    await bot.slack.until(() => bot.slack.messages.length >= 1, 'hint');
    expect(texts(bot.slack.messages[0])).toContain('/ccnet');
  });

  it('a template sent to the bot in a DM starts a check there', async () => {
    const file = bot.slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    const dm = messageEvent({
      channel: 'D0ALICE',
      channelType: 'im',
      files: [bot.slack.fileEventObject(file)],
    });
    await bot.event(eventCallback(bot.slack, dm));
    await bot.slack.until(() => bot.slack.messages.length >= 2, 'findings in the DM');
    expect(bot.slack.messages[0]).toMatchObject({ channel: 'D0ALICE', threadTs: dm.ts });
  });

  it('App Home shows how to start and the recent checks', async () => {
    const { root } = await startCheck();
    await finishCheck(root, 'user-access');
    await bot.event(
      eventCallback(bot.slack, { type: 'app_home_opened', user: ALICE, channel: 'D0ALICE', tab: 'home' }),
    );
    const view = await bot.slack.until(() => bot.slack.homeViews.get(ALICE), 'home view');
    const text = JSON.stringify(view);
    expect(text).toContain('/ccnet');
    expect(text).toContain(`<#${CHANNEL}>`);
    expect(text).toContain('Bastion');
  });
});
