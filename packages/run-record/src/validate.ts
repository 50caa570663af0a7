/**
 * Schema validation with one-line errors: the file (or source), the first bad field as a dotted path, what
 * was wrong and the value found — what a user needs to fix a hand-edited or damaged file.
 */
import type { z } from 'zod';

export class RecordError extends Error {
  override readonly name = 'RecordError';
  constructor(
    message: string,
    /** Dotted path of the first bad field ('' for the whole record). */
    readonly field: string,
  ) {
    super(message);
  }
}

/** The first issue of a failed parse as `'field' problem (got value)`. */
export function describeIssue(error: z.ZodError, input: unknown): { field: string; text: string } {
  const issue = error.issues[0];
  const field = issue.path.map(String).join('.');
  const got = valueAt(input, issue.path);
  const shown = got === undefined ? 'missing' : `got ${JSON.stringify(got)}`;
  const problem =
    issue.code === 'unrecognized_keys'
      ? `has unknown field(s) ${issue.keys.join(', ')}`
      : `${plainMessage(issue)} (${shown})`;
  return {
    field,
    text:
      field === '' || issue.code === 'unrecognized_keys'
        ? `${field === '' ? 'the record' : `'${field}'`} ${problem}`
        : `'${field}' ${problem}`,
  };
}

/** Zod's wording turned into what the field must be: "must be at most 4096", "must be a whole number". */
function plainMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      return `must be ${issue.inclusive === false ? 'below' : 'at most'} ${String(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must not be empty`
        : `must be ${issue.inclusive === false ? 'above' : 'at least'} ${String(issue.minimum)}`;
    case 'invalid_type':
      return issue.expected === 'int'
        ? 'must be a whole number'
        : `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** Parses `input` with `schema`, or throws a RecordError naming `source` and the first bad field. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, source: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { field, text } = describeIssue(parsed.error, input);
  throw new RecordError(`${source}: ${text}`, field);
}

/** Reads JSON text and parses it with `schema`; truncated or malformed JSON is a RecordError too. */
export function parseJsonWith<T extends z.ZodType>(schema: T, text: string, source: string): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new RecordError(`${source}: not valid JSON (${(error as Error).message.split('\n')[0]})`, '');
  }
  return parseWith(schema, raw, source);
}
