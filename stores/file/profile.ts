// Reads the team profile (CCNET_CONFIG) for the composition roots; parsing and validation live in flows/profile.ts.
import { readFile } from 'node:fs/promises';
import { parseProfile, type TeamProfile } from '../../flows/profile.ts';

export class ProfileError extends Error {
  readonly code = 'PROFILE';
}

export async function loadProfileFile(file: string): Promise<TeamProfile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ProfileError(
      `${file}: cannot read the team profile (${code === 'ENOENT' ? 'no such file' : code})`,
    );
  }
  const parsed = parseProfile(text, file);
  if ('error' in parsed) throw new ProfileError(parsed.error);
  return parsed.profile;
}
