// `/ccnet <text>` -> the reply that needs no thread (help, explain, check, usage), or null to start a check.
import { listTopics } from '../../knowledge/index.ts';
import type { Rendered } from '../render/blocks.ts';
import { renderCheckHowTo, renderExplainUsage, renderHelp, renderUsage } from '../render/help.ts';
import { explainText } from './explain-text.ts';

export function subcommandReply(text: string): Rendered | null {
  const trimmed = text.trim();
  const [first = ''] = trimmed.split(/\s+/, 1);
  const sub = first.toLowerCase();
  const rest = trimmed.slice(first.length).trim();
  switch (sub) {
    case '':
    case 'start':
      return null;
    case 'help':
      return renderHelp();
    case 'check':
      return renderCheckHowTo();
    case 'explain':
      return rest.length > 0 ? explainText(rest, { shareQuestion: rest }) : renderExplainUsage(listTopics());
    default:
      return renderUsage(first);
  }
}
