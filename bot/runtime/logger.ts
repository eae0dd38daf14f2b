// The bot's logger (Bolt's Logger interface): one line per entry, tokens redacted as a last line of defence.
import { type Logger, LogLevel } from '@slack/bolt';
import type { LogLevelName } from '../../config/env.ts';

const ORDER: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
const TOKEN = /\b(xox[abpoesr]|xapp)-[A-Za-z0-9-]+/g;

function redact(text: string): string {
  return text.replace(TOKEN, (_m, kind: string) => `${kind}-[redacted]`);
}

function format(part: unknown): string {
  if (part instanceof Error) {
    const code = (part as { code?: unknown }).code;
    return `${part.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${part.message}`;
  }
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}

export function createLogger(
  level: LogLevelName = 'info',
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  let current = level as LogLevel;
  let name = 'ccnet';
  const log =
    (at: LogLevel) =>
    (...parts: unknown[]) => {
      if (ORDER.indexOf(at) < ORDER.indexOf(current)) return;
      write(redact(`${new Date().toISOString()} ${at.toUpperCase()} ${name} ${parts.map(format).join(' ')}`));
    };
  return {
    debug: log(LogLevel.DEBUG),
    info: log(LogLevel.INFO),
    warn: log(LogLevel.WARN),
    error: log(LogLevel.ERROR),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n) => {
      name = n;
    },
  };
}
