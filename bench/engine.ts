// npm run bench: parse + evaluate every corpus template many times, against ini.parse on the same bytes in the same run.
// Last line: `ratio parse+evaluate/ini.parse: R` (target R <= 1.0).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as iniParse } from 'ini';
import { diagnose } from '../knowledge/index.ts';
import { parseTemplate } from '../knowledge/template/index.ts';

const corpusDir = fileURLToPath(new URL('../../shared/corpus/templates', import.meta.url));
const rounds = Number(process.env.BENCH_ROUNDS ?? 40);

let texts: string[];
try {
  texts = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(path.join(corpusDir, f), 'utf8'));
} catch {
  console.log(`corpus not found at ${corpusDir}: nothing to measure`);
  process.exit(0);
}
const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);

function ccnetRound(): number {
  let findings = 0;
  for (const text of texts)
    findings += diagnose({ situation: {}, template: parseTemplate(text) }).findings.length;
  return findings;
}

function iniRound(): number {
  let keys = 0;
  for (const text of texts) keys += Object.keys(iniParse(text)).length;
  return keys;
}

function time(fn: () => number): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// Warm both up so the JIT has compiled each before measuring; then alternate rounds so drift hits both alike.
for (let i = 0; i < 5; i++) {
  ccnetRound();
  iniRound();
}
let ccnetMs = 0;
let iniMs = 0;
for (let i = 0; i < rounds; i++) {
  ccnetMs += time(ccnetRound);
  iniMs += time(iniRound);
}

const templates = texts.length * rounds;
const mb = (bytes * rounds) / (1024 * 1024);
const report = (name: string, ms: number) =>
  `${name.padEnd(22)} ${(templates / (ms / 1000)).toFixed(0).padStart(7)} templates/s  ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s  ${(ms / rounds).toFixed(2)} ms/round`;

console.log(`corpus: ${texts.length} templates, ${(bytes / 1024).toFixed(0)} KB, ${rounds} rounds`);
console.log(report('ccnet parse+evaluate', ccnetMs));
console.log(report('ini.parse', iniMs));
console.log(`ratio parse+evaluate/ini.parse: ${(ccnetMs / iniMs).toFixed(2)}`);
