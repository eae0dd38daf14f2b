// What one call into the FlowRunner gives back: the whole turn, built from the session record that call wrote (or
// read, when nothing changed). Adapters render from it and never read the session a second time.
import type { Reply } from './types.ts';

/** Who a reply is for: everyone in the conversation, or only the person who acted (a rejected button press). */
type Audience = 'thread' | 'private';

export type TurnReply = Reply & {
  audience: Audience;
  /**
   * It shows where the check already was (after a rejected press, or when asked for the open step): a conversation
   * that already shows it needs it only when someone asks again. Never a new result, so never audited.
   */
  repeat?: true;
};

/** The question a button press answered, for adapters that rewrite the pressed question to show the outcome. */
export interface AnsweredQuestion {
  questionId: string;
  /** The question as it was asked. */
  text: string;
  action: 'choice' | 'back' | 'restart' | 'change';
  /** The chosen label, for `choice`. */
  label?: string;
  /** Who pressed (the `actor` passed in). */
  by?: string;
}

export interface Turn {
  sessionId: string;
  /** The version of the session the replies show; buttons carry it. 0 when the session is gone. */
  version: number;
  /** Adapter meta as stored with that version (thread, channel, template hash, who started it). */
  meta: Readonly<Record<string, string>>;
  /** Who the session names as the last to act (the actor, or its owner); empty when the session is gone. */
  actor: string;
  replies: TurnReply[];
  /** Set when the event was a press on the open question and the flow took it. */
  answered?: AnsweredQuestion;
}

/**
 * Meta the flow owns: the sha256 of the uploaded template's bytes, passed by the adapter with the TEMPLATE event.
 * It describes the template the session holds, so it goes when the template goes (Start over, another upload).
 */
export const TEMPLATE_SHA_META = 'templateSha256';
