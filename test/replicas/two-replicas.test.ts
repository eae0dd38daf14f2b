// Two replicas of the bot on one Redis, behind an imaginary load balancer: a flow continues on whichever replica a
// click lands on, a delivery that reaches both is handled once, and a replica killed mid-flow loses no answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { FLOW_VERSION } from '../../flows/runner.ts';
import { openRedisStores } from '../../stores/redis/index.ts';
import { blockActions, CHANNEL, eventCallback, messageEvent, selectsOf } from '../bot/slack-payloads.ts';
import type { FakeMessage, FakeSlackApi } from '../fakes/slack-api.ts';
import { type RedisServer, redisSkipReason } from '../support/redis-server.ts';
import { choiceButton, type Replica, sessionOf, startReplica, texts, useReplicas } from './support.ts';

const TIMEOUT_9443 = 'Timed out connecting to CycleCloud at https://10.0.0.4:9443';
/** Entry, version, location, peering, firewall: five answers to a VNet peering diagnosis. */
const PATH = ['main', '8', 'other-vnet', 'connected', 'nsg'];

describe.runIf(redisSkipReason === null)('two replicas on one Redis', () => {
  const cluster = useReplicas(() => ({ A: {}, B: {} }));
  let redis: RedisServer;
  let slack: FakeSlackApi;
  let a: Replica;
  let b: Replica;
  beforeAll(() => {
    ({ redis, slack } = cluster());
    ({ A: a, B: b } = cluster().replicas as { A: Replica; B: Replica });
  });

  const thread = (root: FakeMessage) => cluster().thread(root);
  const latest = (root: FakeMessage) => cluster().latest(root);
  const startThrough = async (replica: Replica) => (await cluster().startCheck(replica)).root;
  const answer = (replica: Replica, root: FakeMessage, choiceId: string) =>
    cluster().answer(replica, root, choiceId);

  it('a flow started through A continues through B and A alternately, each question posted once', async () => {
    const root = await startThrough(a);
    for (const [i, choice] of PATH.entries()) await answer(i % 2 === 0 ? b : a, root, choice);

    const steps = thread(root).slice(1);
    expect(texts(steps.at(-1))).toContain('Recommendation:');
    const questions = steps.slice(0, -1).map((m) => m.text);
    expect(questions).toHaveLength(PATH.length);
    expect(new Set(questions).size).toBe(PATH.length);
    for (const m of steps) expect(m.updates).toBe(m === steps.at(-1) ? 0 : 1);
    const posted = slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === root.ts);
    expect(posted).toHaveLength(PATH.length + 1);
  });

  it('the same event delivered to both replicas, and retried to both, gets one reply', async () => {
    const root = await startThrough(b);
    const body = eventCallback(slack, messageEvent({ threadTs: root.ts, text: TIMEOUT_9443 }), 'EvBOTH0001');
    const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    const acks = await Promise.all([
      a.event(body),
      b.event(body),
      a.event(body, retry),
      b.event(body, retry),
    ]);
    expect(acks.map((r) => r.status)).toEqual([200, 200, 200, 200]);

    // Every delivery is either handled or dropped as a repeat: wait for all four, then count replies.
    const dropped = /repeat delivery dropped: event:EvBOTH0001/;
    await slack.until(() => a.count(dropped) + b.count(dropped) === 3, 'three repeats dropped');
    await slack.until(() => thread(root).some((m) => texts(m).includes('Recognised')), 'the symptom reply');
    expect(thread(root).filter((m) => texts(m).includes('Recognised'))).toHaveLength(1);
  });

  it('the same button click delivered to both replicas updates the question once', async () => {
    const root = await startThrough(a);
    const question = latest(root);
    const payload = blockActions(slack, question as FakeMessage, choiceButton(question, 'main'));
    // Read the session before clicking: the fake updates the message in place, and the answered question has no buttons.
    const key = new RegExp(`repeat delivery dropped: click:${sessionOf(question)}:`);
    const acks = await Promise.all([a.interact(payload), b.interact(payload)]);
    expect(acks.map((r) => r.status)).toEqual([200, 200]);

    await slack.until(() => a.count(key) + b.count(key) === 1, 'one repeat dropped');
    await slack.until(() => thread(root).length >= 3, 'the next question');
    await slack.until(
      () => slack.message(root.channel, question?.ts ?? '')?.updates === 1,
      'the question rewritten',
    );
    expect(thread(root)).toHaveLength(3);
    expect(slack.callsTo('chat.update').filter((c) => c.args.ts === question?.ts)).toHaveLength(1);
  });

  it('SIGKILL of the replica that started the flow loses no answer: B finishes with every answer', async () => {
    const doomed = await startReplica('C', slack, { REDIS_URL: redis.url });
    try {
      const root = await startThrough(doomed);
      await answer(doomed, root, 'main');
      await answer(doomed, root, '8');
      doomed.child.kill('SIGKILL');
      await new Promise((resolve) => doomed.child.once('exit', resolve));
      for (const choice of PATH.slice(2)) await answer(b, root, choice);

      const diagnosis = latest(root);
      expect(texts(diagnosis)).toContain('Recommendation:');
      // Every answer given is in the answer's "Change an answer" menu.
      const [menu] = selectsOf(diagnosis?.blocks);
      expect(menu?.options).toHaveLength(4);

      const stores = await openRedisStores(redis.url);
      try {
        const record = await stores.sessions.get(sessionOf(diagnosis));
        expect(record?.flow).toBe(FLOW_VERSION);
        expect(record?.facts).toEqual({
          cyclecloudVersion: 8,
          serverLocation: 'other-vnet',
          peering: 'connected',
          firewall: 'nsg',
        });
        expect(Object.values(record?.sources ?? {})).toEqual(['answer', 'answer', 'answer', 'answer']);
        expect(record?.outcome?.option).toBe('vnet-peering');
        expect(record?.meta.channel).toBe(CHANNEL);
      } finally {
        await stores.close();
      }
    } finally {
      await doomed.stop();
    }
  });
});
