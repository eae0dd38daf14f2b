// One template size limit (issue 9, item 9): the limit the Slack app announces and checks before downloading
// (CCNET_MAX_UPLOAD_BYTES, 1 MB by default) is the limit the flow applies after reading; no second, smaller one.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_UPLOAD_BYTES, loadEnv } from '../../config/env.ts';
import { FlowRunner } from '../../flows/runner.ts';
import type { Reply } from '../../flows/types.ts';
import { MemorySessionStore } from '../../stores/memory/session-store.ts';
import { MemoryTemplateBlobs } from '../../stores/memory/template-blobs.ts';

const template = (bytes: number) => {
  const head = '[cluster big]\n[[node scheduler]]\nImageName = cycle.image.ubuntu22\n';
  return `${head}${'#'.repeat(Math.max(0, bytes - head.length - 1))}\n`;
};

async function upload(text: string, maxTemplateBytes?: number): Promise<Reply[]> {
  const runner = new FlowRunner({
    store: new MemorySessionStore(),
    templates: new MemoryTemplateBlobs(),
    ...(maxTemplateBytes !== undefined ? { maxTemplateBytes } : {}),
  });
  const { sessionId } = await runner.start({ owner: 'U1', entry: 'main' });
  return (await runner.send(sessionId, { type: 'TEMPLATE', fileName: 'slurm.txt', text })).replies;
}

describe('the template size limit', () => {
  it('by default is the 1 MB the Slack app announces: a 600 KB template is read, not refused after download', async () => {
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(1024 * 1024);
    const replies = await upload(template(600 * 1024));
    expect(replies.map((r) => r.kind)).toContain('template');
    expect(replies.some((r) => r.kind === 'notice' && r.code === 'TEMPLATE_TOO_LARGE')).toBe(false);
  });

  it('past the limit is refused with the limit named', async () => {
    const replies = await upload(template(1024 * 1024 + 10));
    expect(replies[0]).toMatchObject({
      kind: 'notice',
      code: 'TEMPLATE_TOO_LARGE',
      text: 'That file is too large for a cluster template (more than 1 MB).',
    });
  });

  it('follows CCNET_MAX_UPLOAD_BYTES, the same number the download check uses', async () => {
    const env = loadEnv({ CCNET_MAX_UPLOAD_BYTES: '2048' });
    expect(env.maxUploadBytes).toBe(2048);
    expect((await upload(template(2000), env.maxUploadBytes)).map((r) => r.kind)).toContain('template');
    expect((await upload(template(3000), env.maxUploadBytes))[0]).toMatchObject({
      code: 'TEMPLATE_TOO_LARGE',
      text: 'That file is too large for a cluster template (more than 2 KB).',
    });
  });

  it('counts bytes as the download does, not characters', async () => {
    const wide = `[cluster c]\n# ${'é'.repeat(1200)}\n`; // 1,200 characters of 2 bytes each
    expect((await upload(wide, 2048))[0]).toMatchObject({ code: 'TEMPLATE_TOO_LARGE' });
  });

  it('cannot be set past what the flow can hold', () => {
    expect(() => loadEnv({ CCNET_MAX_UPLOAD_BYTES: String(64 * 1024 * 1024) })).toThrow(
      /CCNET_MAX_UPLOAD_BYTES/,
    );
  });
});
