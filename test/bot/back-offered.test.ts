// Back is on an answer only where pressing it does something: an answer the team profile settled before any
// question has Details, Start over and the Change menu but no Back; one reached by answering questions keeps Back,
// and pressing it re-asks the last question.
import { afterEach, describe, expect, it } from 'vitest';
import { unescapeText } from '../../bot/slack/escape.ts';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import type { TeamProfile } from '../../flows/profile.ts';
import type { FakeMessage } from '../fakes/slack-api.ts';
import { type MemoryBot, startMemoryBot } from './harness.ts';
import {
  type ButtonRef,
  blockActions,
  buttonsOf,
  CHANNEL,
  ephemeralBlockActions,
  selectAction,
  selectsOf,
  slashCommand,
} from './slack-payloads.ts';

const SETTLED: TeamProfile = {
  defaults: { cyclecloudVersion: 8, serverLocation: 'same-vnet', firewall: 'nsg' },
  channels: {},
};

let bot: MemoryBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

/** `/ccnet help` → "Start the guided check" (the main entry), as a person clicks it; returns the thread. */
async function startMain(profile?: TeamProfile): Promise<{ bot: MemoryBot; thread: () => FakeMessage[] }> {
  const started = await startMemoryBot(profile ? { profile } : {});
  bot = started;
  const help = (await started.command(slashCommand(started.slack, 'help'))).response as { blocks: unknown[] };
  const start = buttonsOf(help.blocks).find((b) => b.action_id === 'ccnet_start:0');
  if (start === undefined) throw new Error('no Start button under /ccnet help');
  await started.interact(ephemeralBlockActions(started.slack, CHANNEL, start));
  const rootTs = started.slack.messages[0]?.ts ?? '';
  return { bot: started, thread: () => started.slack.thread(CHANNEL, rootTs) };
}

/** The newest message of the thread with a button that fits, as a person scrolling up finds it. */
function newest(
  thread: FakeMessage[],
  fits: (b: ButtonRef) => boolean,
): { message: FakeMessage; button: ButtonRef } {
  for (const message of [...thread].reverse()) {
    const button = buttonsOf(message.blocks).find(fits);
    if (button !== undefined) return { message, button };
  }
  throw new Error('no such button in the thread');
}

function controls(message: FakeMessage): string[] {
  return buttonsOf(message.blocks).map((b) => b.action_id);
}

function textOf(message: FakeMessage): string {
  return unescapeText(JSON.stringify(message.blocks));
}

async function click(b: MemoryBot, found: { message: FakeMessage; button: ButtonRef }): Promise<void> {
  await b.interact(blockActions(b.slack, found.message, found.button));
}

async function answer(b: MemoryBot, thread: () => FakeMessage[], questionId: string, choiceId: string) {
  await click(
    b,
    newest(thread(), (button) => {
      const v = decodeButtonValue(button.value ?? '');
      return v.ok && v.value.q === questionId && v.value.c === choiceId;
    }),
  );
}

describe('Back on the Slack answer', () => {
  it('is not offered when the team profile settled everything before any question', async () => {
    const { thread } = await startMain(SETTLED);
    const answer = newest(thread(), (b) => b.action_id === 'ccnet_details').message;
    expect(textOf(answer)).toContain('Recommendation: ');
    expect(controls(answer)).toEqual(['ccnet_details', 'ccnet_restart', 'ccnet_change']);
    expect(textOf(answer)).not.toContain('Back');
    // No question was posted to go back to.
    expect(thread().some((m) => controls(m).includes('ccnet_back'))).toBe(false);
  });

  it('is offered while a Change is open, where it cancels the change and the answer comes back without it', async () => {
    const { bot: b, thread } = await startMain(SETTLED);
    const answered = newest(thread(), (x) => x.action_id === 'ccnet_details').message;
    const [menu] = selectsOf(answered.blocks);
    const option = menu?.options.find((o) => {
      const v = decodeButtonValue(o.value);
      return v.ok && v.value.q === 'firewall';
    });
    if (menu === undefined || option === undefined)
      throw new Error('no "Change an answer" option for firewall');
    await b.interact(selectAction(b.slack, answered, menu, option));
    const reopened = newest(thread(), (x) => x.action_id === 'ccnet_back');
    expect(textOf(reopened.message)).toContain('firewall');
    const before = thread().length;
    await click(b, reopened);
    const after = thread().slice(before);
    const again = after.find((m) => controls(m).includes('ccnet_details'));
    expect(again).toBeDefined();
    if (again) expect(controls(again)).not.toContain('ccnet_back');
    expect(JSON.stringify(after)).not.toContain('Nothing to go back to');
  });

  it('is offered after questions were answered, and pressing it asks the last question again', async () => {
    const { bot: b, thread } = await startMain();
    await answer(b, thread, 'cyclecloudVersion', '8');
    await answer(b, thread, 'serverLocation', 'same-vnet');
    await answer(b, thread, 'firewall', 'nsg');
    const result = newest(thread(), (x) => x.action_id === 'ccnet_details').message;
    expect(controls(result)).toEqual(['ccnet_details', 'ccnet_back', 'ccnet_restart', 'ccnet_change']);
    const before = thread().length;
    await click(
      b,
      newest(thread(), (x) => x.action_id === 'ccnet_back'),
    );
    const asked = thread()
      .slice(before)
      .find((m) =>
        buttonsOf(m.blocks).some(
          (x) => decodeButtonValue(x.value ?? '').ok && x.action_id.startsWith('ccnet_choice'),
        ),
      );
    expect(asked).toBeDefined();
    if (asked) {
      const choices = buttonsOf(asked.blocks).flatMap((x) => {
        const v = decodeButtonValue(x.value ?? '');
        return v.ok && v.value.q !== undefined ? [v.value.q] : [];
      });
      expect(new Set(choices)).toEqual(new Set(['firewall']));
      // Still one answer to undo (the server location), so the re-asked question offers Back too.
      expect(controls(asked)).toContain('ccnet_back');
    }
  });
});
