import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeButtonValue, decodeClick, encodeButtonValue } from '../../bot/slack/payload.ts';

function clickBody(overrides: Record<string, unknown> = {}, action: Record<string, unknown> = {}) {
  return {
    type: 'block_actions',
    user: { id: 'U0ALICE', username: 'alice' },
    channel: { id: 'C0OPS', name: 'ops' },
    message: {
      ts: '1700000002.000002',
      thread_ts: '1700000001.000001',
      text: 'Where does the CycleCloud server run?',
    },
    actions: [
      {
        type: 'button',
        action_id: 'ccnet_choice:1',
        block_id: 'ccnet_choices',
        text: { type: 'plain_text', text: 'In another VNet' },
        value: encodeButtonValue({ s: 'sess-1', v: 3, q: 'serverLocation', c: 'other-vnet' }),
        ...action,
      },
    ],
    ...overrides,
  };
}

describe('button values', () => {
  it('round-trip', () => {
    const value = { s: 'abc_DEF-1', v: 7, q: 'peering', c: 'none' };
    expect(decodeButtonValue(encodeButtonValue(value))).toEqual({ ok: true, value });
  });

  it.each([
    ['missing', undefined, 'carries no value'],
    ['not JSON', '{s:1', 'not JSON'],
    ['hand-edited types', JSON.stringify({ s: 'x', v: '3' }), 'expected fields'],
    ['extra fields', JSON.stringify({ s: 'x', v: 1, admin: true }), 'expected fields'],
    ['negative version', JSON.stringify({ s: 'x', v: -1 }), 'expected fields'],
    ['oversized', JSON.stringify({ s: 'x'.repeat(2100), v: 1 }), 'too long'],
    ['a JSON array', '[1,2]', 'expected fields'],
    ['__proto__ keys', '{"__proto__":{"polluted":true},"s":"x","v":1}', 'expected fields'],
  ])('%s → a problem, not a throw', (_name, raw, problem) => {
    const decoded = decodeButtonValue(raw);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.problem).toContain(problem);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.json(), fc.anything()),
        (raw) => typeof decodeButtonValue(raw).ok === 'boolean',
      ),
    );
  });
});

describe('decodeClick', () => {
  it('reads who clicked what, where', () => {
    const decoded = decodeClick(clickBody());
    expect(decoded).toEqual({
      ok: true,
      value: {
        kind: 'choice',
        userId: 'U0ALICE',
        channelId: 'C0OPS',
        messageTs: '1700000002.000002',
        ephemeral: false,
        threadTs: '1700000001.000001',
        value: { s: 'sess-1', v: 3, q: 'serverLocation', c: 'other-vnet' },
        start: undefined,
      },
    });
  });

  it.each([
    ['not a block action', { type: 'view_submission' }],
    ['no actions', { actions: [] }],
    ['no channel', { channel: undefined }],
    ['wrong user type', { user: { id: 42 } }],
  ])('%s → a problem', (_name, overrides) => {
    expect(decodeClick(clickBody(overrides)).ok).toBe(false);
  });

  it('a button that is not ours', () => {
    const decoded = decodeClick(clickBody({}, { action_id: 'someone_else' }));
    expect(decoded).toEqual({ ok: false, problem: 'the button is not one of mine' });
  });

  it('a hand-edited value', () => {
    const decoded = decodeClick(clickBody({}, { value: '{"s":"sess-1","v":"3"}' }));
    expect(decoded.ok).toBe(false);
  });

  it('a Start button carries its entry point', () => {
    const body = clickBody({ message: undefined }, { action_id: 'ccnet_start:1', value: '{"e":"symptom"}' });
    const decoded = decodeClick(body);
    expect(decoded.ok && decoded.value.kind).toBe('start');
    expect(decoded.ok && decoded.value.start).toEqual({ e: 'symptom' });
    expect(decodeClick(clickBody({}, { action_id: 'ccnet_start:1', value: '{"e":"admin"}' })).ok).toBe(false);
  });

  it('never throws on arbitrary bodies', () => {
    fc.assert(fc.property(fc.anything(), (body) => typeof decodeClick(body).ok === 'boolean'));
  });
});
