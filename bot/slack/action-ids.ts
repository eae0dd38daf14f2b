// Action ids on ccnet's buttons. Slack wants action ids unique inside a block, so buttons of one kind carry a
// `:n` suffix (`ccnet_choice:2`); one listener matches them all (`anyActionPattern`) and `actionKind` tells them apart.
export const ACTION = {
  choice: 'ccnet_choice',
  back: 'ccnet_back',
  restart: 'ccnet_restart',
  change: 'ccnet_change',
  details: 'ccnet_details',
  snippetsFile: 'ccnet_snippets_file',
  start: 'ccnet_start',
  homeStart: 'ccnet_home_start',
  share: 'ccnet_share',
} as const;
export type ActionKind = keyof typeof ACTION;

export function actionId(kind: ActionKind, index?: number): string {
  return index === undefined ? ACTION[kind] : `${ACTION[kind]}:${index}`;
}

/** Any of ccnet's buttons. */
export function anyActionPattern(): RegExp {
  return new RegExp(`^(${Object.values(ACTION).join('|')})(:\\d+)?$`);
}

export function actionKind(id: string): ActionKind | undefined {
  const base = id.replace(/:\d+$/, '');
  return (Object.keys(ACTION) as ActionKind[]).find((k) => ACTION[k] === base);
}
