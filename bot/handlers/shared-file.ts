// One file shared in Slack, fetched as text under the bot's download policy: the allowed hosts, the size cap, and
// the process's outbound path (the proxy when one is set). Every handler that reads a file goes through here.
import type { Services } from '../runtime/services.ts';
import { type DownloadedText, downloadText } from '../slack/download.ts';
import { resolveFile, type SlackFile } from '../slack/files.ts';
import type { WebClient } from '../slack/post.ts';

export async function downloadShared(
  services: Services,
  client: WebClient,
  file: SlackFile,
): Promise<DownloadedText> {
  const ref = await resolveFile(client, file);
  return downloadText(ref, {
    token: services.botToken,
    allowedHosts: services.policy.fileHosts,
    maxBytes: services.policy.maxUploadBytes,
    ...(services.fetch !== undefined ? { fetch: services.fetch } : {}),
  });
}
