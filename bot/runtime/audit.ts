// The audit log: one JSON line per diagnosis posted, so a team can show who checked what, where, and against which
// template. Ids, counts, rule ids and a hash of the template bytes only: never template contents, never a token,
// never anything a person typed. JSON.stringify escapes line breaks, so every entry is exactly one line.
import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import type { AuditDestination } from '../../config/env.ts';
import type { Reply } from '../../flows/types.ts';
import { CcnetError } from '../../knowledge/errors.ts';
import { countSeverities } from '../../knowledge/model.ts';

interface DiagnosisAudit {
  ts: string;
  event: 'diagnosis';
  team: string;
  channel: string;
  user: string;
  session: string;
  option: string;
  rules: string[];
  errors: number;
  warnings: number;
  template_sha256?: string;
  adapter: 'slack';
}

export type DiagnosisFields = Omit<DiagnosisAudit, 'ts' | 'event' | 'adapter'>;

export interface AuditLog {
  diagnosis(fields: DiagnosisFields): void;
  /** Flushes and closes a file destination; stdout is left open. */
  close(): Promise<void>;
}

export const AUDIT_OFF: AuditLog = { diagnosis: () => {}, close: async () => {} };

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The audit fields of a diagnosis reply, from the turn that posted it (who acted, the template hash). */
export function diagnosisFields(
  reply: Extract<Reply, { kind: 'diagnosis' }>,
  at: { team: string; channel: string; user: string; templateSha256: string | undefined },
): DiagnosisFields {
  const findings = reply.diagnosis.findings;
  const counts = countSeverities(findings);
  const sha = at.templateSha256;
  return {
    team: at.team,
    channel: at.channel,
    user: at.user,
    session: reply.sessionId,
    option: reply.diagnosis.recommendation.option,
    rules: [...new Set(findings.map((f) => f.rule))],
    errors: counts.error,
    warnings: counts.warning,
    ...(sha !== undefined && SHA256_HEX.test(sha) ? { template_sha256: sha } : {}),
  };
}

export function auditLine(fields: DiagnosisFields, now: Date = new Date()): string {
  const { template_sha256, ...rest } = fields;
  const entry: DiagnosisAudit = {
    ts: now.toISOString(),
    event: 'diagnosis',
    ...rest,
    ...(template_sha256 !== undefined ? { template_sha256 } : {}),
    adapter: 'slack',
  };
  return JSON.stringify(entry);
}

export interface AuditOptions {
  /** Told once when writing to the file fails (disk full, file removed); entries are dropped afterwards. */
  onError?: (error: Error) => void;
  /** Where `stdout` writes; tests capture it. */
  stdout?: (line: string) => void;
  now?: () => Date;
}

/**
 * Opens the destination once. A file is opened for appending at start, so a path that cannot be written stops the
 * bot with a CONFIG error instead of losing entries later. Several replicas may append to one local file: each entry
 * is one write of one line.
 */
export function openAuditLog(destination: AuditDestination, options: AuditOptions = {}): AuditLog {
  const now = options.now ?? (() => new Date());
  if (destination.kind === 'off') return AUDIT_OFF;
  if (destination.kind === 'stdout') {
    const write = options.stdout ?? ((line: string) => process.stdout.write(line));
    return {
      diagnosis: (fields) => write(`${auditLine(fields, now())}\n`),
      close: async () => {},
    };
  }
  const stream = openFile(destination.path);
  let failed = false;
  stream.on('error', (error) => {
    if (failed) return;
    failed = true;
    options.onError?.(error);
  });
  return {
    diagnosis: (fields) => {
      if (!failed) stream.write(`${auditLine(fields, now())}\n`);
    },
    close: () => new Promise<void>((resolve) => stream.end(() => resolve())),
  };
}

function openFile(path: string): WriteStream {
  let fd: number;
  try {
    fd = openSync(path, 'a', 0o640);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CcnetError(
      'CONFIG',
      `CCNET_AUDIT_LOG cannot be opened for appending (${typeof code === 'string' ? code : 'error'}): expected the path of a writable file in an existing directory, \`stdout\` or \`off\`.`,
    );
  }
  return createWriteStream(path, { fd });
}
