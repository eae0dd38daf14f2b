// `--format github`: workflow commands, so findings show as annotations on the pull request:
//   ::error file=templates/slurm.txt,line=12,col=3,title=CCN004::message
// Escaped as the Actions runner reads them (@actions/core's command.ts): in the message %, CR and LF; in property
// values also : and , (which would end the value).
import { type LintReport, plural } from './types.ts';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: LintReport): string {
  const lines = report.files.flatMap((file) =>
    file.findings.map((f) => {
      const props = [`file=${escapeProperty(file.file)}`];
      if (f.line !== undefined) props.push(`line=${f.line}`, `col=${f.column ?? 1}`);
      props.push(`title=${escapeProperty(f.rule)}`);
      return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(`${f.message}\nFix: ${f.fix}\n${f.helpUri}`)}`;
    }),
  );
  for (const u of report.unreadable ?? [])
    lines.push(`::error file=${escapeProperty(u.file)},title=ccnet::${escapeData(u.problem)}`);
  const s = report.summary;
  lines.push(
    `ccnet: ${plural(s.problems, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.info} info) in ${plural(s.files, 'file')}`,
  );
  return `${lines.join('\n')}\n`;
}
