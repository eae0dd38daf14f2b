import { describe, expect, it } from 'vitest';
import { parseProfile, profileFacts, type TeamProfile } from '../../flows/profile.ts';

function ok(text: string): TeamProfile {
  const result = parseProfile(text, 'ccnet.ini');
  if ('error' in result) throw new Error(result.error);
  return result.profile;
}

function error(text: string): string {
  const result = parseProfile(text, 'team/ccnet.ini');
  if ('profile' in result) throw new Error('expected an error');
  return result.error;
}

describe('parseProfile', () => {
  it('reads defaults and channel sections, coercing INI strings to Situation values', () => {
    const profile = ok(`
; our platform team
[defaults]
cyclecloudVersion = 8
serverLocation = other-vnet
publicIpAllowed = false
hubAndSpoke = Yes
blockedPorts = 9443, 5672

[channel C0123ABC]
serverLocation = on-premises
privateLink = expressroute
openPorts[] = 9443
openPorts[] = 22
`);
    expect(profile.defaults).toEqual({
      cyclecloudVersion: 8,
      serverLocation: 'other-vnet',
      publicIpAllowed: false,
      hubAndSpoke: true,
      blockedPorts: [9443, 5672],
    });
    expect(profile.channels).toEqual({
      C0123ABC: { serverLocation: 'on-premises', privateLink: 'expressroute', openPorts: [9443, 22] },
    });
  });

  it('accepts keys in any case', () => {
    expect(ok('[defaults]\nCYCLECLOUDVERSION=7\nproxycandidateos=windows').defaults).toEqual({
      cyclecloudVersion: 7,
      proxyCandidateOs: 'windows',
    });
  });

  it('names the file, section, key and allowed values for a bad value', () => {
    expect(error('[channel C1]\ncyclecloudVersion = 9')).toBe(
      'team/ccnet.ini: [channel C1] cyclecloudVersion = "9" is not allowed; allowed: 7, 8',
    );
    expect(error('[defaults]\nserverLocation = cloud')).toContain(
      'allowed: same-vnet, other-vnet, on-premises',
    );
    expect(error('[defaults]\npublicIpAllowed = maybe')).toContain('allowed: true, false (or yes, no)');
    expect(error('[defaults]\nblockedPorts = 9443,http')).toContain(
      'blockedPorts = "9443,http" is not allowed',
    );
    expect(error('[defaults]\nblockedPorts = 70000')).toContain('port numbers 1-65535');
  });

  it('names unknown keys and sections, and keys outside any section', () => {
    expect(error('[defaults]\nversion = 8')).toMatch(
      /^team\/ccnet\.ini: \[defaults\] unknown key "version"; known keys: link, cyclecloudVersion, /,
    );
    expect(error('[cluster slurm]\ncyclecloudVersion = 8')).toContain('unknown section [cluster slurm]');
    expect(error('cyclecloudVersion = 8\n[defaults]')).toContain('"cyclecloudVersion" is outside a section');
  });

  it('reports every problem at once', () => {
    expect(error('[defaults]\nfoo = 1\nfirewall = wall').split('\n')).toHaveLength(2);
  });

  it('survives hostile input', () => {
    expect(ok('[__proto__]\npolluted = yes\n[defaults]\nfirewall = nsg').defaults).toEqual({
      firewall: 'nsg',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(ok('')).toEqual({ defaults: {}, channels: {} });
    expect(ok('[defaults]\n__proto__ = 1').defaults).toEqual({});
    expect(error('[defaults]\nconstructor = 2')).toContain('unknown key "constructor"');
    expect(error('[channel C1.extra]\nfirewall = nsg')).toContain('section names may not contain dots');
  });
});

describe('profileFacts', () => {
  const profile = ok('[defaults]\ncyclecloudVersion=8\nfirewall=nsg\n[channel C9]\nfirewall=azure-firewall');

  it('lays the channel section over the defaults', () => {
    expect(profileFacts(profile, 'C9')).toEqual({ cyclecloudVersion: 8, firewall: 'azure-firewall' });
    expect(profileFacts(profile, 'C-other')).toEqual({ cyclecloudVersion: 8, firewall: 'nsg' });
    expect(profileFacts(profile)).toEqual({ cyclecloudVersion: 8, firewall: 'nsg' });
    expect(profileFacts(undefined, 'C9')).toEqual({});
  });
});
