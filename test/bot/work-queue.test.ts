import { afterEach, describe, expect, it } from 'vitest';
import { warmUp } from '../../bot/runtime/warm-up.ts';
import { boundedWork } from '../../bot/runtime/work-queue.ts';
import type { SessionStore } from '../../flows/ports/session-store.ts';
import { FlowRunner } from '../../flows/runner.ts';
import { type HttpBot, startHttpBot } from './harness.ts';
import { blockActions, buttonsOf, slashCommand } from './slack-payloads.ts';

describe('the queue behind the ack', () => {
  it('runs at most `limit` tasks at once, all of them eventually, and reports failures without stopping', async () => {
    const errors: unknown[] = [];
    const queue = boundedWork(2, (e) => errors.push(e));
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    for (let i = 0; i < 6; i++) {
      await queue.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
        if (i === 3) throw new Error('boom');
        done.push(i);
      });
    }
    expect(done).toEqual([]); // queued, not yet run: the caller (the listener) returned at once
    await queue.idle();
    expect(peak).toBe(2);
    expect(done.sort()).toEqual([0, 1, 2, 4, 5]);
    expect(errors).toHaveLength(1);
  });
});

describe('acks come before the slow work', () => {
  let bot: HttpBot | undefined;
  afterEach(async () => {
    await bot?.stop();
  });

  it('answers a click while its session is still being read, then updates the question', async () => {
    let release: () => void = () => {};
    let holding = false;
    bot = await startHttpBot({
      makeRunner: (deps) => {
        const slowStore: SessionStore = {
          ...deps.store,
          get: async (id) => {
            if (holding) await new Promise<void>((r) => (release = r));
            return deps.store.get(id);
          },
          put: (r, o) => deps.store.put(r, o),
          delete: (id) => deps.store.delete(id),
          listByOwner: (o) => deps.store.listByOwner(o),
        };
        return new FlowRunner({ ...deps, store: slowStore });
      },
    });
    const slack = bot.slack;
    await bot.command(slashCommand(slack, ''));
    const question = await slack.until(
      () => slack.messages.find((m) => buttonsOf(m.blocks).length > 0),
      'question',
    );
    const button = buttonsOf(question.blocks)[0];
    if (button === undefined) throw new Error('no button');
    holding = true;
    const res = await bot.interact(blockActions(slack, question, button));
    expect(res.status).toBe(200);
    expect(slack.callsTo('chat.update')).toHaveLength(0);
    holding = false;
    release();
    await slack.until(() => slack.callsTo('chat.update').length > 0, 'the answered question');
  });
});

describe('warm-up before taking traffic', () => {
  it('walks conversations through every entry point, in memory', async () => {
    const conversations = await warmUp(50);
    expect(conversations).toBeGreaterThanOrEqual(3);
    expect(conversations % 3).toBe(0);
  });
});
