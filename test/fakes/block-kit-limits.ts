// The Block Kit limits Slack enforces, checked by the fake Web API the way Slack answers: `invalid_blocks` with
// json-pointer errors. A renderer that breaks one fails its end-to-end test instead of failing in production.

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function textOf(v: Json): string | undefined {
  return isObject(v) && typeof v.text === 'string' ? v.text : undefined;
}

export function blockKitErrors(blocks: Json, maxBlocks: number): string[] {
  if (!Array.isArray(blocks)) return ['must be an array [json-pointer:/blocks]'];
  const errors: string[] = [];
  if (blocks.length > maxBlocks)
    errors.push(`no more than ${maxBlocks} items allowed [json-pointer:/blocks]`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `/blocks/${i}`;
    if (!isObject(block) || typeof block.type !== 'string') {
      errors.push(`missing required field: type [json-pointer:${at}]`);
      return;
    }
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) errors.push(`duplicate block_id [json-pointer:${at}/block_id]`);
      blockIds.add(block.block_id);
    }
    const text = textOf(block.text);
    if (block.type === 'section') {
      if (text === undefined && !Array.isArray(block.fields))
        errors.push(`missing text or fields [json-pointer:${at}]`);
      if (text !== undefined && text.length > 3000)
        errors.push(`must be less than 3001 characters [json-pointer:${at}/text/text]`);
      if (text !== undefined && text.length === 0)
        errors.push(`must be more than 0 characters [json-pointer:${at}/text/text]`);
      if (Array.isArray(block.fields) && block.fields.length > 10)
        errors.push(`no more than 10 items allowed [json-pointer:${at}/fields]`);
    }
    if (block.type === 'header' && (text === undefined || text.length > 150 || text.length === 0))
      errors.push(`must be between 1 and 150 characters [json-pointer:${at}/text/text]`);
    if (block.type === 'context' && (!Array.isArray(block.elements) || block.elements.length > 10))
      errors.push(`must have 1 to 10 elements [json-pointer:${at}/elements]`);
    if (block.type === 'actions') errors.push(...actionErrors(block.elements, at));
  });
  return errors;
}

function actionErrors(elements: Json, at: string): string[] {
  if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25)
    return [`must have 1 to 25 elements [json-pointer:${at}/elements]`];
  const errors: string[] = [];
  const actionIds = new Set<string>();
  elements.forEach((el, j) => {
    const here = `${at}/elements/${j}`;
    if (!isObject(el)) return;
    if (el.type === 'static_select') errors.push(...selectErrors(el, here));
    else {
      const label = textOf(el.text);
      if (label === undefined || label.length === 0 || label.length > 75)
        errors.push(`must be between 1 and 75 characters [json-pointer:${here}/text/text]`);
      if (typeof el.value === 'string' && el.value.length > 2000)
        errors.push(`must be less than 2001 characters [json-pointer:${here}/value]`);
    }
    if (el.confirm !== undefined) errors.push(...confirmErrors(el.confirm, `${here}/confirm`));
    if (typeof el.action_id === 'string') {
      if (el.action_id.length > 255)
        errors.push(`must be less than 256 characters [json-pointer:${here}/action_id]`);
      if (actionIds.has(el.action_id)) errors.push(`duplicate action_id [json-pointer:${here}/action_id]`);
      actionIds.add(el.action_id);
    }
  });
  return errors;
}

function lengthError(text: string | undefined, max: number, at: string): string[] {
  return text === undefined || text.length === 0 || text.length > max
    ? [`must be between 1 and ${max} characters [json-pointer:${at}]`]
    : [];
}

/** Select menu of static options (Slack reference: Select menu element, Option object). */
function selectErrors(el: Record<string, Json>, at: string): string[] {
  const errors = lengthError(textOf(el.placeholder), 150, `${at}/placeholder/text`);
  if (isObject(el.placeholder) && el.placeholder.type !== 'plain_text')
    errors.push(`must be plain_text [json-pointer:${at}/placeholder/type]`);
  const options = el.options;
  if (!Array.isArray(options) || options.length === 0 || options.length > 100)
    return [...errors, `must have 1 to 100 items [json-pointer:${at}/options]`];
  const values = new Set<string>();
  options.forEach((o, k) => {
    const here = `${at}/options/${k}`;
    if (!isObject(o)) return;
    errors.push(...lengthError(textOf(o.text), 75, `${here}/text/text`));
    const value = typeof o.value === 'string' ? o.value : undefined;
    errors.push(...lengthError(value, 150, `${here}/value`));
    if (value !== undefined && values.has(value))
      errors.push(`duplicate option value [json-pointer:${here}/value]`);
    if (value !== undefined) values.add(value);
    if (o.description !== undefined)
      errors.push(...lengthError(textOf(o.description), 75, `${here}/description/text`));
  });
  return errors;
}

/** Confirmation dialog object: title 100, text 300, confirm and deny 30 characters. */
function confirmErrors(c: Json, at: string): string[] {
  if (!isObject(c)) return [`must be an object [json-pointer:${at}]`];
  return [
    ...lengthError(textOf(c.title), 100, `${at}/title/text`),
    ...lengthError(textOf(c.text), 300, `${at}/text/text`),
    ...lengthError(textOf(c.confirm), 30, `${at}/confirm/text`),
    ...lengthError(textOf(c.deny), 30, `${at}/deny/text`),
  ];
}
