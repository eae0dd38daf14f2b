// Steps of a check as a person in Slack takes them, for the suites that drive the app (in memory or over HTTP):
// start one with /ccnet, click choices, finish it; and ways to look at the thread the fake Web API holds.
import { expect } from 'vitest';
import { decodeButtonValue } from '../../../bot/slack/payload.ts';
import type { FakeMessage, FakeSlackApi } from '../../fakes/slack-api.ts';
import { ALICE, blockActions, buttonsOf, slashCommand } from '../slack-payloads.ts';

/** `R`: what a delivery returns (an HTTP response, or what the in-memory receiver saw acked). */
export interface SlackDriver<R> {
  slack: FakeSlackApi;
  command(payload: Record<string, string>): Promise<R>;
  interact(payload: unknown): Promise<R>;
}

export const texts = (m: FakeMessage | undefined) => JSON.stringify(m?.blocks ?? []) + (m?.text ?? '');

/** `accepted` checks what a delivery returned (an HTTP 200, an ack). */
export function checkSteps<R>(bot: () => SlackDriver<R>, accepted: (result: R) => void) {
  const latestInThread = (root: FakeMessage) => bot().slack.thread(root.channel, root.ts).at(-1);
  const waitForThreadLength = (root: FakeMessage, n: number, what: string) =>
    bot().slack.until(() => bot().slack.thread(root.channel, root.ts).length >= n, what);

  /** `/ccnet` → the root message and the first question in its thread. */
  async function startCheck(user = ALICE): Promise<{ root: FakeMessage; question: FakeMessage }> {
    const { slack } = bot();
    const before = slack.messages.length;
    accepted(await bot().command(slashCommand(slack, '', { user })));
    const [root, question] = await slack.until(() => {
      const fresh = slack.messages.slice(before);
      return fresh.length >= 2 ? fresh : undefined;
    }, 'root message and first question');
    if (root === undefined || question === undefined) throw new Error('unreachable');
    return { root, question };
  }

  async function click(message: FakeMessage, choiceId: string, user = ALICE) {
    const button = buttonsOf(message.blocks).find((b) => {
      const v = decodeButtonValue(b.value);
      return v.ok && v.value.c === choiceId;
    });
    if (button === undefined) throw new Error(`no button for ${choiceId}`);
    return bot().interact(blockActions(bot().slack, message, button, { user }));
  }

  /** Answers each open question with its first choice until the diagnosis is in the thread. */
  async function finishCheck(root: FakeMessage, firstChoice: string): Promise<FakeMessage> {
    let choice: string | undefined = firstChoice;
    for (let step = 0; step < 12; step++) {
      const latest = latestInThread(root);
      if (texts(latest).includes('Recommendation:') && latest !== undefined) return latest;
      if (latest === undefined) throw new Error('empty thread');
      const before = bot().slack.thread(root.channel, root.ts).length;
      const button = buttonsOf(latest.blocks).find((b) => {
        const v = decodeButtonValue(b.value);
        return v.ok && v.value.c !== undefined && (choice === undefined || v.value.c === choice);
      });
      if (button === undefined) throw new Error(`no choice to click in ${texts(latest).slice(0, 200)}`);
      await bot().interact(blockActions(bot().slack, latest, button));
      await waitForThreadLength(root, before + 1, 'the next step');
      choice = undefined;
    }
    throw new Error('no diagnosis after 12 answers');
  }

  return { startCheck, click, finishCheck, latestInThread, waitForThreadLength };
}

export const httpAccepted = (result: Response) => expect(result.status).toBe(200);
export const acked = (result: { acked: boolean }) => expect(result.acked).toBe(true);
