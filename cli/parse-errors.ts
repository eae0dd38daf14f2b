// node:util parseArgs errors, reworded as one line that names the option and points at the command's --help.

export function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** "unknown option --x (see ccnet check --help)"; parseArgs' own text suggests `--` and leaves a quote open. */
export function describeParseArgsError(error: Error & { code?: string }, command: string): string {
  const option = /'(-[^' ]*)/.exec(error.message)?.[1];
  const see = `(see ccnet ${command} --help)`;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option} ${see}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /does not take/.test(error.message)
      ? `${option} takes no value ${see}`
      : `${option} needs a value ${see}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${see}`;
  return `${error.message.replace(/['"]/g, '')} ${see}`;
}
