// Where to look (JP, CI): the node's Jetpack logs and the CycleCloud server log.
import type { Snippet } from '../../model.ts';

export function logSnippet(): Snippet {
  const code = [
    '# On the node',
    'sudo tail -n 100 /opt/cycle/jetpack/logs/jetpack.log /opt/cycle/jetpack/logs/jetpackd.log',
    'sudo tail -n 100 /opt/cycle/jetpack/logs/chef-client.log /opt/cycle/jetpack/logs/installation.log',
    '# On the CycleCloud server',
    'sudo tail -n 200 /opt/cycle_server/logs/cycle_server.log',
  ].join('\n');
  return { title: 'Read the logs', language: 'bash', code };
}
