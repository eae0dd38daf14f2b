// Files attached to a message event, read defensively, and completed with files.info when the event carries only
// the id (Slack sends `file_access: "check_file_info"` for some shares).
import { z } from 'zod';
import type { FileRef } from './download.ts';
import type { WebClient } from './post.ts';

const SlackFileSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    title: z.string().optional(),
    size: z.number().int().nonnegative().optional(),
    mode: z.string().optional(),
    url_private: z.string().optional(),
    url_private_download: z.string().optional(),
  })
  .loose();
export type SlackFile = z.infer<typeof SlackFileSchema>;

/** At most this many files of one message are read. */
const MAX_FILES_PER_MESSAGE = 3;

export function filesOf(event: unknown): SlackFile[] {
  const files = (event as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return [];
  return files
    .map((f) => SlackFileSchema.safeParse(f))
    .flatMap((r) => (r.success && r.data.mode !== 'tombstone' && r.data.mode !== 'external' ? [r.data] : []))
    .slice(0, MAX_FILES_PER_MESSAGE);
}

function toRef(f: SlackFile): FileRef {
  return {
    id: f.id,
    name: f.name ?? f.title ?? f.id,
    ...(f.size !== undefined ? { size: f.size } : {}),
    ...((f.url_private_download ?? f.url_private) !== undefined
      ? { url: f.url_private_download ?? f.url_private }
      : {}),
  };
}

export async function resolveFile(client: WebClient, file: SlackFile): Promise<FileRef> {
  const ref = toRef(file);
  if (ref.url !== undefined && ref.size !== undefined) return ref;
  const info = await client.files.info({ file: file.id });
  const parsed = SlackFileSchema.safeParse(info.file);
  return parsed.success ? toRef(parsed.data) : ref;
}
