// Why templates get their own parser: ini.parse flattens nested headers into their parent and the last value wins.
import { parse as iniParse } from 'ini';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../knowledge/template/index.ts';
import { corpusAvailable, readCorpus } from '../support/corpus.ts';
import { attr, node, plain, returnProxies } from './support.ts';

describe('ini.parse against parseTemplate', () => {
  it('keeps two nodes’ SubnetId apart where ini.parse keeps only the last', () => {
    const text = [
      '[cluster c]',
      '[[node a]]',
      'SubnetId = subnet-a',
      '[[node b]]',
      'SubnetId = subnet-b',
    ].join('\n');
    const flat = iniParse(text);
    expect(flat['cluster c']).toMatchObject({ SubnetId: 'subnet-b', '[[node a]]': true });
    const t = parseTemplate(text);
    expect(plain(attr(node(t, 'a'), 'subnetid'))).toBe('subnet-a');
    expect(plain(attr(node(t, 'b'), 'subnetid'))).toBe('subnet-b');
  });

  const slurm = 'Azure__cyclecloud-slurm__templates__slurm.txt';
  it.runIf(corpusAvailable)(
    `resolves the scheduler's IsReturnProxy in ${slurm} through its parameter`,
    () => {
      const text = readCorpus(slurm);
      // ini.parse reports the HA nodearray's override as if it were the cluster's.
      expect(iniParse(text)['cluster Slurm'].IsReturnProxy).toBe(false);

      const byDefault = parseTemplate(text);
      expect(attr(node(byDefault, 'scheduler'), 'isreturnproxy')).toMatchObject({
        raw: '$ReturnProxy',
        value: { kind: 'boolean', value: false },
        params: ['ReturnProxy'],
        line: 105,
        origin: 'own',
      });
      expect(returnProxies(byDefault)).toEqual([]);

      const withProxy = parseTemplate(text, { params: { ReturnProxy: 'true' } });
      expect(plain(attr(node(withProxy, 'scheduler'), 'isreturnproxy'))).toBe(true);
      expect(returnProxies(withProxy)).toEqual(['scheduler']);

      for (const t of [byDefault, withProxy]) {
        const ha = node(t, 'scheduler-ha');
        expect(ha).toMatchObject({ kind: 'nodearray', extends: ['scheduler'] });
        expect(attr(ha, 'isreturnproxy')).toMatchObject({
          value: { kind: 'boolean', value: false },
          line: 173,
          origin: 'own',
        });
        // What scheduler-ha does inherit from scheduler keeps the scheduler's line.
        expect(attr(ha, 'network-interface eth0/associatepublicipaddress')).toMatchObject({
          origin: 'scheduler',
        });
      }
    },
  );
});
