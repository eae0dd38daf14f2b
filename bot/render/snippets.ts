// Snippets as code blocks in a message, or as files when they are too long or asked for.
import type { Snippet } from '../../knowledge/model.ts';
import { codeBlock, escapeText } from '../slack/escape.ts';
import type { Overflow } from './blocks.ts';
import { LIMITS } from './limits.ts';

const FILE_KIND: Record<Snippet['language'], { ext: string; type: Overflow['snippetType'] }> = {
  ini: { ext: 'ini', type: 'ini' },
  bash: { ext: 'sh', type: 'shell' },
  text: { ext: 'txt', type: 'text' },
};

export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s.length > 0 ? s : 'snippet';
}

export function snippetFile(snippet: Snippet): Overflow {
  const kind = FILE_KIND[snippet.language];
  return {
    filename: `${slug(snippet.title)}.${kind.ext}`,
    title: snippet.title,
    content: snippet.code.endsWith('\n') ? snippet.code : `${snippet.code}\n`,
    snippetType: kind.type,
  };
}

/** All snippets in one file, for "Send snippets as a file". */
export function allSnippetsFile(snippets: readonly Snippet[]): Overflow {
  const content = snippets.map((s) => `# ${s.title}\n${s.code.replace(/\n+$/, '')}\n`).join('\n');
  return { filename: 'ccnet-snippets.txt', title: 'ccnet snippets', content, snippetType: 'text' };
}

/** The snippet as one section's text (its title, then `cite`: links to its sources), or undefined when too long. */
export function snippetSection(snippet: Snippet, cite = ''): string | undefined {
  const text = `*${escapeText(snippet.title)}*${cite}\n${codeBlock(snippet.code)}`;
  return text.length <= LIMITS.sectionText ? text : undefined;
}
