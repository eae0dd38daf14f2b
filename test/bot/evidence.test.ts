// Evidence in a Slack thread, through the real Bolt App and the fake Web API: exports uploaded into a ccnet thread are
// read (detected by content, not by name) and settle facts; probe output pasted is read link by link; a JSON file that
// is not evidence gets one line; and the diagnosis lists each required connection with its verdict.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import { fixture } from '../evidence/support.ts';
import type { FakeMessage } from '../fakes/slack-api.ts';
import { type MemoryBot, startMemoryBot } from './harness.ts';
import { blockActions, buttonsOf, eventCallback, messageEvent, slashCommand } from './slack-payloads.ts';
import { acked, checkSteps, texts } from './support/checks.ts';

let bot: MemoryBot;
beforeEach(async () => {
  bot = await startMemoryBot();
});
afterEach(async () => {
  await bot.stop();
});

const { startCheck, waitForThreadLength, click, latestInThread } = checkSteps(() => bot, acked);

async function share(root: FakeMessage, files: Array<{ name: string; content: string }>) {
  const refs = files.map((f) => bot.slack.fileEventObject(bot.slack.addFile(f)));
  await bot.event(eventCallback(bot.slack, messageEvent({ threadTs: root.ts, files: refs })));
}

/** The peered exports with cyclecloud-nsg also allowing 9443 from the cluster VNet: every connection is open. */
function openNsgs(): string {
  const nsgs = JSON.parse(fixture('peered/nsg-list.json')) as Array<{
    name: string;
    securityRules: Array<Record<string, unknown>>;
  }>;
  const https = nsgs.find((n) => n.name === 'cyclecloud-nsg')?.securityRules.find((r) => r.name === 'HTTPS');
  if (!https) throw new Error('fixture changed: no cyclecloud-nsg HTTPS rule');
  nsgs
    .find((n) => n.name === 'cyclecloud-nsg')
    ?.securityRules.push({
      ...https,
      name: 'AllowNodes9443',
      priority: 1040,
      destinationPortRange: '9443',
      sourceAddressPrefix: '10.1.0.0/16',
    });
  return JSON.stringify(nsgs);
}

/** Answers whatever is still asked with its first choice, until the answer comes; with the questions it was asked. */
async function answerByFirstChoices(root: FakeMessage): Promise<{ answer: FakeMessage; asked: string[] }> {
  const asked: string[] = [];
  for (let step = 0; step < 10; step++) {
    const latest = latestInThread(root);
    if (latest === undefined) break;
    if (texts(latest).includes('Recommendation:')) return { answer: latest, asked };
    asked.push(texts(latest));
    const button = buttonsOf(latest.blocks).find((b) => {
      const v = decodeButtonValue(b.value);
      return v.ok && v.value.c !== undefined;
    });
    if (button === undefined) break;
    const before = bot.slack.thread(root.channel, root.ts).length;
    await bot.interact(blockActions(bot.slack, latest, button));
    await waitForThreadLength(root, before + 1, 'the next step');
  }
  throw new Error('no answer');
}

describe('evidence in a ccnet thread', () => {
  it('reads uploaded exports, skips what they settle, and checks each connection in the diagnosis', async () => {
    const { root, question } = await startCheck();
    await click(question, 'main');
    await waitForThreadLength(root, 3, 'version question');
    // Names say nothing: the kind is read from the content.
    await share(root, [
      { name: 'a.txt', content: fixture('peered/vnet-list.json') },
      { name: 'b.txt', content: fixture('peered/nsg-list.json') },
      { name: 'c.txt', content: fixture('peered/nic-list.json') },
    ]);
    await bot.slack.until(
      () => bot.slack.thread(root.channel, root.ts).filter((m) => texts(m).includes(':mag:')).length === 3,
      'three evidence replies',
    );
    const thread = bot.slack.thread(root.channel, root.ts);
    expect(thread.some((m) => texts(m).includes('read nic'))).toBe(true);
    expect(texts(thread.find((m) => texts(m).includes('*c.txt*')))).toMatch(/Settled by your exports/);
    // Answer whatever is still asked with its first choice; the settled questions never come.
    const { answer, asked } = await answerByFirstChoices(root);
    expect(asked.join('\n')).not.toContain('Where does the CycleCloud server run?');
    // The answer names the denied connection at once; Details lists every connection with its rule and fix.
    expect(texts(answer)).not.toContain('_Evidence:_');
    // Do now leads with that connection and its rule, and its snippet is the exact fix, not the generic rules.
    expect(texts(answer)).toContain(
      'Your exports deny TCP 9443 cluster nodes -&gt; CycleCloud server: cyclecloud-nsg rule DenyAllOtherInbound (priority 4096); allow it just above that rule (commands below).',
    );
    expect(texts(answer)).toContain('ccnet-allow-tcp-9443-from-nodes --priority 4095');
    expect(texts(answer)).not.toContain('--priority 200');
    const details = buttonsOf(answer.blocks).find((b) => b.action_id === 'ccnet_details');
    if (details === undefined) throw new Error('no Details button');
    const before = bot.slack.thread(root.channel, root.ts).length;
    await bot.interact(blockActions(bot.slack, answer, details));
    await waitForThreadLength(root, before + 1, 'the details');
    const full = texts(latestInThread(root));
    expect(full).toContain('Checked against your exports');
    expect(full).toMatch(/:no_entry: .* TCP 9443: \*denied\* — denied by cyclecloud-nsg/);
    expect(full).toContain('--nsg-name cyclecloud-nsg');
    // What the exports guessed is corrected in Slack's terms: a paste or an upload in the thread, no CLI flag.
    expect(full).toContain(
      "To say otherwise, paste in this thread the error a node logged or its ccnet-probe block (either names CycleCloud's address)",
    );
    expect(full).not.toMatch(/--cyclecloud|--nodes|--param/);
  });

  it('asks for no NSG rules when the uploaded exports allow every connection', async () => {
    const { root, question } = await startCheck();
    await click(question, 'main');
    await waitForThreadLength(root, 3, 'version question');
    await share(root, [
      { name: 'vnets.json', content: fixture('peered/vnet-list.json') },
      { name: 'nsgs.json', content: openNsgs() },
      { name: 'nics.json', content: fixture('peered/nic-list.json') },
    ]);
    await bot.slack.until(
      () => bot.slack.thread(root.channel, root.ts).filter((m) => texts(m).includes(':mag:')).length === 3,
      'three evidence replies',
    );
    const { answer } = await answerByFirstChoices(root);
    expect(texts(answer)).toContain('Your exports allow all 3 required connections: no NSG rules to add.');
    expect(texts(answer)).not.toMatch(/Allow TCP 9443|az network nsg rule create/);
  });

  it('reads probe output pasted in the thread, before the error-message matcher', async () => {
    const { root } = await startCheck();
    const probe = [
      '```',
      '=== ccnet-probe v1 ===',
      'node=hpc-1',
      'cyclecloud.url=https://10.0.1.4:9443',
      'cyclecloud.resolve=ok 10.0.1.4',
      'cyclecloud.https=failed curl=28 http=000',
      'jetpack.error=Timed out connecting to CycleCloud at https://10.0.1.4:9443',
      '=== end ccnet-probe v1 ===',
      '```',
    ].join('\n');
    await bot.event(eventCallback(bot.slack, messageEvent({ threadTs: root.ts, text: probe })));
    await bot.slack.until(
      () => bot.slack.thread(root.channel, root.ts).some((m) => texts(m).includes(':mag:')),
      'probe reply',
    );
    const reply = texts(bot.slack.thread(root.channel, root.ts).find((m) => texts(m).includes(':mag:')));
    expect(reply).toMatch(/:no_entry: \*CycleCloud on port 9443\*/);
    expect(reply).toMatch(/timed out: packets are dropped/);
  });

  it('reads an export pasted from a terminal, prompt and az command included, as evidence', async () => {
    const { root } = await startCheck();
    const paste = [
      '```',
      'azureuser@jumpbox:~$ az network vnet list -g hpc-rg -o json',
      fixture('peered/vnet-list.json').trim(),
      '```',
    ].join('\n');
    await bot.event(eventCallback(bot.slack, messageEvent({ threadTs: root.ts, text: paste })));
    await bot.slack.until(
      () => bot.slack.thread(root.channel, root.ts).some((m) => texts(m).includes(':mag:')),
      'evidence reply',
    );
    const reply = texts(bot.slack.thread(root.channel, root.ts).find((m) => texts(m).includes(':mag:')));
    expect(reply).toContain('read vnet');
    expect(reply).toContain('skipped line');
    expect(texts(bot.slack.thread(root.channel, root.ts).at(-1))).not.toMatch(/error message/i);
  });

  it('/ccnet explain reads probe output link by link, as a thread paste does', async () => {
    const probe = [
      '=== ccnet-probe v1 ===',
      'node=hpc-1',
      'cyclecloud.url=https://10.0.1.4:9443',
      'cyclecloud.resolve=ok 10.0.1.4',
      'cyclecloud.https=failed curl=28 http=000',
      '=== end ccnet-probe v1 ===',
    ].join('\n');
    const { response } = await bot.command(slashCommand(bot.slack, `explain ${probe}`));
    const text = JSON.stringify(response);
    expect(text).toMatch(/:no_entry: \*CycleCloud on port 9443\*/);
    expect(text).toMatch(/timed out: packets are dropped/);
    expect(text).not.toContain('is not a topic, a rule or an error message');
  });

  it('a JSON file that is not an export gets one line saying what ccnet reads', async () => {
    const { root } = await startCheck();
    await share(root, [
      { name: 'vm.json', content: '{"type": "Microsoft.Compute/virtualMachines", "name": "<vm1>"}' },
    ]);
    await bot.slack.until(
      () => bot.slack.thread(root.channel, root.ts).some((m) => texts(m).includes('not an evidence export')),
      'notice',
    );
    const notice = texts(
      bot.slack.thread(root.channel, root.ts).find((m) => texts(m).includes('not an evidence export')),
    );
    expect(notice).toMatch(
      /vm\.json: not an evidence export ccnet reads \(found type Microsoft\.Compute\/virtualMachines; expected the JSON of az network vnet show/,
    );
    expect(notice).not.toContain('<vm1>');
  });
});
