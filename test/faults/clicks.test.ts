// Fault injection on button presses and slash commands through the real HTTPReceiver (issue 9, items 4, 7, 13):
// a press whose handling failed can be retried; a forged click from another channel changes nothing; a replayed
// /ccnet starts no second check.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import type { PutOptions, PutResult, SessionDraft, SessionStore } from '../../flows/ports/session-store.ts';
import { FlowRunner } from '../../flows/runner.ts';
import { type HttpBot, startHttpBot } from '../bot/harness.ts';
import { blockActions, buttonsOf, CHANNEL, slashCommand } from '../bot/slack-payloads.ts';
import type { FakeMessage } from '../fakes/slack-api.ts';
import { CountingStore } from '../support/counting-store.ts';

/** A store whose next writes fail as a full disk does. */
class FailingStore extends CountingStore {
  failPuts = 0;
  override put(draft: SessionDraft, options: PutOptions): Promise<PutResult> {
    if (this.failPuts > 0) {
      this.failPuts -= 1;
      return Promise.reject(
        Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
      );
    }
    return super.put(draft, options);
  }
}

let bot: HttpBot;
let store: FailingStore;
let warnings: string[] = [];
afterEach(async () => {
  await bot.stop();
});

async function start(): Promise<{ root: FakeMessage; question: FakeMessage }> {
  bot = await startHttpBot({
    processBeforeResponse: true,
    makeRunner: (deps) => {
      store = new FailingStore(deps.store as SessionStore);
      warnings = [];
      return new FlowRunner({ ...deps, store, logger: { warn: (m) => warnings.push(m) } });
    },
  });
  await bot.command(slashCommand(bot.slack, ''));
  const [root, question] = bot.slack.messages;
  if (root === undefined || question === undefined) throw new Error('no check started');
  return { root, question };
}

function firstChoice(message: FakeMessage) {
  const button = buttonsOf(message.blocks).find((b) => {
    const v = decodeButtonValue(b.value);
    return v.ok && v.value.c !== undefined;
  });
  if (button === undefined) throw new Error('no choice button');
  return button;
}

describe('a press whose handling failed', () => {
  it('is handled when pressed again, instead of being dropped as a repeat for 15 minutes', async () => {
    const { root, question } = await start();
    const button = firstChoice(question);
    store.failPuts = 1;
    await bot.interact(blockActions(bot.slack, question, button));
    expect(bot.slack.thread(root.channel, root.ts)).toHaveLength(2);
    expect(JSON.stringify(bot.slack.ephemerals)).toMatch(/try again|went wrong|disk/i);

    await bot.interact(blockActions(bot.slack, question, button));
    expect(bot.slack.thread(root.channel, root.ts).length).toBeGreaterThan(2);
  });
});

describe('a click naming another channel than its check', () => {
  it('is refused privately; the check does not move and no message is rewritten', async () => {
    const { root, question } = await start();
    const forged = blockActions(bot.slack, { ...question, channel: 'C0OTHER' }, firstChoice(question));
    const puts = store.puts;
    const updates = bot.slack.callsTo('chat.update').length;
    await bot.interact(forged);
    expect(store.puts).toBe(puts);
    expect(bot.slack.callsTo('chat.update')).toHaveLength(updates);
    expect(bot.slack.thread(root.channel, root.ts)).toHaveLength(2);
    expect(JSON.stringify(bot.slack.ephemerals.at(-1))).toContain(
      'belongs to a check in another conversation',
    );
    expect(warnings.some((l) => l.includes('[WRONG_PLACE]'))).toBe(true);
  });
});

describe('a replayed /ccnet', () => {
  it('with the same trigger_id starts one check, not two', async () => {
    bot = await startHttpBot({ processBeforeResponse: true });
    const command = slashCommand(bot.slack, '');
    expect((await bot.command(command)).status).toBe(200);
    expect((await bot.command(command)).status).toBe(200);
    const roots = bot.slack.messages.filter((m) => m.threadTs === undefined && m.channel === CHANNEL);
    expect(roots).toHaveLength(1);
    expect((await bot.command(slashCommand(bot.slack, ''))).status).toBe(200);
    expect(bot.slack.messages.filter((m) => m.threadTs === undefined)).toHaveLength(2);
  });
});
