// Reads the team profile (CCNET_CONFIG) for the composition roots; parsing and validation live in flows/profile.ts.
import { readFile } from 'node:fs/promises';
import { parseProfile, type TeamProfile } from '../../flows/profile.ts';
import { CcnetError } from '../../knowledge/errors.ts';

export async function loadProfileFile(file: string): Promise<TeamProfile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw profileError(
      `${file}: cannot read the team profile (${code === 'ENOENT' ? 'no such file' : code})`,
    );
  }
  const parsed = parseProfile(text, file);
  if ('error' in parsed) throw profileError(parsed.error);
  return parsed.profile;
}

/** Each problem on its own line, naming the variable that pointed at the file. */
function profileError(problems: string): CcnetError {
  const lines = problems.split('\n').map((line) => `CCNET_CONFIG ${line}`);
  return new CcnetError('PROFILE', lines.join('\n'));
}
