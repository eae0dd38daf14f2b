// Scenario driver through the terminal chat: events become the lines a person would type (choice numbers, b, r,
// a template path, a pasted message), written to a piped stdin; the transcript is what the terminal printed,
// with `details` typed at every answer so the whole of it is there.
import { PassThrough } from 'node:stream';
import { runChat } from '../../cli/chat/chat.ts';
import type { FlowEvent, Reply } from '../../flows/types.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';
import type { ScenarioDriver } from './scenarios.ts';

type View = Extract<Reply, { kind: 'question' | 'symptom' | 'diagnosis' }>;

export function chatDriver(): ScenarioDriver {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  const files = new Map<string, string>();
  const turns: Reply[][] = [];
  let waiting: ((replies: Reply[]) => void) | null = null;
  const nextTurn = () =>
    new Promise<Reply[]>((resolve) => {
      const ready = turns.shift();
      if (ready) resolve(ready);
      else waiting = resolve;
    });
  let view: View | null = null;
  let finished: Promise<number> | null = null;

  const remember = (replies: Reply[]) => {
    for (const reply of replies) {
      if (reply.kind === 'question' || reply.kind === 'diagnosis') view = reply;
      if (reply.kind === 'symptom' && reply.choices.length > 0) view = reply;
    }
    return replies;
  };

  const line = (event: FlowEvent): string => {
    switch (event.type) {
      case 'BACK':
        return 'b';
      case 'RESTART':
        return 'r';
      case 'SYMPTOM':
        return event.text.replace(/\s*\n\s*/g, ' ');
      case 'TEMPLATE':
      case 'EVIDENCE': {
        const path = `/scenario/templates/${event.fileName}`;
        files.set(path, event.text);
        return path;
      }
      case 'CHANGE': {
        const index =
          view?.kind === 'diagnosis' ? view.changeable.findIndex((c) => c.id === event.questionId) : -1;
        if (index < 0) throw new Error(`"${event.questionId}" is not in the change menu on screen`);
        return String(index + 1);
      }
      case 'ANSWER': {
        const choices =
          view && view.kind !== 'diagnosis' && view.questionId === event.questionId ? view.choices : [];
        const index = choices.findIndex((c) => c.id === event.choiceId);
        if (index < 0) throw new Error(`"${event.choiceId}" is not a choice on screen`);
        return String(index + 1);
      }
    }
  };

  return {
    async start(entry, profile) {
      finished = runChat({
        input,
        output,
        store: new MemorySessionStore(),
        templates: new MemoryTemplateBlobs(),
        color: false,
        owner: 'scenario',
        ...(entry ? { entry } : {}),
        ...(profile ? { profile } : {}),
        readFile: async (path) => {
          const text = files.get(path);
          if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
          return text;
        },
        onTurn: (replies) => {
          const resolve = waiting;
          waiting = null;
          if (resolve) resolve(replies);
          else turns.push(replies);
        },
      });
      return remember(await nextTurn());
    },
    async send(event) {
      input.write(`${line(event)}\n`);
      const replies = remember(await nextTurn());
      // The answer opens with the next action; a person reads the rest with `details` (one more, empty, turn).
      if (replies.some((r) => r.kind === 'diagnosis')) {
        input.write('details\n');
        await nextTurn();
      }
      return replies;
    },
    transcript: () => printed,
    async close() {
      input.end();
      const code = await finished;
      if (code !== 0) throw new Error(`chat exited with ${code}`);
    },
  };
}
