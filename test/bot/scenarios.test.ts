// The shared flow scenarios, played through Slack: every answer is a button click (block_actions through the real
// Bolt App, driven by an in-memory receiver), templates are files shared in the thread, error messages are messages
// in it. The replies the flow
// runner produced for each click are what the suite checks; the transcript is what the fake Slack received.
import { unescapeText } from '../../bot/slack/escape.ts';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import type { FlowRunnerDeps, StartInput } from '../../flows/runner.ts';
import { FlowRunner } from '../../flows/runner.ts';
import type { FlowEvent, Reply } from '../../flows/types.ts';
import type { FakeMessage } from '../fakes/slack-api.ts';
import { runScenarioSuite, type ScenarioDriver } from '../scenarios/scenarios.ts';
import { type MemoryBot, startMemoryBot } from './harness.ts';
import {
  type ButtonRef,
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

class RecordingRunner extends FlowRunner {
  readonly log: Reply[][] = [];

  override async start(input: StartInput) {
    const started = await super.start(input);
    this.log.push(started.replies);
    return started;
  }

  override async send(...args: Parameters<FlowRunner['send']>) {
    const turn = await super.send(...args);
    this.log.push(turn.replies);
    return turn;
  }
}

const ENTRY_BUTTON = {
  main: 'ccnet_start:0',
  symptom: 'ccnet_start:1',
  'user-access': 'ccnet_start:2',
} as const;

function textsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(unescapeText(value));
  else if (Array.isArray(value)) for (const v of value) textsOf(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) textsOf(v, out);
  return out;
}

function slackDriver(): ScenarioDriver {
  let bot: MemoryBot | undefined;
  let runner: RecordingRunner | undefined;
  let threadTs = '';

  const ready = () => {
    if (bot === undefined || runner === undefined) throw new Error('start() first');
    return { bot, runner };
  };

  /** Newest message in the thread with a button that fits, as a person scrolling up would find it. */
  const findButton = (fits: (b: ButtonRef) => boolean): { message: FakeMessage; button: ButtonRef } => {
    const { bot } = ready();
    const thread = bot.slack.thread(CHANNEL, threadTs);
    for (let i = thread.length - 1; i >= 0; i--) {
      const message = thread[i];
      const button = buttonsOf(message?.blocks).find(fits);
      if (message !== undefined && button !== undefined) return { message, button };
    }
    throw new Error('no such button in the thread');
  };

  const value = (b: ButtonRef) => {
    const v = decodeButtonValue(b.value);
    return v.ok ? v.value : undefined;
  };

  const act = async (event: FlowEvent): Promise<void> => {
    const { bot } = ready();
    const click = async (fits: (b: ButtonRef) => boolean) => {
      const { message, button } = findButton(fits);
      await bot.interact(blockActions(bot.slack, message, button));
    };
    switch (event.type) {
      case 'ANSWER':
        return click((b) => value(b)?.q === event.questionId && value(b)?.c === event.choiceId);
      case 'BACK':
        return click((b) => b.action_id === 'ccnet_back');
      case 'RESTART':
        return click((b) => b.action_id === 'ccnet_restart');
      case 'CHANGE': {
        // One "Change an answer" menu on the answer: pick the option for the question, as Slack sends it.
        const thread = bot.slack.thread(CHANNEL, threadTs);
        for (let i = thread.length - 1; i >= 0; i--) {
          const message = thread[i];
          for (const select of selectsOf(message?.blocks)) {
            const option = select.options.find((o) => {
              const v = decodeButtonValue(o.value);
              return v.ok && v.value.q === event.questionId;
            });
            if (message !== undefined && option !== undefined) {
              await bot.interact(selectAction(bot.slack, message, select, option));
              return;
            }
          }
        }
        throw new Error(`no "Change an answer" option for ${event.questionId}`);
      }
      case 'TEMPLATE': {
        const file = bot.slack.addFile({ name: event.fileName, content: event.text });
        const shared = messageEvent({ threadTs, files: [bot.slack.fileEventObject(file)] });
        await bot.event(eventCallback(bot.slack, shared));
        return;
      }
      case 'SYMPTOM':
        await bot.event(eventCallback(bot.slack, messageEvent({ threadTs, text: event.text })));
        return;
    }
  };

  return {
    async start(entry, profile) {
      bot = await startMemoryBot({
        ...(profile !== undefined ? { profile } : {}),
        makeRunner: (deps: FlowRunnerDeps) => {
          runner = new RecordingRunner(deps);
          return runner;
        },
      });
      if (entry === undefined) {
        await bot.command(slashCommand(bot.slack, ''));
      } else {
        const help = (await bot.command(slashCommand(bot.slack, 'help'))).response as { blocks: unknown[] };
        const start = buttonsOf(help.blocks).find((b) => b.action_id === ENTRY_BUTTON[entry]);
        if (start === undefined) throw new Error(`no Start button for ${entry}`);
        await bot.interact(ephemeralBlockActions(bot.slack, CHANNEL, start));
      }
      threadTs = bot.slack.messages[0]?.ts ?? '';
      return ready().runner.log.flat();
    },
    async send(event) {
      const { runner } = ready();
      const before = runner.log.length;
      await act(event);
      if (runner.log.length === before)
        throw new Error(`the Slack app did not pass ${event.type} to the flow`);
      const replies = runner.log.slice(before).flat();
      // The answer opens with the next action; a person reads the rest with one click on Details.
      if (replies.some((r) => r.kind === 'diagnosis')) {
        const { message, button } = findButton((b) => b.action_id === 'ccnet_details');
        await ready().bot.interact(blockActions(ready().bot.slack, message, button));
      }
      return replies;
    },
    transcript() {
      const { bot } = ready();
      return [
        ...bot.slack.messages.flatMap((m) => textsOf([m.text, m.blocks])),
        ...bot.slack.ephemerals.flatMap((m) => textsOf([m.text, m.blocks])),
        ...bot.slack.uploads.map((u) => u.content.toString('utf8')),
      ].join('\n');
    },
    async close() {
      await bot?.stop();
    },
  };
}

runScenarioSuite('the Slack app (Bolt, HTTP, button clicks)', slackDriver);
