import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeBlock,
  escapeText,
  fittedCodeBlock,
  inlineCode,
  mention,
  neutraliseFences,
  truncate,
  unescapeText,
} from '../../bot/slack/escape.ts';

describe('escapeText', () => {
  it('turns a channel ping into text that pings nobody', () => {
    expect(escapeText('<!channel> look')).toBe('&lt;!channel&gt; look');
    expect(escapeText('<@U123> & <#C1|x>')).toBe('&lt;@U123&gt; &amp; &lt;#C1|x&gt;');
  });

  it('round-trips through unescapeText', () => {
    fc.assert(fc.property(fc.string(), (s) => unescapeText(escapeText(s)) === s));
  });

  it('a name holding ``` cannot open a code block where it is echoed (issue 9, item 11)', () => {
    expect(escapeText('slurm```.txt')).not.toContain('``');
    fc.assert(fc.property(fc.string(), (s) => !escapeText(s).includes('``')));
  });

  it('leaves no bare angle brackets', () => {
    fc.assert(fc.property(fc.string(), (s) => !/[<>]/.test(escapeText(s))));
  });
});

describe('code blocks', () => {
  it('user text cannot close the fence', () => {
    const block = codeBlock('a\n```\n<!here> escaped?\n```');
    const inner = block.slice(4, -4);
    expect(inner).not.toContain('```');
    expect(inner).toContain('&lt;!here&gt;');
    expect(block.startsWith('```\n') && block.endsWith('\n```')).toBe(true);
  });

  it('no run of backticks survives, whatever the input', () => {
    fc.assert(fc.property(fc.string(), (s) => !neutraliseFences(s).includes('``')));
  });

  it('inline code keeps to one line and has no inner backtick', () => {
    const code = inlineCode('a`b\nc');
    expect(code.slice(1, -1)).not.toContain('`');
    expect(code).not.toContain('\n');
  });

  it('a code block too long for a section is cut at lines and says so', () => {
    const code = Array.from({ length: 400 }, (_, i) => `Key${i} = value ${i}`).join('\n');
    const { text, complete } = fittedCodeBlock(code, 3000);
    expect(complete).toBe(false);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/\d+ more lines/);
    expect(text.match(/```/g)).toHaveLength(2);
  });
});

describe('truncate', () => {
  it('never exceeds the limit and never cuts an entity or a surrogate pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.integer({ min: 2, max: 60 }),
        (s, max) => {
          const cut = truncate(escapeText(s), max);
          expect(cut.length).toBeLessThanOrEqual(Math.max(max, 1));
          expect(cut).not.toMatch(/&(a|am|l|g)?…$/);
          expect(cut).not.toMatch(/[\ud800-\udbff]…$/);
        },
      ),
    );
  });

  it('leaves short text alone', () => {
    expect(truncate('short', 10)).toBe('short');
  });
});

describe('mention', () => {
  it('links user ids and escapes anything else', () => {
    expect(mention('U0123ABC')).toBe('<@U0123ABC>');
    expect(mention('<!channel>')).toBe('&lt;!channel&gt;');
  });
});
