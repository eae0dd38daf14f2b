import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReportedSize, decodeText, downloadText, mayReceiveToken } from '../../bot/slack/download.ts';
import { CcnetError } from '../../knowledge/errors.ts';
import { FakeSlackApi } from '../fakes/slack-api.ts';

let slack: FakeSlackApi;
const TEMPLATE = '[cluster demo]\n  [[node scheduler]]\n  IsReturnProxy = true\n';

beforeAll(async () => {
  slack = await FakeSlackApi.start();
});
afterAll(async () => {
  await slack.close();
});

function policy(overrides: { token?: string; maxBytes?: number; allowedHosts?: string[] } = {}) {
  return { token: slack.botToken, allowedHosts: [slack.host], maxBytes: 1024 * 1024, ...overrides };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CcnetError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('downloadText', () => {
  it('downloads a template with the bot token from an allowed host', async () => {
    const file = slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    const doc = await downloadText(
      { id: file.id, name: file.name, size: file.size, url: file.url_private_download },
      policy(),
    );
    expect(doc).toEqual({
      name: 'slurm.txt',
      text: TEMPLATE,
      bytes: TEMPLATE.length,
      sha256: createHash('sha256').update(TEMPLATE).digest('hex'),
    });
    const download = slack.requests.find((r) => r.path.includes(file.id));
    expect(download?.authorization).toBe(`Bearer ${slack.botToken}`);
  });

  it('refuses a file over the cap before downloading anything', async () => {
    const file = slack.addFile({ name: 'huge.txt', content: 'x'.repeat(5000) });
    const before = slack.requests.length;
    expect(await codeOf(downloadText({ ...file, url: file.url_private }, policy({ maxBytes: 1000 })))).toBe(
      'FILE_TOO_LARGE',
    );
    expect(slack.requests.length).toBe(before);
  });

  it('stops streaming past the cap when the reported size lied', async () => {
    const file = slack.addFile({ name: 'liar.txt', content: 'y'.repeat(200_000), size: 100, chunked: true });
    const error = await downloadText({ ...file, url: file.url_private }, policy({ maxBytes: 50_000 })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(CcnetError);
    expect((error as CcnetError).code).toBe('FILE_TOO_LARGE');
    expect((error as CcnetError).hint).toContain('`liar.txt`');
  });

  it('never sends the token to a host that is not allowed, and does not fetch from it', async () => {
    const file = slack.addFile({
      name: 'elsewhere.txt',
      content: TEMPLATE,
      host: `localhost:${slack.host.split(':')[1]}`,
    });
    expect(await codeOf(downloadText({ ...file, url: file.url_private }, policy()))).toBe('HOST_NOT_ALLOWED');
    const toOther = slack.requests.filter((r) => r.host.startsWith('localhost'));
    expect(toOther).toEqual([]);
    expect(slack.requests.some((r) => r.host.startsWith('localhost') && r.authorization !== undefined)).toBe(
      false,
    );
  });

  it('answers a Slack login page (HTML) with the permissions hint', async () => {
    const file = slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    const error = await downloadText(
      { ...file, url: file.url_private },
      policy({ token: 'xoxb-not-the-right-one' }),
    ).catch((e) => e);
    expect((error as CcnetError).code).toBe('DOWNLOAD_FORBIDDEN');
    expect((error as CcnetError).hint).toContain('files:read');
  });

  it('refuses binary content', async () => {
    const file = slack.addFile({
      name: 'cluster.png',
      content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
    });
    expect(await codeOf(downloadText({ ...file, url: file.url_private }, policy()))).toBe('FILE_NOT_TEXT');
  });

  it('a missing URL is a download failure, not a crash', async () => {
    expect(await codeOf(downloadText({ id: 'F1', name: 'x.txt', size: 10 }, policy()))).toBe(
      'DOWNLOAD_FAILED',
    );
  });
});

describe('mayReceiveToken', () => {
  it.each([
    ['https://files.slack.com/files-pri/T1-F1/a.txt', ['files.slack.com'], true],
    ['http://files.slack.com/files-pri/T1-F1/a.txt', ['files.slack.com'], false],
    ['https://files.slack.com.evil.example/x', ['files.slack.com'], false],
    ['https://evil.example/files.slack.com', ['files.slack.com'], false],
    ['http://127.0.0.1:4000/x', ['127.0.0.1:4000'], true],
    ['http://127.0.0.1:4001/x', ['127.0.0.1:4000'], false],
    ['http://10.0.0.4:4000/x', ['10.0.0.4:4000'], false],
  ])('%s with %j → %s', (url, hosts, expected) => {
    expect(mayReceiveToken(new URL(url), hosts)).toBe(expected);
  });
});

describe('size and text checks', () => {
  it('reported size over the cap', () => {
    expect(() => checkReportedSize({ id: 'F', name: 'a', size: 11 }, 10)).toThrow(CcnetError);
    expect(() => checkReportedSize({ id: 'F', name: 'a', size: 10 }, 10)).not.toThrow();
  });

  it('keeps UTF-8 text, drops the BOM, tolerates CRLF and a stray byte', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('a = 1\r\nb = caf\xe9\r\n', 'latin1')]);
    expect(decodeText(bytes, 't.txt')).toBe('a = 1\r\nb = caf\ufffd\r\n');
  });

  it('reads UTF-16 with a byte-order mark, as Windows PowerShell 5 `>` writes it, little and big endian', () => {
    const text = '[cluster win]\r\n  [[node scheduler]]\r\n  IsReturnProxy = true\r\n';
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);
    expect(decodeText(le, 'slurm.txt')).toBe(text);
    expect(decodeText(be, 'slurm.txt')).toBe(text);
  });

  it('still refuses UTF-16 without a byte-order mark: NUL bytes mean "not text"', () => {
    expect(() => decodeText(new Uint8Array(Buffer.from('a = 1\n', 'utf16le')), 'x.txt')).toThrow(CcnetError);
  });

  it('rejects mostly undecodable bytes', () => {
    const bytes = new Uint8Array(Array.from({ length: 200 }, (_, i) => 0x80 + (i % 64)));
    expect(() => decodeText(bytes, 'blob.bin')).toThrow(CcnetError);
  });
});
