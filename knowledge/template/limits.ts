// How large a cluster template may be: one limit for every adapter and the flow runner.

/**
 * The one template size limit: what the Slack app announces and checks before downloading, what the terminal chat
 * reads, and what the runner accepts (CCNET_MAX_UPLOAD_BYTES; this is its default).
 */
export const DEFAULT_MAX_TEMPLATE_BYTES = 1024 * 1024;
/** The largest CCNET_MAX_UPLOAD_BYTES may be; the machine refuses anything past it whatever the runner was given. */
export const MAX_TEMPLATE_CHARS = 8 * 1024 * 1024;

/** The person-facing refusal, with the limit in the unit people read. */
export function tooLargeText(limitBytes: number): string {
  const limit =
    limitBytes >= 1024 * 1024
      ? `${+(limitBytes / (1024 * 1024)).toFixed(1)} MB`
      : `${Math.ceil(limitBytes / 1024)} KB`;
  return `That file is too large for a cluster template (more than ${limit}).`;
}

/** UTF-8 size of a text, without copying it. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
