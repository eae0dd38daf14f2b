// The guided flow. One state per question plus `diagnosis`; the transient `routing` state picks the next question
// (flows/routing.ts), so every event that changes what is known (answer, back, change, template, error message) goes
// through the same skipping rules. Replies that belong to an event (notices, template findings, a matched message)
// are emitted; the current state's question or diagnosis is rendered from the snapshot (flows/replies.ts).
import { assign, emit, setup } from 'xstate';
import type { CcnetCode } from '../knowledge/errors.ts';
import type { ProbeResult } from '../knowledge/evidence/index.ts';
import { readEvidenceText } from '../knowledge/evidence/index.ts';
import { condensePaste, matchSymptom, situationFromTemplate } from '../knowledge/index.ts';
import type { Finding, Situation, SymptomMatch } from '../knowledge/model.ts';
import { changePending, type FlowContext, type FlowInput, initialContext } from './context.ts';
import { templateFindings } from './evaluate.ts';
import { evidenceReading, packEvidence, withEvidence } from './evidence.ts';
import { ALL_QUESTIONS, choiceOf, isQuestionId, type QuestionId, questionById } from './questions.ts';
import { changeableQuestions, nextQuestion } from './routing.ts';
import { MAX_TEMPLATE_CHARS, readUpload, tooLargeText } from './templates.ts';
import type { EntryPoint, FlowEvent } from './types.ts';

export type FlowEmitted =
  | { type: 'notice'; code: CcnetCode; text: string }
  | {
      type: 'evidence';
      fileName: string;
      kinds: string[];
      learned: Partial<Situation>;
      notes: string[];
      probe?: ProbeResult;
    }
  | { type: 'template'; fileName: string; learned: Partial<Situation>; findings: Finding[] }
  | { type: 'symptom'; match: SymptomMatch };

/** Error messages are one line or a few; more is kept out of the session. */
const MAX_SYMPTOM_CHARS = 2000;

function rejection(event: FlowEvent, current: QuestionId | null): FlowEmitted {
  if (event.type !== 'ANSWER') {
    return { type: 'notice', code: 'INVALID_CHOICE', text: 'That is not an answer to this question.' };
  }
  if (!isQuestionId(event.questionId)) {
    return { type: 'notice', code: 'UNKNOWN_QUESTION', text: `There is no question "${event.questionId}".` };
  }
  if (event.questionId !== current) {
    return {
      type: 'notice',
      code: 'STALE_ANSWER',
      text: 'That question is no longer the open one (already answered, or the check moved on).',
    };
  }
  return { type: 'notice', code: 'INVALID_CHOICE', text: `"${event.choiceId}" is not one of the choices.` };
}

function answered(ctx: FlowContext, question: QuestionId, choiceId: string): Partial<FlowContext> {
  return {
    answers: { ...ctx.answers, [question]: choiceId },
    history: [...ctx.history.filter((q) => q !== question), question],
    reopen: null,
    reopenedBy: null,
  };
}

export const flowMachine = setup({
  types: {
    context: {} as FlowContext,
    events: {} as FlowEvent,
    input: {} as FlowInput,
    emitted: {} as FlowEmitted,
  },
  guards: {
    isNext: ({ context }, params: { question: QuestionId }) => nextQuestion(context) === params.question,
    answersQuestion: ({ event }, params: { question: QuestionId }) => {
      if (event.type !== 'ANSWER' || event.questionId !== params.question) return false;
      const question = questionById(params.question);
      return question !== undefined && choiceOf(question, event.choiceId) !== undefined;
    },
    changePending: ({ context }) => changePending(context),
    hasHistory: ({ context }) => context.history.length > 0,
    canChange: ({ context, event }) =>
      event.type === 'CHANGE' && changeableQuestions(context).some((q) => q === event.questionId),
    templateFits: ({ event }) => event.type === 'TEMPLATE' && event.text.length <= MAX_TEMPLATE_CHARS,
    evidenceReads: ({ event }) =>
      event.type === 'EVIDENCE' &&
      event.text.length <= MAX_TEMPLATE_CHARS &&
      readEvidenceText(event.fileName, event.text).ok,
  },
  actions: {
    recordAnswer: assign(({ context, event }) =>
      event.type === 'ANSWER' && isQuestionId(event.questionId)
        ? answered(context, event.questionId, event.choiceId)
        : {},
    ),
    chooseEntry: assign(({ context }, params: { entry: EntryPoint }) =>
      context.answers.entry === undefined && context.entry === null
        ? answered(context, 'entry', params.entry)
        : {},
    ),
    rejectAnswer: emit(({ event }, params: { question: QuestionId | null }) =>
      rejection(event, params.question),
    ),
    undoLastAnswer: assign(({ context }) => {
      const last = context.history.at(-1);
      if (last === undefined) return {};
      const answers = { ...context.answers };
      delete answers[last];
      return { answers, history: context.history.slice(0, -1), reopen: last, reopenedBy: 'back' as const };
    }),
    cancelChange: assign({ reopen: null, reopenedBy: null }),
    nothingToUndo: emit({ type: 'notice', code: 'NOTHING_TO_UNDO', text: 'Nothing to go back to yet.' }),
    restart: assign(({ context }) =>
      initialContext({
        ...(context.entry ? { entry: context.entry } : {}),
        profile: context.profile,
        given: context.given,
      }),
    ),
    reopenQuestion: assign(({ event }) =>
      event.type === 'CHANGE' && isQuestionId(event.questionId)
        ? { reopen: event.questionId, reopenedBy: 'change' as const }
        : {},
    ),
    rejectChange: emit(({ event }) => ({
      type: 'notice' as const,
      code: 'CANNOT_CHANGE' as const,
      text: `"${event.type === 'CHANGE' ? event.questionId : event.type}" is not an answer this check can change.`,
    })),
    recordTemplate: assign(({ event }) => {
      if (event.type !== 'TEMPLATE') return {};
      const { key, template } = readUpload(event.text);
      return { template: { fileName: event.fileName, sha256: key, facts: situationFromTemplate(template) } };
    }),
    emitTemplate: emit(({ context }) => ({
      type: 'template' as const,
      fileName: context.template?.fileName ?? '',
      learned: context.template?.facts ?? {},
      findings: templateFindings(context),
    })),
    rejectTemplate: emit({
      type: 'notice',
      code: 'TEMPLATE_TOO_LARGE',
      text: tooLargeText(MAX_TEMPLATE_CHARS),
    }),
    recordSymptom: assign(({ context, event }, params: { keepUnrecognised: boolean }) => {
      if (event.type !== 'SYMPTOM') return {};
      const match = matchSymptom(event.text);
      if (!match.recognised && !params.keepUnrecognised) return {};
      // A whole log is kept as its decisive lines (and their line numbers), so replies built from the stored copy
      // say the same.
      const kept = condensePaste(event.text, MAX_SYMPTOM_CHARS);
      return {
        symptom: {
          text: kept.text,
          facts: { ...context.symptom?.facts, ...match.implies },
          ...(kept.lineNumbers ? { lineNumbers: kept.lineNumbers } : {}),
        },
      };
    }),
    recordEvidence: assign(({ context, event }) =>
      event.type === 'EVIDENCE'
        ? { evidence: withEvidence(context, packEvidence(event.fileName, event.text)) }
        : {},
    ),
    emitEvidence: emit(({ context, event }) => {
      const fileName = event.type === 'EVIDENCE' ? event.fileName : '';
      const read = readEvidenceText(fileName, event.type === 'EVIDENCE' ? event.text : '');
      const file = read.ok ? read.evidence.files[0] : undefined;
      const reading = evidenceReading(context);
      const probe = read.ok ? read.evidence.probes[0] : undefined;
      return {
        type: 'evidence' as const,
        fileName,
        kinds: Object.keys(file?.kinds ?? {}),
        learned: reading?.situation ?? {},
        notes: [...(read.ok ? read.notes : []), ...(reading?.notes ?? [])],
        ...(probe ? { probe } : {}),
      };
    }),
    rejectEvidence: emit(({ event }) => {
      const text = event.type === 'EVIDENCE' ? event.text : '';
      const name = event.type === 'EVIDENCE' ? event.fileName : 'that file';
      if (text.length > MAX_TEMPLATE_CHARS) {
        return {
          type: 'notice' as const,
          code: 'EVIDENCE_UNREADABLE' as const,
          text: tooLargeText(MAX_TEMPLATE_CHARS),
        };
      }
      const read = readEvidenceText(name, text);
      return {
        type: 'notice' as const,
        code: 'EVIDENCE_UNREADABLE' as const,
        text: `${name}: ${read.ok ? 'nothing to read' : read.problem}`,
      };
    }),
    emitSymptom: emit(({ event }) => ({
      type: 'symptom' as const,
      match: matchSymptom(event.type === 'SYMPTOM' ? event.text : ''),
    })),
  },
}).createMachine({
  id: 'ccnet',
  context: ({ input }) => initialContext(input),
  initial: 'routing',
  on: {
    BACK: [
      { guard: 'changePending', actions: 'cancelChange', target: '.routing' },
      { guard: 'hasHistory', actions: 'undoLastAnswer', target: '.routing' },
      { actions: 'nothingToUndo' },
    ],
    RESTART: { actions: 'restart', target: '.routing' },
    CHANGE: [
      { guard: 'canChange', actions: 'reopenQuestion', target: '.routing' },
      { actions: 'rejectChange' },
    ],
    TEMPLATE: [
      { guard: 'templateFits', actions: ['recordTemplate', 'emitTemplate'], target: '.routing' },
      { actions: 'rejectTemplate' },
    ],
    SYMPTOM: {
      actions: [{ type: 'recordSymptom', params: { keepUnrecognised: false } }, 'emitSymptom'],
      target: '.routing',
    },
    EVIDENCE: [
      { guard: 'evidenceReads', actions: ['recordEvidence', 'emitEvidence'], target: '.routing' },
      { actions: 'rejectEvidence' },
    ],
  },
  states: {
    routing: {
      always: [
        ...ALL_QUESTIONS.map((q) => ({
          guard: { type: 'isNext' as const, params: { question: q.id } },
          target: q.id,
        })),
        { target: 'diagnosis' },
      ],
    },
    entry: {
      on: {
        ANSWER: answerOrReject('entry'),
        // Pasting a message or uploading a template instead of choosing picks the matching entry.
        SYMPTOM: {
          actions: [
            { type: 'chooseEntry', params: { entry: 'symptom' } },
            { type: 'recordSymptom', params: { keepUnrecognised: true } },
          ],
          target: 'routing',
        },
        TEMPLATE: [
          {
            guard: 'templateFits',
            actions: [{ type: 'chooseEntry', params: { entry: 'main' } }, 'recordTemplate', 'emitTemplate'],
            target: 'routing',
          },
          { actions: 'rejectTemplate' },
        ],
        // Exports or probe output instead of choosing: the main check, with what they settle.
        EVIDENCE: [
          {
            guard: 'evidenceReads',
            actions: [{ type: 'chooseEntry', params: { entry: 'main' } }, 'recordEvidence', 'emitEvidence'],
            target: 'routing',
          },
          { actions: 'rejectEvidence' },
        ],
      },
    },
    // The symptom entry shows the match as its own step, so it is rendered from the state, not emitted.
    errorMessage: {
      on: {
        ANSWER: answerOrReject('errorMessage'),
        SYMPTOM: {
          actions: { type: 'recordSymptom', params: { keepUnrecognised: true } },
          target: 'routing',
        },
      },
    },
    symptomNext: {
      on: {
        ANSWER: answerOrReject('symptomNext'),
        SYMPTOM: {
          actions: { type: 'recordSymptom', params: { keepUnrecognised: true } },
          target: 'routing',
        },
      },
    },
    cyclecloudVersion: { on: { ANSWER: answerOrReject('cyclecloudVersion') } },
    serverLocation: { on: { ANSWER: answerOrReject('serverLocation') } },
    peering: { on: { ANSWER: answerOrReject('peering') } },
    hubAndSpoke: { on: { ANSWER: answerOrReject('hubAndSpoke') } },
    privateLink: { on: { ANSWER: answerOrReject('privateLink') } },
    publicIpAllowed: { on: { ANSWER: answerOrReject('publicIpAllowed') } },
    firewall: { on: { ANSWER: answerOrReject('firewall') } },
    proxyCandidateOs: { on: { ANSWER: answerOrReject('proxyCandidateOs') } },
    diagnosis: {
      on: { ANSWER: { actions: { type: 'rejectAnswer', params: { question: null } } } },
    },
  },
});

function answerOrReject(question: QuestionId) {
  return [
    {
      guard: { type: 'answersQuestion' as const, params: { question } },
      actions: 'recordAnswer' as const,
      target: 'routing',
    },
    { actions: { type: 'rejectAnswer' as const, params: { question } } },
  ];
}
