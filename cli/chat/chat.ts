// `ccnet chat` (and `npm start` without Slack credentials): the guided flow in a terminal. Every answer is saved
// through the FlowRunner before the next question, so Ctrl-C, a crash or the end of piped input loses nothing and
// `--resume` continues. Typed and piped answers take the same path.
import { readFile as readFileFromDisk } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { SessionStore } from '../../flows/ports/session-store.ts';
import type { TemplateBlobs } from '../../flows/ports/template-blobs.ts';
import type { TeamProfile } from '../../flows/profile.ts';
import { FlowRunner } from '../../flows/runner.ts';
import { DEFAULT_MAX_TEMPLATE_BYTES, tooLargeText, utf8Bytes } from '../../flows/templates.ts';
import type { EntryPoint, Reply } from '../../flows/types.ts';
import { isEvidenceText } from '../../knowledge/evidence/index.ts';
import { columnsOf, painter, wrap } from '../render/text.ts';
import { type ChatAction, interpretLine, isPasteText, type View } from './input.ts';
import { LineReader } from './paste.ts';
import { HELP_TEXT, type RenderContext, renderChangeMenu, renderDetails, renderReply } from './render.ts';
import { chooseResume, recap } from './resume.ts';

export interface ChatOptions {
  input: Readable;
  output: Writable;
  store: SessionStore;
  templates: TemplateBlobs;
  profile?: TeamProfile;
  /** true: the most recent open check of this owner (or a list when several); a string: that session id. */
  resume?: boolean | string;
  color: boolean;
  readFile?: (p: string) => Promise<string>;
  /** The template size limit (CCNET_MAX_UPLOAD_BYTES), the same the Slack app applies. */
  maxTemplateBytes?: number;
  /** Whose checks these are; the OS user name by default. */
  owner?: string;
  /** Skip the "what do you need" question. */
  entry?: EntryPoint;
  now?: () => number;
  /** Called after every turn with the replies it produced (empty for local input errors): tests drive the chat by it. */
  onTurn?: (replies: Reply[]) => void;
}

const SAVED = 'Check saved. Continue it later with: ccnet chat --resume';

/** Runs the chat until q or end of input; resolves to the process exit code. */
export async function runChat(opts: ChatOptions): Promise<number> {
  const out = (text: string) => opts.output.write(text);
  const tty = Boolean(
    (opts.input as { isTTY?: boolean }).isTTY && (opts.output as { isTTY?: boolean }).isTTY,
  );
  const rl = createInterface({ input: opts.input, output: opts.output, terminal: tty, crlfDelay: Infinity });
  rl.setPrompt('> ');
  rl.on('SIGINT', () => rl.close());
  const iterator = rl[Symbol.asyncIterator]();
  const reader = new LineReader(() => iterator.next());
  const ask = async (): Promise<string | null> => {
    rl.prompt();
    const line = await reader.line();
    // Piped answers are not echoed by a terminal: print them, so the transcript reads like a conversation.
    if (line !== null && !tty) out(`${line}\n`);
    return line;
  };
  // Terminals that support it mark pasted text, so a multi-line paste arrives as one message.
  if (tty) out('\u001b[?2004h');
  const owner = opts.owner ?? defaultOwner();
  const runner = new FlowRunner({
    store: opts.store,
    templates: opts.templates,
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.maxTemplateBytes !== undefined ? { maxTemplateBytes: opts.maxTemplateBytes } : {}),
  });
  const width = columnsOf(opts.output as { isTTY?: boolean; columns?: number });
  const render: RenderContext = {
    paint: painter(opts.color),
    color: opts.color,
    width,
    shownSymptoms: new Set(),
  };
  const show = (replies: Reply[]) => {
    for (const reply of replies) {
      if (reply.kind === 'template') render.templateFile = reply.fileName;
      out(`\n${renderReply(reply, render)}`);
    }
  };

  try {
    out(
      `${wrap('ccnet chat: answer with a number (? for help). You can also type a template path or paste an error message.', width)}\n`,
    );
    const opened = await openSession(runner, owner, opts, { write: out, ask });
    if ('code' in opened) return opened.code;
    const { sessionId } = opened;
    let view = lastView(opened.replies);
    show(opened.replies);
    opts.onTurn?.(opened.replies);
    if (expired(opened.replies)) return 1;

    for (;;) {
      const first = await ask();
      if (first === null) break;
      const line = first.includes(PROBE_START)
        ? await reader.until(first, (l) => l.includes(PROBE_END))
        : isPasteText(first)
          ? await reader.paste(first, (l) => !isPasteText(l))
          : first;
      const action = interpretLine(line, view);
      if (action.kind === 'quit') break;
      const replies = await perform(action, sessionId, runner, owner, { ...opts, render }, out, view);
      show(replies);
      view = lastView(replies) ?? view;
      opts.onTurn?.(replies);
      if (expired(replies)) return 1;
    }
    out(`\n${SAVED}\n`);
    return 0;
  } finally {
    if (tty) out('\u001b[?2004l');
    rl.close();
  }
}

async function openSession(
  runner: FlowRunner,
  owner: string,
  opts: ChatOptions,
  io: { write(text: string): void; ask(): Promise<string | null> },
): Promise<{ sessionId: string; replies: Reply[] } | { code: number }> {
  if (opts.resume !== undefined && opts.resume !== false) {
    const choice = await chooseResume(runner, owner, opts.resume, io);
    if (choice.kind === 'stop') {
      io.write(`${choice.note}\n`);
      return { code: choice.code };
    }
    if (choice.kind === 'session') {
      const record = await runner.get(choice.id);
      io.write(`Continuing check ${choice.id}. ${record ? recap(record) : ''}\n`);
      return { sessionId: choice.id, replies: (await runner.current(choice.id)).replies };
    }
    if (choice.note) io.write(`${choice.note}\n`);
  }
  return runner.start({ owner, ...(opts.entry ? { entry: opts.entry } : {}), meta: { adapter: 'terminal' } });
}

async function perform(
  action: Exclude<ChatAction, { kind: 'quit' }>,
  sessionId: string,
  runner: FlowRunner,
  owner: string,
  opts: ChatOptions & { render: RenderContext },
  out: (text: string) => void,
  view: View | null,
): Promise<Reply[]> {
  switch (action.kind) {
    case 'help':
      out(`\n${HELP_TEXT}\n`);
      return [];
    case 'details':
      out(
        view?.kind === 'diagnosis'
          ? `\n${renderDetails(view, opts.render)}`
          : 'Details come with the answer: answer the question above first.\n',
      );
      return [];
    case 'changes':
      out(
        view?.kind === 'diagnosis'
          ? `\n${renderChangeMenu(view, opts.render.paint)}`
          : `You can change answers once ccnet has answered${view?.kind === 'question' && view.canGoBack ? '; b goes back one question' : ''}.\n`,
      );
      return [];
    case 'invalid':
      out(`${action.reason}\n`);
      if (view?.kind === 'diagnosis') out(renderChangeMenu(view, opts.render.paint));
      else if (view) out(`\n${renderReply(view, { ...opts.render, shownSymptoms: new Set() })}`);
      return [];
    case 'file': {
      const read = await readTemplate(
        action.path,
        opts.readFile,
        opts.maxTemplateBytes ?? DEFAULT_MAX_TEMPLATE_BYTES,
      );
      if ('error' in read) {
        out(`${read.error}\n`);
        return [];
      }
      // An az export or probe output is evidence; anything else is read as a template.
      const type = isEvidenceText(read.text) ? 'EVIDENCE' : 'TEMPLATE';
      const turn = await runner.send(
        sessionId,
        { type, fileName: path.basename(action.path), text: read.text },
        { actor: owner },
      );
      return turn.replies;
    }
    case 'event':
      // One terminal, one person: every reply is shown, whatever its audience.
      return (await runner.send(sessionId, action.event, { actor: owner })).replies;
  }
}

const PROBE_START = '=== ccnet-probe v1 ===';
const PROBE_END = '=== end ccnet-probe v1 ===';

async function readTemplate(
  file: string,
  readFile: ChatOptions['readFile'],
  maxBytes: number,
): Promise<{ text: string } | { error: string }> {
  const resolved = file.startsWith('~') ? path.join(homedir(), file.slice(1)) : file;
  try {
    const text = await (readFile ?? ((p: string) => readFileFromDisk(p, 'utf8')))(resolved);
    if (utf8Bytes(text) > maxBytes) return { error: `${file}: ${tooLargeText(maxBytes)}` };
    return { text };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return { error: `No such file: ${file}` };
    if (code === 'EISDIR') return { error: `${file} is a folder, not a template file.` };
    if (code === 'EACCES' || code === 'EPERM') return { error: `Cannot read ${file}: permission denied.` };
    return { error: `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function expired(replies: Reply[]): boolean {
  return replies.some((r) => r.kind === 'notice' && r.code === 'SESSION_EXPIRED');
}

function lastView(replies: Reply[]): View | null {
  for (let i = replies.length - 1; i >= 0; i--) {
    const reply = replies[i];
    if (reply?.kind === 'question' || reply?.kind === 'diagnosis') return reply;
    if (reply?.kind === 'symptom' && reply.choices.length > 0) return reply;
  }
  return null;
}

/** The OS user name: whose checks these are when nobody says. */
export function defaultOwner(): string {
  try {
    return userInfo().username;
  } catch {
    return 'local';
  }
}
