// Template-shaped hostile text: the grammar's pieces (headers of any rank, attributes, parameters, multi-line quotes,
// comments) in any order, mismatched, nested and mixed with junk, so the fuzzer reaches deep into the parser.
import fc from 'fast-check';
import { anyText, nastyNames } from './fuzz.ts';

const KINDS = [
  'cluster',
  'node',
  'nodearray',
  'configuration',
  'parameters',
  'parameter',
  'network-interface',
  'volume',
  'cluster-init',
  'list',
  'defaults',
];
const KEYS = [
  'IsReturnProxy',
  'SubnetId',
  'Extends',
  'Abstract',
  'ImageName',
  'MachineType',
  'AssociatePublicIpAddress',
  'KeyPairLocation',
  'DefaultValue',
  'ParameterType',
  'Label',
  'Credentials',
  'Region',
  'slurm.role',
  'cyclecloud.cluster.autoscale.idle_time_after_jobs',
];

const word = fc.oneof(
  fc.constantFrom(...KINDS, 'defaults', 'scheduler', 'execute', 'proxy', 'eth0', 'ReturnProxy', 'Subnet'),
  nastyNames,
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
);

const name = fc.oneof(
  word,
  word.map((w) => `$${w}`),
  fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
  fc.constant(''),
);

const header = fc
  .record({
    open: fc.integer({ min: 0, max: 7 }),
    close: fc.integer({ min: 0, max: 7 }),
    kind: fc.oneof(fc.constantFrom(...KINDS), word),
    name: fc.option(name, { nil: undefined }),
    pad: fc.constantFrom('', ' ', '  ', '\t'),
    tail: fc.constantFrom('', ' # comment', ' junk', ']'),
  })
  .map(
    ({ open, close, kind, name, pad, tail }) =>
      `${pad}${'['.repeat(open)}${pad}${kind}${name === undefined ? '' : ` ${name}`}${pad}${']'.repeat(close)}${tail}`,
  );

const scalar = fc.oneof(
  fc.constantFrom(
    'true',
    'False',
    'TRUE',
    'undefined',
    '0',
    '-1',
    '1e309',
    'NaN',
    '9443',
    '37140',
    '"quoted"',
    "'q'",
  ),
  word.map((w) => `$${w}`),
  fc.tuple(word, word).map(([a, b]) => `\${ifThenElse(${a}, $${b}, undefined)}`),
  fc.integer().map(String),
  fc.double().map(String),
  word,
  anyText.map((t) => t.replace(/[\r\n]/g, ' ')),
);

const attribute = fc
  .record({
    key: fc.oneof(fc.constantFrom(...KEYS), word),
    op: fc.constantFrom('=', ':=', ' = ', '==', '= ='),
    value: scalar,
    comment: fc.constantFrom('', ' # note', '#x', ' #'),
  })
  .map(({ key, op, value, comment }) => `${key}${op}${value}${comment}`);

const multiline = fc
  .record({
    key: fc.constantFrom(...KEYS),
    quote: fc.constantFrom("'''", '"""'),
    body: fc.array(fc.oneof(attribute, header, anyText), { maxLength: 4 }),
    closed: fc.boolean(),
  })
  .map(({ key, quote, body, closed }) => [
    `${key} = ${quote}${body[0] ?? ''}`,
    ...body.slice(1),
    closed ? quote : '',
  ]);

const line = fc.oneof(
  { weight: 3, arbitrary: header.map((h) => [h]) },
  { weight: 5, arbitrary: attribute.map((a) => [a]) },
  { weight: 1, arbitrary: multiline },
  { weight: 1, arbitrary: fc.constantFrom('# comment', '', '   ', '\t# x = y').map((l) => [l]) },
  { weight: 1, arbitrary: anyText.map((t) => [t]) },
);

/** Lines that are mostly attributes, sometimes anything at all. */
const body = fc.array(
  fc.oneof({ weight: 4, arbitrary: attribute.map((a) => [a]) }, { weight: 1, arbitrary: line }),
  {
    maxLength: 6,
  },
);

/** A well-formed header of the rank its kind belongs at, so the structure around the junk holds together. */
const section = (rank: number, kinds: string[]) =>
  fc
    .record({ kind: fc.constantFrom(...kinds), name: fc.option(name, { nil: undefined }), lines: body })
    .map(({ kind, name, lines }) => [
      `${'['.repeat(rank)}${kind}${name === undefined ? '' : ` ${name}`}${']'.repeat(rank)}`,
      ...lines.flat(),
    ]);

const node = fc
  .tuple(
    section(2, ['node', 'nodearray', 'node defaults']),
    fc.array(section(3, ['configuration', 'network-interface eth0', 'volume', 'cluster-init']), {
      maxLength: 2,
    }),
  )
  .map(([head, children]) => [...head, ...children.flat()]);

const parameter = fc
  .record({ name: word, value: scalar, extra: body })
  .map(({ name, value, extra }) => [`[[[parameter ${name}]]]`, `DefaultValue = ${value}`, ...extra.flat()]);

/** Cluster, nodes, sub-sections and parameters in template order, with hostile lines anywhere. */
const structured = fc
  .record({
    cluster: section(1, ['cluster']),
    nodes: fc.array(node, { maxLength: 5 }),
    params: fc.array(parameter, { maxLength: 4 }),
    junk: fc.array(fc.tuple(line, fc.nat()), { maxLength: 4 }),
  })
  .map(({ cluster, nodes, params, junk }) => {
    const parts: string[][] = [
      cluster,
      ...nodes,
      ['[parameters About]', '[[parameters Networking]]'],
      ...params,
    ];
    for (const [extra, at] of junk) parts.splice(at % (parts.length + 1), 0, extra);
    return parts.flat();
  });

/** A template-like text (a structured template with junk, or loose lines), with any mix of line endings. */
export const templateText = fc
  .record({
    lines: fc.oneof(
      { weight: 3, arbitrary: structured },
      { weight: 1, arbitrary: fc.array(line, { maxLength: 30 }).map((l) => l.flat()) },
    ),
    eol: fc.constantFrom('\n', '\r\n', '\r', '\n\n'),
    lead: fc.constantFrom('', '\ufeff', '\n'),
  })
  .map(({ lines, eol, lead }) => lead + lines.join(eol));

/** `--param Name=value` overrides, hostile names included. */
export const paramOverrides = fc.dictionary(fc.oneof(word, nastyNames), fc.oneof(scalar, anyText), {
  maxKeys: 4,
});
