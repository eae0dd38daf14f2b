// Shared helpers for knowledge tests: diagnose with schema validation, findings by rule.
import { expect } from 'vitest';
import {
  type Diagnosis,
  DiagnosisSchema,
  diagnose,
  type Finding,
  type Situation,
} from '../../knowledge/index.ts';
import { parseTemplate } from '../../knowledge/template/index.ts';

/** Diagnose and prove the output is what the contract promises. */
export function diagnoseValid(
  situation: Situation,
  template?: string,
  symptom?: string,
  params?: Record<string, string>,
): Diagnosis {
  const input: Parameters<typeof diagnose>[0] = { situation };
  if (template !== undefined) input.template = parseTemplate(template, params ? { params } : {});
  if (symptom !== undefined) input.symptom = symptom;
  const d = diagnose(input);
  const parsed = DiagnosisSchema.safeParse(d);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  return d;
}

export function findingsOf(d: Diagnosis, rule: string): Finding[] {
  return d.findings.filter((f) => f.rule === rule);
}

export function ports(d: Diagnosis): number[] {
  return d.recommendation.connections.map((f) => f.port);
}

export function allSnippetCode(d: Diagnosis): string {
  return d.recommendation.snippets.map((s) => s.code).join('\n');
}

/** A template from indented lines, so tests read like the files users upload. */
export function template(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
