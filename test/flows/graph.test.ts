// Proves the flow's shape with xstate/graph: walking every answer (and a pasted message where one is asked for),
// every path ends in a diagnosis, no state is a dead end, and every choice of every question is reachable.

import { describe, expect, it } from 'vitest';
import { type SnapshotFrom, transition } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { flowMachine } from '../../flows/machine.ts';
import { ALL_QUESTIONS, ERROR_MESSAGE_QUESTION, questionById } from '../../flows/questions.ts';
import { stateReplies } from '../../flows/replies.ts';
import type { FlowEvent } from '../../flows/types.ts';
import { DiagnosisSchema } from '../../knowledge/model.ts';

type FlowSnapshot = SnapshotFrom<typeof flowMachine>;

const MESSAGES = [
  'Timed out connecting to CycleCloud at https://10.0.0.4:9443',
  'something unrelated went wrong',
];

function events(snapshot: FlowSnapshot): FlowEvent[] {
  const question = questionById(String(snapshot.value));
  if (!question) return [];
  const answers: FlowEvent[] = question.choices.map((c) => ({
    type: 'ANSWER',
    questionId: question.id,
    choiceId: c.id,
  }));
  return question.id === ERROR_MESSAGE_QUESTION
    ? [...answers, ...MESSAGES.map((text) => ({ type: 'SYMPTOM' as const, text }))]
    : answers;
}

const isDiagnosis = (s: FlowSnapshot) => s.value === 'diagnosis';

describe('flow graph (xstate/graph)', () => {
  const paths = getSimplePaths(flowMachine, { input: {}, events });
  const ends = paths.map((p) => p.state);

  it('reaches a diagnosis through each entry', () => {
    const diagnoses = paths.filter((p) => isDiagnosis(p.state));
    expect(diagnoses.length).toBeGreaterThan(100);
    const options = new Set(diagnoses.map((p) => stateOption(p.state)));
    expect([...options].sort()).toEqual(['bastion', 'direct', 'return-proxy', 'vnet-peering', 'vpn']);
  });

  it('ends every path that cannot go on in a diagnosis', () => {
    const stuck = ends.filter((s) => !isDiagnosis(s) && events(s).length === 0);
    expect(stuck.map((s) => s.value)).toEqual([]);
  });

  it('moves on for every event a question offers (no answer leaves it where it was)', () => {
    for (const state of ends.filter((s) => !isDiagnosis(s))) {
      for (const event of events(state)) {
        const [next] = transition(flowMachine, state, event);
        expect(
          JSON.stringify(next.context) === JSON.stringify(state.context),
          `${state.value} ${JSON.stringify(event)}`,
        ).toBe(false);
      }
    }
  });

  it('has no dead end: a diagnosis is reachable from every state', () => {
    const seen = new Set<string>();
    for (const state of ends) {
      if (isDiagnosis(state)) continue;
      const key = JSON.stringify({ value: state.value, context: state.context });
      if (seen.has(key)) continue;
      seen.add(key);
      const onward = getShortestPaths(flowMachine, { fromState: state, events, toState: isDiagnosis });
      expect(onward.length, `from ${key}`).toBeGreaterThan(0);
    }
  });

  it('reaches every choice of every question', () => {
    const used = new Set<string>();
    for (const path of paths) {
      for (const step of path.steps) {
        if (step.event.type === 'ANSWER') used.add(`${step.event.questionId}:${step.event.choiceId}`);
      }
    }
    const all = ALL_QUESTIONS.flatMap((q) => q.choices.map((c) => `${q.id}:${c.id}`));
    expect(all.filter((c) => !used.has(c))).toEqual([]);
  });

  it('renders a valid Diagnosis at every end', () => {
    for (const state of ends.filter(isDiagnosis)) {
      const [reply] = stateReplies(state, 'graph');
      expect(reply?.kind).toBe('diagnosis');
      if (reply?.kind === 'diagnosis') expect(DiagnosisSchema.safeParse(reply.diagnosis).success).toBe(true);
    }
  });

  it('renders a question with choices in every other state', () => {
    for (const state of ends.filter((s) => !isDiagnosis(s))) {
      const [reply] = stateReplies(state, 'graph');
      const choices = reply?.kind === 'question' || reply?.kind === 'symptom' ? reply.choices : [];
      expect(choices.length, String(state.value)).toBeGreaterThan(0);
    }
  });
});

function stateOption(state: FlowSnapshot): string {
  const [reply] = stateReplies(state, 'graph');
  return reply?.kind === 'diagnosis' ? reply.diagnosis.recommendation.option : 'none';
}
