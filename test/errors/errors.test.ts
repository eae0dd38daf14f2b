// The one error vocabulary: ours pass through, foreign errors become coded ones at the edges, and no code is dead.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { failureCode, slackErrorCode } from '../../bot/runtime/errors.ts';
import { asCliError } from '../../cli/errors.ts';
import { asCodedError, CCNET_CODES, CcnetError, hasCode } from '../../knowledge/errors.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('asCodedError', () => {
  it('keeps a coded error as it is: its hint is what the person sees, the detail goes to the log', () => {
    const error = new CcnetError('FILE_TOO_LARGE', 'Upload just the template.', { detail: 'F1 is 3 MB' });
    expect(asCodedError(error)).toBe(error);
    expect(error.message).toBe('FILE_TOO_LARGE: F1 is 3 MB');
    expect(hasCode(error, 'FILE_TOO_LARGE')).toBe(true);
    expect(hasCode({ code: 'FILE_TOO_LARGE' }, 'FILE_TOO_LARGE')).toBe(false);
  });

  it('turns anything else into INTERNAL, keeping the cause for the log', () => {
    const bug = new TypeError('x is undefined');
    const coded = asCodedError(bug);
    expect(coded).toMatchObject({ code: 'INTERNAL', cause: bug });
    expect(coded.message).toContain('TypeError: x is undefined');
    expect(asCodedError('thrown string').code).toBe('INTERNAL');
  });

  it('lets an edge recognise the errors of its libraries', () => {
    const parseArgs = Object.assign(new TypeError("Unknown option '--colour'"), {
      code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION',
    });
    expect(asCliError(parseArgs, 'check')).toMatchObject({
      code: 'USAGE',
      hint: 'unknown option --colour (see ccnet check --help)',
    });
    const slack = Object.assign(new Error('An API error occurred: not_in_channel'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'not_in_channel' },
    });
    expect(failureCode(slack)).toBe('SLACK_API not_in_channel');
    expect(slackErrorCode(slack)).toBe('not_in_channel');
    expect(failureCode(new CcnetError('STORE_UNAVAILABLE', 'later'))).toBe('STORE_UNAVAILABLE');
    expect(failureCode(new Error('bug'))).toBe('INTERNAL');
  });
});

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
}

describe('the code list', () => {
  it('holds only codes that some code path raises or replies with', () => {
    const files = ['bot', 'cli', 'flows', 'stores', 'knowledge']
      .flatMap(sources)
      .filter((file) => file !== path.join('knowledge', 'errors.ts'));
    const text = files.map((file) => readFileSync(path.join(ROOT, file), 'utf8')).join('\n');
    const unused = CCNET_CODES.filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });
});
