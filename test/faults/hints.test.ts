// Fault injection: hints that used to mislead (issue 9, item 12). Each failure now says what happened and what to do.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { userHint } from '../../bot/handlers/report-failure.ts';
import { downloadText } from '../../bot/slack/download.ts';
import { decodeButtonValue } from '../../bot/slack/payload.ts';
import { CcnetError } from '../../knowledge/errors.ts';
import { type HttpBot, startHttpBot } from '../bot/harness.ts';
import { blockActions, buttonsOf, eventCallback, messageEvent, slashCommand } from '../bot/slack-payloads.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function bot(options: Parameters<typeof startHttpBot>[0] = {}): Promise<HttpBot> {
  const started = await startHttpBot({ processBeforeResponse: true, ...options });
  cleanups.push(() => started.stop());
  return started;
}

describe('misleading hints, fixed', () => {
  it('a DM while CCNET_ALLOWED_CHANNELS is set gets the private reason the README promises', async () => {
    const b = await bot({ policy: { allowedChannels: ['C0ALLOWED'] } });
    const dm = messageEvent({
      channel: 'D0ALICE',
      channelType: 'im',
      text: 'Timed out connecting to CycleCloud',
    });
    expect((await b.event(eventCallback(b.slack, dm))).status).toBe(200);
    const reply = await b.slack.until(
      () => b.slack.messages.find((m) => m.channel === 'D0ALICE'),
      'the reason',
    );
    expect(reply.text + JSON.stringify(reply.blocks)).toContain('C0ALLOWED');
    // In a channel that is not allowed the bot stays quiet: every message there would otherwise get an answer.
    const before = b.slack.calls.length;
    await b.event(
      eventCallback(b.slack, messageEvent({ channel: 'C0ELSEWHERE', threadTs: '1700000000.000100' })),
    );
    expect(b.slack.calls.slice(before).map((c) => c.method)).toEqual([]);
  });

  it('chat.update refused with cant_update_message after the check moved on says the answer was taken', async () => {
    const b = await bot();
    await b.command(slashCommand(b.slack, ''));
    const question = b.slack.messages[1];
    if (question === undefined) throw new Error('no question');
    const button = buttonsOf(question.blocks).find((x) => {
      const v = decodeButtonValue(x.value);
      return v.ok && v.value.c === 'main';
    });
    if (button === undefined) throw new Error('no button');
    b.slack.failNext('chat.update', 'cant_update_message');
    await b.interact(blockActions(b.slack, question, button));
    expect(b.slack.messages.some((m) => m.text.includes('Which CycleCloud version'))).toBe(true);
    const note = b.slack.ephemerals.at(-1)?.text ?? '';
    expect(note).toContain('Your answer was taken and the check went on below');
    expect(note).not.toMatch(/try again/i);
  });

  it('a full or read-only disk is named, not "(unknown)"', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const readOnly = Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
    expect(userHint(full)).toContain('the disk of my data folder is full');
    expect(userHint(readOnly)).toContain('read-only disk');
    expect(userHint(full)).not.toContain('unknown');
  });

  it('a download cut off mid-body by the timeout says so, not "(unknown)"', async () => {
    // A file host that sends the headers and part of the body, then stalls.
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100000' });
      res.write('[cluster slow]\n'.repeat(100));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const error = await downloadText(
      { id: 'F1', name: 'slurm.txt', size: 100_000, url: `http://${host}/files-pri/T-F1/slurm.txt` },
      { token: 'xoxb-1-2-test', allowedHosts: [host], maxBytes: 1024 * 1024, timeoutMs: 300 },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CcnetError);
    expect((error as CcnetError).code).toBe('DOWNLOAD_FAILED');
    expect((error as CcnetError).hint).toContain('took too long and was cut off after 1 KB');
    expect(userHint(error)).not.toContain('unknown');
  });
});
