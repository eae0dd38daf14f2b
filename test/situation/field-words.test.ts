// The same words fill a Situation field whichever way they come in: a CLI flag, a team profile line, or a Situation
// handed to the evaluator (sanitizeSituation). A rejected word is rejected by all three, naming the field.
import { describe, expect, it } from 'vitest';
import { SITUATION_FLAGS, situationFromFlags } from '../../cli/situation-args.ts';
import { parseProfile } from '../../flows/profile.ts';
import { sanitizeSituation } from '../../knowledge/evaluator/situation-input.ts';
import type { SituationKey } from '../../knowledge/model.ts';

type Outcome = { value: unknown } | { rejected: string };

function viaFlag(key: SituationKey, word: string): Outcome {
  const flag = Object.entries(SITUATION_FLAGS).find(([, spec]) => spec.key === key)?.[0];
  if (flag === undefined) throw new Error(`no flag fills ${key}`);
  try {
    return { value: situationFromFlags({ [flag]: word })[key] };
  } catch (error) {
    return { rejected: (error as { hint: string }).hint };
  }
}

function viaProfile(key: SituationKey, word: string): Outcome {
  const parsed = parseProfile(`[defaults]\n${key} = ${word}\n`, 'ccnet.ini');
  return 'error' in parsed ? { rejected: parsed.error } : { value: parsed.profile.defaults[key] };
}

function viaSanitize(key: SituationKey, word: string): Outcome {
  const { situation, ignored } = sanitizeSituation({ [key]: word });
  return ignored.length > 0 ? { rejected: ignored.join(' ') } : { value: situation[key] };
}

const ACCEPTED: [SituationKey, string, unknown][] = [
  ['cyclecloudVersion', '8', 8],
  ['cyclecloudVersion', 'v7', 7],
  ['serverLocation', 'on-premises', 'on-premises'],
  ['serverLocation', 'Other-VNet', 'other-vnet'],
  ['peering', 'one-way', 'one-way'],
  ['peering', 'IMPOSSIBLE', 'impossible'],
  ['hubAndSpoke', 'yes', true],
  ['sameRegion', 'No', false],
  ['publicIpAllowed', 'allowed', true],
  ['publicIpAllowed', 'blocked', false],
  ['publicIpAllowed', 'true', true],
  ['privateLink', 'ExpressRoute', 'expressroute'],
  ['firewall', 'azure-firewall', 'azure-firewall'],
  ['blockedPorts', '9443,22', [9443, 22]],
  ['openPorts', '9443, 5672', [9443, 5672]],
  ['proxyCandidateOs', 'Windows', 'windows'],
  ['link', 'user-to-node', 'user-to-node'],
];

const REJECTED: [SituationKey, string, string][] = [
  ['cyclecloudVersion', '9', '7'],
  ['cyclecloudVersion', '8.0', '8'],
  ['serverLocation', 'cloud', 'same-vnet'],
  ['peering', 'peered', 'connected'],
  ['hubAndSpoke', 'maybe', 'yes'],
  ['publicIpAllowed', 'sometimes', 'no'],
  ['firewall', 'iptables', 'nsg'],
  ['blockedPorts', '70000', '65535'],
  ['blockedPorts', '9443,http', '65535'],
  ['proxyCandidateOs', 'macos', 'linux'],
  ['link', 'everything', 'node-to-cyclecloud'],
];

describe('a Situation field reads the same from a flag, a profile and a handed-in Situation', () => {
  it.each(ACCEPTED)('%s accepts %j', (key, word, value) => {
    expect(viaFlag(key, word)).toEqual({ value });
    expect(viaProfile(key, word)).toEqual({ value });
    expect(viaSanitize(key, word)).toEqual({ value });
  });

  it.each(REJECTED)(
    '%s rejects %j everywhere, naming the field and an allowed value',
    (key, word, allowed) => {
      for (const outcome of [viaFlag(key, word), viaProfile(key, word), viaSanitize(key, word)]) {
        expect(outcome).toHaveProperty('rejected');
        const message = (outcome as { rejected: string }).rejected;
        expect(message).toContain(key);
        expect(message).toContain(allowed);
        expect(message).not.toContain('\n');
      }
    },
  );
});
