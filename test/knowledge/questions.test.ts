// Questions in plain words reach the fact that answers them (a full-text index with synonyms, no model); below the
// bar ccnet lists the closest topics instead of answering. Error text is never answered with a look-alike fact.
import { describe, expect, it } from 'vitest';
import { explain } from '../../knowledge/index.ts';
import { searchKnowledge } from '../../knowledge/search/index.ts';

const lines = (e: ReturnType<typeof explain>) => e.sections.flatMap((s) => s.lines).join('\n');

describe('questions the issue names', () => {
  it('"which ports do CycleCloud 7 nodes need open?" reaches the ports topic with the CycleCloud 7 answer first', () => {
    const e = explain('which ports do CycleCloud 7 nodes need open?');
    expect(e.kind).toBe('topic');
    expect(e.title).toBe(explain('ports').title);
    expect(e.sections[0]?.heading).toBe('Answer: CycleCloud 7');
    expect(e.sections[0]?.lines.join('\n')).toContain('5672');
    expect(e.foundBy).toMatch(/cc7/);
  });

  it('"how do our users ssh to compute nodes that have no public IP?" reaches Bastion', () => {
    const e = explain('how do our users ssh to compute nodes that have no public IP?');
    expect(e.title).toBe(explain('bastion').title);
  });
});

describe('a question about a fact reaches that fact, whatever its wording', () => {
  it.each([
    ['what port does slurmctld listen on between the subnets', /6817-6819/],
    ['do CycleCloud 8 nodes still need 5672?', /No 5672 or 37141 on CycleCloud 8/],
    ['where are the jetpack logs', /jetpack\.log/],
    ['how do I keep the metadata service off our web proxy', /no_proxy=169\.254\.169\.254/],
    ['which root certificates does slurmdbd need for Azure MySQL', /DigiCertGlobalRootG2/],
    ['what permission lets cyclecloud use a subnet in another resource group', /subnets\/join\/action/],
    ['our new vnet has no internet for apt, what changed', /private subnets by default/],
    ['does vnet peering work between regions', /Global \(cross-region\) peering works/],
    ['which ports does the return proxy use', /37140/],
    ['what ports does azure files over smb need', /445/],
    ['what is 168.63.129.16 used for', /32526/],
    ['why do ubuntu 22 nodes not register their hostname in dns', /waagent/],
  ])('%j', (question, fact) => {
    const e = explain(question);
    expect(['topic', 'answer', 'symptom', 'rule']).toContain(e.kind);
    expect(`${e.title}\n${lines(e)}`).toMatch(fact);
  });
});

describe('below the bar', () => {
  it('lists the closest topics instead of answering', () => {
    const result = searchKnowledge('kubernetes ingress controller for cyclecloud');
    expect(result.answer).toBeNull();
    expect(result.closest.length).toBeGreaterThan(0);
    expect(result.closest.length).toBeLessThanOrEqual(3);
    const e = explain('kubernetes ingress controller for cyclecloud');
    expect(e.kind).toBe('unknown');
    expect(e.sections[0]?.heading).toBe('Closest topics');
    expect(e.sections[0]?.lines.length).toBeLessThanOrEqual(3);
  });

  it('never answers unrecognised error text with a look-alike fact', () => {
    // GoogleCloudPlatform/cluster-toolkit#1600: Slurm words the index knows, in an error ccnet does not.
    const e = explain("slurmd: fatal: Unable to determine this slurmd's NodeName");
    expect(e.kind).toBe('unknown');
    expect(e.symptom?.layer).toBe('none');
  });

  it('a question with no word ccnet knows gets no answer and no closest topics', () => {
    const result = searchKnowledge('why is the printer on fire');
    expect(result.answer).toBeNull();
    expect(result.closest).toEqual([]);
  });
});
