// Fault injection: the next step of a check could not be posted (Slack not_in_channel, a 5xx, retries used up, or
// the process stopped between the store write and the post). The answered question keeps its buttons, and pressing
// it again shows, privately and with buttons, where the check is now (issue 9, item 2).
import { afterEach, describe, expect, it } from 'vitest';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import { type HttpBot, startHttpBot } from '../bot/harness.ts';
import { ALICE, blockActions, buttonsOf, slashCommand } from '../bot/slack-payloads.ts';
import type { FakeMessage } from '../fakes/slack-api.ts';

let bot: HttpBot;
afterEach(async () => {
  await bot.stop();
});

function choice(message: FakeMessage, id: string) {
  const button = buttonsOf(message.blocks).find((b) => {
    const v = decodeButtonValue(b.value);
    return v.ok && v.value.c === id;
  });
  if (button === undefined) throw new Error(`no ${id} button`);
  return button;
}

async function started() {
  bot = await startHttpBot({ processBeforeResponse: true });
  await bot.command(slashCommand(bot.slack, ''));
  const [root, question] = bot.slack.messages;
  if (root === undefined || question === undefined) throw new Error('no check');
  return { root, question };
}

describe('when the next question cannot be posted', () => {
  it.each([
    [
      'Slack refuses the post (not_in_channel)',
      (b: HttpBot) => b.slack.failNext('chat.postMessage', 'not_in_channel', 10),
    ],
    [
      'the Web API answers 500 on every retry',
      (b: HttpBot) => b.slack.httpErrorNext('chat.postMessage', 500, 10),
    ],
  ])(
    '%s: the answered question keeps its buttons, and a second press shows where the check is',
    async (_n, fail) => {
      const { root, question } = await started();
      fail(bot);
      await bot.interact(blockActions(bot.slack, question, choice(question, 'main')));
      expect(bot.slack.thread(root.channel, root.ts)).toHaveLength(2);
      const kept = bot.slack.message(root.channel, question.ts);
      expect(kept?.updates).toBe(0);
      expect(buttonsOf(kept?.blocks).length).toBeGreaterThan(0);
      // The clicker is told what went wrong, privately.
      expect(bot.slack.ephemerals.at(-1)?.user).toBe(ALICE);

      // Slack works again; the same button, pressed again, is not a dead end.
      await bot.interact(blockActions(bot.slack, question, choice(question, 'main')));
      const privately = bot.slack.ephemerals.filter((e) => e.user === ALICE);
      const current = privately.find((e) => JSON.stringify(e.blocks).includes('Which CycleCloud version'));
      expect(current, 'the open question, privately').toBeDefined();
      const next = buttonsOf(current?.blocks);
      expect(next.length).toBeGreaterThan(0);
    },
  );
});

describe('when the process stopped between the store write and the post', () => {
  it('pressing the old question re-posts the open one with buttons', async () => {
    const { question } = await started();
    // The store moved on (another process wrote the answer) but nothing reached the thread.
    const value = decodeButtonValue(choice(question, 'main').value);
    if (!value.ok) throw new Error('bad button');
    await bot.runner.send(value.value.s, { type: 'ANSWER', questionId: 'entry', choiceId: 'main' });
    await bot.interact(blockActions(bot.slack, question, choice(question, 'user-access')));
    const shown = bot.slack.ephemerals.filter((e) => e.user === ALICE).map((e) => JSON.stringify(e.blocks));
    expect(shown.some((b) => b.includes('Someone answered first'))).toBe(true);
    expect(shown.some((b) => b.includes('Which CycleCloud version') && b.includes('"type":"button"'))).toBe(
      true,
    );
  });
});
