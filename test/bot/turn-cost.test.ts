// What one interaction costs: a click and an upload are each one FlowRunner call, one session read and one session
// write, and the Slack side is rendered from the Turn that call returned (the answered question, the next step).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import { FlowRunner } from '../../flows/runner.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import type { FakeMessage } from '../fakes/slack-api.ts';
import { CountingBlobs, CountingStore } from '../support/counting-store.ts';
import { type MemoryBot, startMemoryBot } from './harness.ts';
import { BOB, blockActions, buttonsOf, eventCallback, messageEvent, slashCommand } from './slack-payloads.ts';

const TEMPLATE =
  '[cluster slurm]\n[[node scheduler]]\nImageName = cycle.image.ubuntu22\n[[nodearray hpc]]\nIsReturnProxy = true\n';

class CountingRunner extends FlowRunner {
  calls: string[] = [];
  override async start(...args: Parameters<FlowRunner['start']>) {
    this.calls.push('start');
    return super.start(...args);
  }
  override async send(...args: Parameters<FlowRunner['send']>) {
    this.calls.push('send');
    return super.send(...args);
  }
  override async current(...args: Parameters<FlowRunner['current']>) {
    this.calls.push('current');
    return super.current(...args);
  }
  override async get(...args: Parameters<FlowRunner['get']>) {
    this.calls.push('get');
    return super.get(...args);
  }
  override async recent(...args: Parameters<FlowRunner['recent']>) {
    this.calls.push('recent');
    return super.recent(...args);
  }
}

let bot: MemoryBot;
let runner: CountingRunner;
let store: CountingStore;
let blobs: CountingBlobs;

beforeEach(async () => {
  store = new CountingStore(new MemorySessionStore());
  blobs = new CountingBlobs(new MemoryTemplateBlobs());
  // Each delivery resolves once its listener and the work behind the ack finished: the counts are final then.
  bot = await startMemoryBot({
    templates: blobs,
    store,
    makeRunner: (deps) => {
      runner = new CountingRunner(deps);
      return runner;
    },
  });
});
afterEach(async () => {
  await bot.stop();
});

const costs = () => ({
  runner: runner.calls,
  reads: store.gets,
  writes: store.puts,
  templateWrites: blobs.puts + blobs.touches,
});
function resetCosts() {
  runner.calls = [];
  store.reset();
  blobs.reset();
}

async function openCheck(): Promise<{ root: FakeMessage; question: FakeMessage }> {
  await bot.command(slashCommand(bot.slack, ''));
  const [root, question] = bot.slack.messages;
  if (root === undefined || question === undefined) throw new Error('no root and first question');
  return { root, question };
}

function choice(message: FakeMessage | undefined, id: string) {
  const button = buttonsOf(message?.blocks).find((b) => {
    const v = decodeButtonValue(b.value);
    return v.ok && v.value.c === id;
  });
  if (message === undefined || button === undefined) throw new Error(`no button ${id}`);
  return blockActions(bot.slack, message, button, { user: BOB });
}

describe('one interaction, one turn', () => {
  it('a click on a choice: one runner call, one read, one write; the question shows who answered', async () => {
    const { root, question } = await openCheck();
    resetCosts();
    await bot.interact(choice(question, 'main'));
    expect(costs()).toEqual({ runner: ['send'], reads: 1, writes: 1, templateWrites: 0 });
    expect(bot.slack.message(root.channel, question.ts)?.blocks).toSatisfy((blocks: unknown) =>
      JSON.stringify(blocks).includes(`<@${BOB}>`),
    );
    const next = bot.slack.thread(root.channel, root.ts).at(-1);
    expect(next?.text).toContain('Which CycleCloud version');
    // The next question's buttons carry the version that click wrote.
    const v = decodeButtonValue(buttonsOf(next?.blocks)[0]?.value);
    expect(v.ok && v.value.v).toBe(2);
  });

  it('Start over: one runner call, one read, one write, and the template hash goes in that write', async () => {
    const { root, question } = await openCheck();
    await bot.interact(choice(question, 'main'));
    const file = bot.slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    await bot.event(
      eventCallback(bot.slack, messageEvent({ threadTs: root.ts, files: [bot.slack.fileEventObject(file)] })),
    );
    const sessionId = (await store.listByOwner('U0ALICE'))[0]?.id ?? '';
    expect((await store.get(sessionId))?.meta.templateSha256).toMatch(/^[0-9a-f]{64}$/);
    const open = bot.slack.thread(root.channel, root.ts).at(-1);
    const restart = buttonsOf(open?.blocks).find((b) => b.action_id === 'ccnet_restart');
    if (open === undefined || restart === undefined) throw new Error('no Start over');
    resetCosts();
    await bot.interact(blockActions(bot.slack, open, restart));
    expect(costs()).toEqual({ runner: ['send'], reads: 1, writes: 1, templateWrites: 0 });
    expect((await store.get(sessionId))?.meta.templateSha256).toBeUndefined();
    expect(bot.slack.message(root.channel, open.ts)?.text).toContain('started over');
  });

  it('a template upload: one runner call, one read, one write, hash included; findings in the thread', async () => {
    const { root, question } = await openCheck();
    await bot.interact(choice(question, 'main'));
    const file = bot.slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    const before = bot.slack.thread(root.channel, root.ts).length;
    resetCosts();
    await bot.event(
      eventCallback(bot.slack, messageEvent({ threadTs: root.ts, files: [bot.slack.fileEventObject(file)] })),
    );
    // The template itself is stored once, beside the session, before the session points to it.
    expect(costs()).toEqual({ runner: ['send'], reads: 1, writes: 1, templateWrites: 1 });
    const posted = bot.slack.thread(root.channel, root.ts).slice(before);
    expect(posted.map((m) => m.text).join('\n')).toContain('slurm.txt');
  });
});
