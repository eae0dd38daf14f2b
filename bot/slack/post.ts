// Posting rendered messages: in a thread, as an update, ephemerally, and the overflow as files in the thread.
// Mentions in user text are already escaped by the renderers, and `link_names` is never sent.
import type { webApi } from '@slack/bolt';
import type { Overflow, Rendered } from '../render/blocks.ts';

export type WebClient = webApi.WebClient;

export interface Where {
  channel: string;
  threadTs?: string;
}

export async function post(client: WebClient, where: Where, message: Rendered): Promise<string | undefined> {
  const result = await client.chat.postMessage({
    channel: where.channel,
    ...(where.threadTs !== undefined ? { thread_ts: where.threadTs } : {}),
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  if (message.overflow.length > 0) await uploadFiles(client, where, message.overflow);
  return result.ts;
}

export async function update(
  client: WebClient,
  channel: string,
  ts: string,
  message: Rendered,
): Promise<void> {
  await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
}

export async function ephemeral(
  client: WebClient,
  where: Where & { user: string },
  message: Rendered,
): Promise<void> {
  await client.chat.postEphemeral({
    channel: where.channel,
    user: where.user,
    ...(where.threadTs !== undefined ? { thread_ts: where.threadTs } : {}),
    text: message.text,
    blocks: message.blocks,
  });
}

export async function uploadFiles(
  client: WebClient,
  where: Where,
  files: readonly Overflow[],
): Promise<void> {
  if (files.length === 0) return;
  await client.filesUploadV2({
    channel_id: where.channel,
    ...(where.threadTs !== undefined ? { thread_ts: where.threadTs } : {}),
    file_uploads: files.map((f) =>
      typeof f.content === 'string'
        ? { content: f.content, filename: f.filename, title: f.title, snippet_type: f.snippetType ?? 'text' }
        : { file: f.content, filename: f.filename, title: f.title },
    ),
  });
}
