// The HTTP receiver tells Slack's own request bodies from odd ones by their first bytes, parsing only the odd ones:
// whatever it lets through unparsed must parse (as Bolt parses) to an object, or not at all.
import { parse } from 'node:querystring';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectOrMalformed } from '../../bot/runtime/receivers.ts';

const FORM = 'application/x-www-form-urlencoded';

/** Bolt 5's parseHTTPRequestBody, as it reads a body. */
function boltParse(text: string, contentType: string): unknown {
  if (contentType === FORM) {
    const form = parse(text);
    return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
  }
  return JSON.parse(text);
}

function parsesToObjectOrThrows(text: string, contentType: string): boolean {
  let body: unknown;
  try {
    body = boltParse(text, contentType);
  } catch {
    return true;
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

const keys = fc.constantFrom('payload', 'pay%6Coad', 'p%61yload', 'payload+', 'token', 'a');
const values = fc.constantFrom('null', '1', '%5B%5D', '%7B%7D', '{}', '+null', '%20%7B%7D', '"x"', '%7B');
const form = fc
  .array(
    fc.tuple(fc.oneof(keys, fc.string({ maxLength: 3 })), fc.oneof(values, fc.string({ maxLength: 3 }))),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
const json = fc.oneof(fc.json(), fc.constantFrom(' null', '\n{}', '[{}]', '  {"a":1}'));

describe('objectOrMalformed', () => {
  it('lets Slack bodies through without a parse', () => {
    expect(objectOrMalformed(`payload=${encodeURIComponent('{"type":"block_actions"}')}`, FORM)).toBe(true);
    expect(objectOrMalformed('token=x&command=%2Fccnet&text=help', FORM)).toBe(true);
    expect(objectOrMalformed('{"type":"event_callback"}', 'application/json')).toBe(true);
  });

  it('never lets through a body that parses to something other than an object', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          form.map((text) => [text, FORM] as const),
          json.map((text) => [text, 'application/json'] as const),
        ),
        ([text, type]) => {
          if (objectOrMalformed(text, type)) expect(parsesToObjectOrThrows(text, type)).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
