// What Slack sends the app, built the way Slack builds it: slash command form bodies, block_actions payloads from a
// message the fake holds, and event_callback envelopes.
import type { FakeMessage, FakeSlackApi } from '../fakes/slack-api.ts';

/** The parts of the fake workspace a payload names (the benchmark passes a fake running in another process). */
export type Workspace = Pick<FakeSlackApi, 'teamId' | 'appId' | 'botUserId' | 'botId' | 'responseUrl'>;

export const CHANNEL = 'C0OPS';
export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';

let counter = 0;
const next = () => ++counter;

export function slashCommand(slack: Workspace, text: string, opts: { user?: string; channel?: string } = {}) {
  return {
    token: 'verification-token-unused',
    team_id: slack.teamId,
    team_domain: 'fake',
    channel_id: opts.channel ?? CHANNEL,
    channel_name: 'ops',
    user_id: opts.user ?? ALICE,
    user_name: 'alice',
    command: '/ccnet',
    text,
    api_app_id: slack.appId,
    is_enterprise_install: 'false',
    response_url: slack.responseUrl(),
    trigger_id: `${next()}.1.abc`,
  };
}

export interface ButtonRef {
  action_id: string;
  block_id: string;
  value?: string;
  text: { type: 'plain_text'; text: string };
}

/** Buttons of a message's blocks, with the block each sits in. */
export function buttonsOf(blocks: unknown[] | undefined): ButtonRef[] {
  return (blocks ?? []).flatMap((b) => {
    const block = b as { type?: string; block_id?: string; elements?: ButtonRef[] };
    if (block.type !== 'actions') return [];
    return (block.elements ?? []).map((e) => ({ ...e, block_id: block.block_id ?? '' }));
  });
}

export function blockActions(
  slack: Workspace,
  message: FakeMessage,
  button: ButtonRef,
  opts: { user?: string } = {},
): Record<string, unknown> {
  const user = opts.user ?? ALICE;
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: slack.teamId },
    api_app_id: slack.appId,
    token: 'verification-token-unused',
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: false,
      ...(message.threadTs !== undefined ? { thread_ts: message.threadTs } : {}),
    },
    trigger_id: `${next()}.2.def`,
    team: { id: slack.teamId, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: message.channel, name: 'ops' },
    message: {
      type: 'message',
      user: slack.botUserId,
      bot_id: slack.botId,
      ts: message.ts,
      text: message.text,
      ...(message.threadTs !== undefined ? { thread_ts: message.threadTs } : {}),
      blocks: message.blocks,
    },
    state: { values: {} },
    response_url: slack.responseUrl(),
    actions: [{ type: 'button', ...button, action_ts: `${1_700_000_000 + next()}.000100` }],
  };
}

export interface OptionRef {
  text: { type: 'plain_text'; text: string };
  value: string;
}

export interface SelectRef {
  type: 'static_select';
  action_id: string;
  block_id: string;
  options: OptionRef[];
}

/** Select menus of a message's blocks, with the block each sits in. */
export function selectsOf(blocks: unknown[] | undefined): SelectRef[] {
  return (buttonsOf(blocks) as unknown as SelectRef[]).filter((e) => e.type === 'static_select');
}

/** What Slack sends when someone picks an option of a static_select: the option, not a value. */
export function selectAction(
  slack: Workspace,
  message: FakeMessage,
  select: SelectRef,
  option: OptionRef,
  opts: { user?: string } = {},
): Record<string, unknown> {
  const payload = blockActions(
    slack,
    message,
    { action_id: select.action_id, block_id: select.block_id, text: option.text },
    opts,
  );
  return {
    ...payload,
    actions: [
      {
        type: 'static_select',
        action_id: select.action_id,
        block_id: select.block_id,
        selected_option: option,
        placeholder: { type: 'plain_text', text: 'Change an answer…', emoji: true },
        action_ts: `${1_700_000_000 + next()}.000400`,
      },
    ],
  };
}

/** A block action on an ephemeral message (Slack sends no `message`, only the container). */
export function ephemeralBlockActions(slack: Workspace, channel: string, button: ButtonRef, user = ALICE) {
  return {
    type: 'block_actions',
    user: { id: user, username: 'alice', name: 'alice', team_id: slack.teamId },
    api_app_id: slack.appId,
    container: {
      type: 'message',
      message_ts: `${1_700_000_000 + next()}.000200`,
      channel_id: channel,
      is_ephemeral: true,
    },
    team: { id: slack.teamId, domain: 'fake' },
    channel: { id: channel, name: 'ops' },
    response_url: slack.responseUrl(),
    actions: [{ type: 'button', ...button, action_ts: `${1_700_000_000 + next()}.000300` }],
  };
}

export function eventCallback(slack: Workspace, event: Record<string, unknown>, eventId = `Ev${next()}`) {
  return {
    token: 'verification-token-unused',
    team_id: slack.teamId,
    api_app_id: slack.appId,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000 + next(),
    authorizations: [
      {
        enterprise_id: null,
        team_id: slack.teamId,
        user_id: slack.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

export function messageEvent(fields: {
  channel?: string;
  user?: string;
  text?: string;
  threadTs?: string;
  files?: Record<string, unknown>[];
  channelType?: string;
  extra?: Record<string, unknown>;
}): Record<string, unknown> {
  const ts = `${1_800_000_000 + next()}.000100`;
  return {
    type: 'message',
    ...(fields.files !== undefined ? { subtype: 'file_share', files: fields.files, upload: false } : {}),
    channel: fields.channel ?? CHANNEL,
    channel_type: fields.channelType ?? 'channel',
    user: fields.user ?? ALICE,
    text: fields.text ?? '',
    ts,
    event_ts: ts,
    ...(fields.threadTs !== undefined ? { thread_ts: fields.threadTs } : {}),
    ...fields.extra,
  };
}

/** A message shortcut ("Diagnose with ccnet") on someone's message in a channel. */
export function messageShortcut(
  slack: Workspace,
  message: { ts: string; text: string; threadTs?: string; files?: Record<string, unknown>[] },
  opts: { user?: string; channel?: string } = {},
): Record<string, unknown> {
  const user = opts.user ?? ALICE;
  const channel = opts.channel ?? CHANNEL;
  return {
    type: 'message_action',
    token: 'verification-token-unused',
    action_ts: `${1_700_000_000 + next()}.000400`,
    team: { id: slack.teamId, domain: 'fake' },
    user: { id: user, name: user.toLowerCase(), username: user.toLowerCase(), team_id: slack.teamId },
    channel: { id: channel, name: 'ops' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: 'ccnet_diagnose',
    trigger_id: `${next()}.3.ghi`,
    response_url: slack.responseUrl(),
    message_ts: message.ts,
    message: {
      type: 'message',
      user: BOB,
      ts: message.ts,
      text: message.text,
      ...(message.threadTs !== undefined ? { thread_ts: message.threadTs } : {}),
      ...(message.files !== undefined ? { files: message.files } : {}),
    },
  };
}
