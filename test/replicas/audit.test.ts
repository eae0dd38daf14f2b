// The audit log: one JSON line per diagnosis posted, with the hash of the template read earlier in the flow (on
// whichever replica), to stdout by default or appended to CCNET_AUDIT_LOG. Never template text, never a token.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLine, openAuditLog } from '../../bot/runtime/audit.ts';
import { CcnetError } from '../../knowledge/errors.ts';
import {
  ALICE,
  BOB,
  blockActions,
  buttonsOf,
  CHANNEL,
  eventCallback,
  messageEvent,
} from '../bot/slack-payloads.ts';
import type { FakeMessage, FakeSlackApi } from '../fakes/slack-api.ts';
import { redisSkipReason } from '../support/redis-server.ts';
import { type Replica, sessionOf, texts, useReplicas } from './support.ts';

const CANARY = '# ccnet-audit-canary-7781 keep this line out of every log';
const TEMPLATE = `[cluster slurm]\n${CANARY}\n[[node scheduler]]\nImageName = cycle.image.ubuntu22\n[[nodearray hpc]]\nIsReturnProxy = true\n`;
const TEMPLATE_SHA = createHash('sha256').update(TEMPLATE).digest('hex');
/** After the template: version, location, peering, firewall → a VNet peering diagnosis with CCN002 and CCN005. */
const ANSWERS = ['8', 'other-vnet', 'connected', 'nsg'];
const FIELDS = [
  'ts',
  'event',
  'team',
  'channel',
  'user',
  'session',
  'option',
  'rules',
  'errors',
  'warnings',
  'template_sha256',
  'adapter',
];

describe('audit lines', () => {
  const fields = {
    team: 'T1',
    channel: 'C1',
    user: 'U1',
    session: 's-1',
    option: 'bastion',
    rules: ['CCN001'],
    errors: 1,
    warnings: 0,
  };

  it('are one JSON object per line, without template_sha256 when no template was read', () => {
    const line = auditLine(fields, new Date('2025-01-02T03:04:05Z'));
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      ts: '2025-01-02T03:04:05.000Z',
      event: 'diagnosis',
      ...fields,
      adapter: 'slack',
    });
  });

  it('are appended to an existing file, off writes nothing, and an unwritable path is a CONFIG error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ccnet-audit-'));
    try {
      const file = path.join(dir, 'audit.jsonl');
      writeFileSync(file, '{"earlier":true}\n');
      const log = openAuditLog({ kind: 'file', path: file });
      log.diagnosis(fields);
      log.diagnosis({ ...fields, session: 's-2' });
      await log.close();
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      expect(lines.map((l) => JSON.parse(l).session)).toEqual([undefined, 's-1', 's-2']);

      const printed: string[] = [];
      openAuditLog({ kind: 'off' }).diagnosis(fields);
      openAuditLog({ kind: 'stdout' }, { stdout: (l) => printed.push(l) }).diagnosis(fields);
      expect(printed).toHaveLength(1);
      expect(printed[0]?.endsWith('}\n')).toBe(true);

      const missing = path.join(dir, 'no-such-dir', 'audit.jsonl');
      expect(() => openAuditLog({ kind: 'file', path: missing })).toThrow(CcnetError);
      expect(existsSync(missing)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(redisSkipReason === null)('audit log of two replicas', () => {
  let dir = '';
  let auditFile = '';
  /** A audits to stdout (the default), B to a file. */
  const cluster = useReplicas(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ccnet-audit-'));
    auditFile = path.join(dir, 'audit.jsonl');
    return { A: {}, B: { CCNET_AUDIT_LOG: auditFile } };
  });
  let slack: FakeSlackApi;
  let a: Replica;
  let b: Replica;
  beforeAll(() => {
    slack = cluster().slack;
    ({ A: a, B: b } = cluster().replicas as { A: Replica; B: Replica });
  });
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const thread = (root: FakeMessage) => cluster().thread(root);
  const fileLines = () =>
    (existsSync(auditFile) ? readFileSync(auditFile, 'utf8') : '').split('\n').filter(Boolean);
  const stdoutLines = (r: Replica) => r.stdout().split('\n').filter(Boolean);

  /** Answers the open questions in turn, alternately through A and B, the last one (the diagnosis) through `last`. */
  async function answerAll(root: FakeMessage, choices: string[], last: Replica, user: string): Promise<void> {
    for (const [i, choice] of choices.entries()) {
      await cluster().answer(i === choices.length - 1 ? last : i % 2 === 0 ? a : b, root, choice, user);
    }
    expect(texts(thread(root).at(-1))).toContain('Recommendation:');
  }

  /** `/ccnet` through A, the template shared through B (B downloads and hashes it), then every answer. */
  async function checkWithTemplate(
    last: Replica,
    user: string,
  ): Promise<{ root: FakeMessage; session: string }> {
    const { root } = await cluster().startCheck(a, user);
    const file = slack.addFile({ name: 'slurm.txt', content: TEMPLATE });
    const shared = messageEvent({ threadTs: root.ts, files: [slack.fileEventObject(file)], user });
    await b.event(eventCallback(slack, shared));
    await slack.until(() => thread(root).length >= 4, 'template findings and the next question');
    await answerAll(root, ANSWERS, last, user);
    return { root, session: sessionOf(thread(root).at(-1)) };
  }

  it('the replica that posts the diagnosis writes one line, with the hash of the template the other one read', async () => {
    const { session } = await checkWithTemplate(a, ALICE);
    await slack.until(() => stdoutLines(a).length >= 1, 'the audit line on stdout');
    const lines = stdoutLines(a);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '');
    expect(Object.keys(entry)).toEqual(FIELDS);
    expect(entry).toMatchObject({
      event: 'diagnosis',
      team: slack.teamId,
      channel: CHANNEL,
      user: ALICE,
      session,
      option: 'vnet-peering',
      rules: ['CCN002', 'CCN005'],
      errors: 1,
      warnings: 1,
      template_sha256: TEMPLATE_SHA,
      adapter: 'slack',
    });
    expect(Date.parse(entry.ts)).not.toBeNaN();
    expect(stdoutLines(b)).toEqual([]);
    expect(fileLines()).toEqual([]);
  });

  it('CCNET_AUDIT_LOG=<file> appends there; no log holds template text or the token', async () => {
    const { session } = await checkWithTemplate(b, BOB);
    await slack.until(() => fileLines().length >= 1, 'the audit line in the file');
    expect(fileLines()).toHaveLength(1);
    expect(JSON.parse(fileLines()[0] ?? '')).toMatchObject({
      session,
      user: BOB,
      template_sha256: TEMPLATE_SHA,
    });
    expect(stdoutLines(b)).toEqual([]);

    const everything = [a.stdout(), a.stderr(), b.stdout(), b.stderr(), readFileSync(auditFile, 'utf8')].join(
      '\n',
    );
    expect(everything).not.toContain('ccnet-audit-canary-7781');
    expect(everything).not.toContain(slack.botToken);
    // stdout carries audit lines only: the human log lines went to stderr.
    for (const line of stdoutLines(a)) expect(JSON.parse(line).event).toBe('diagnosis');
  });
  it('after Start over the template is gone from the flow, and from the next diagnosis line', async () => {
    const { root, session } = await checkWithTemplate(a, ALICE);
    // The audit line follows the diagnosis message: count lines only once this check's first one is out.
    const ofSession = () => stdoutLines(a).filter((line) => JSON.parse(line).session === session);
    await slack.until(() => ofSession().length >= 1, 'the first audit line');
    const printed = ofSession().length;
    const diagnosis = thread(root).at(-1);
    const restart = buttonsOf(diagnosis?.blocks).find((button) => button.action_id === 'ccnet_restart');
    if (diagnosis === undefined || restart === undefined) throw new Error('no Start over on the diagnosis');
    const length = thread(root).length;
    await b.interact(blockActions(slack, diagnosis, restart));
    await slack.until(() => thread(root).length > length, 'the first question again');
    await answerAll(root, ['main', ...ANSWERS], a, ALICE);
    await slack.until(() => ofSession().length > printed, 'the second audit line');
    const entry = JSON.parse(ofSession().at(-1) ?? '');
    expect(entry).toMatchObject({ session, option: 'vnet-peering', rules: [], errors: 0, warnings: 0 });
    expect(entry).not.toHaveProperty('template_sha256');
  });
});
