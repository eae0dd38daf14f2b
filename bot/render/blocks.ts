// Small Block Kit builders that enforce the limits, so no renderer can produce a block Slack rejects.
import type { types } from '@slack/bolt';
import { truncate } from '../slack/escape.ts';
import { LIMITS } from './limits.ts';

export type Block = types.KnownBlock;
export type ButtonElement = types.Button;
export type SelectElement = types.StaticSelect;

/** A file to post in the thread: what did not fit in the message, or a picture that goes with it. */
export interface Overflow {
  filename: string;
  title: string;
  /** Text (shown by Slack as a snippet of `snippetType`), or the bytes of an image. */
  content: string | Buffer;
  snippetType?: 'ini' | 'shell' | 'text';
}

/** A message ready for chat.postMessage / chat.update: `text` is the notification and screen-reader fallback. */
export interface Rendered {
  text: string;
  blocks: Block[];
  overflow: Overflow[];
}

export function section(mrkdwn: string, blockId?: string): types.SectionBlock {
  const block: types.SectionBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(mrkdwn.length > 0 ? mrkdwn : ' ', LIMITS.sectionText) },
  };
  if (blockId !== undefined) block.block_id = blockId;
  return block;
}

/** Lines packed into as few sections as the text limit allows, never splitting a line unless it alone is too long. */
export function sections(lines: readonly string[]): types.SectionBlock[] {
  const out: types.SectionBlock[] = [];
  let current = '';
  for (const line of lines) {
    const next = current.length === 0 ? line : `${current}\n${line}`;
    if (next.length <= LIMITS.sectionText) {
      current = next;
      continue;
    }
    if (current.length > 0) out.push(section(current));
    current = line;
  }
  if (current.length > 0) out.push(section(current));
  return out;
}

export function header(plain: string): types.HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(plain, LIMITS.headerText), emoji: true },
  };
}

export function context(...mrkdwn: string[]): types.ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn
      .filter((t) => t.length > 0)
      .slice(0, LIMITS.contextElements)
      .map((t) => ({ type: 'mrkdwn' as const, text: truncate(t, LIMITS.sectionText) })),
  };
}

export function divider(): types.DividerBlock {
  return { type: 'divider' };
}

/** A "are you sure?" dialog Slack shows before it sends the click. */
export interface Confirm {
  title: string;
  text: string;
  confirm: string;
  deny: string;
}

function confirmDialog(c: Confirm): types.ConfirmationDialog {
  const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncate(text, max) });
  return {
    title: plain(c.title, LIMITS.confirmTitle),
    text: { type: 'mrkdwn', text: truncate(c.text, LIMITS.confirmText) },
    confirm: plain(c.confirm, LIMITS.confirmButton),
    deny: plain(c.deny, LIMITS.confirmButton),
    style: 'danger',
  };
}

export function button(input: {
  text: string;
  actionId: string;
  value?: string;
  style?: 'primary' | 'danger';
  confirm?: Confirm;
}): ButtonElement {
  const b: ButtonElement = {
    type: 'button',
    text: { type: 'plain_text', text: truncate(input.text, LIMITS.buttonText), emoji: true },
    action_id: input.actionId,
  };
  if (input.value !== undefined) b.value = input.value;
  if (input.style !== undefined) b.style = input.style;
  if (input.confirm !== undefined) b.confirm = confirmDialog(input.confirm);
  return b;
}

/** A drop-down of choices; each option's value must fit Slack's 150 characters (the caller encodes it). */
export function staticSelect(input: {
  placeholder: string;
  actionId: string;
  options: readonly { text: string; value: string; description?: string }[];
}): SelectElement {
  return {
    type: 'static_select',
    action_id: input.actionId,
    placeholder: { type: 'plain_text', text: truncate(input.placeholder, LIMITS.placeholderText) },
    options: input.options.slice(0, LIMITS.selectOptions).map((o) => ({
      text: { type: 'plain_text', text: truncate(o.text, LIMITS.optionText), emoji: true },
      value: o.value,
      ...(o.description !== undefined && o.description.length > 0
        ? { description: { type: 'plain_text', text: truncate(o.description, LIMITS.optionText) } }
        : {}),
    })),
  };
}

/** Elements in actions blocks of at most 25 each; block ids get a `-n` suffix after the first. */
export function actions(
  blockId: string,
  elements: readonly (ButtonElement | SelectElement)[],
): types.ActionsBlock[] {
  const out: types.ActionsBlock[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.actionsElements) {
    const n = i / LIMITS.actionsElements;
    out.push({
      type: 'actions',
      block_id: n === 0 ? blockId : `${blockId}-${n}`,
      elements: elements.slice(i, i + LIMITS.actionsElements),
    });
  }
  return out;
}

export function fallback(text: string): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), LIMITS.fallbackText);
}
