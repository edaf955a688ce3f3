import type * as z from 'zod';

/**
 * How the CSV reader turns a cell's text into a value, decided by the type of the target field
 * found in the record schema. @internal
 *
 * - `text`: the text as it is (strings, string enums and literals, formats such as email).
 * - `date`: a calendar-day string (`z.iso.date()`); converted from `dateFormat` when one is given.
 * - `number`, `boolean`: parsed strictly.
 * - `list`: an array of strings, split on `|` (or a JSON array when the cell starts with `[`).
 * - `json`: objects, records, tuples and arrays of anything but strings, read as JSON.
 * - `union`: a union of several of the above (an `AnswerValue`); see `convertCell`.
 * - `unknown`: a type the reader cannot see into (`z.any()`, `z.custom()`, `z.date()`): the text.
 */
export interface FieldKind {
  readonly kind: 'text' | 'date' | 'number' | 'boolean' | 'list' | 'json' | 'union' | 'unknown';
  /** The field accepts `null`: an empty cell becomes `null` rather than missing. */
  readonly acceptsNull: boolean;
  /** For `union`: which readings the union admits. */
  readonly text: boolean;
  readonly number: boolean;
  readonly boolean: boolean;
  readonly json: boolean;
}

/** The parts of a zod 4 definition that the reader looks at. @internal */
interface Def {
  readonly type: string;
  readonly innerType?: Schema;
  readonly in?: Schema;
  readonly getter?: () => Schema;
  readonly shape?: Readonly<Record<string, Schema>>;
  readonly catchall?: Schema;
  readonly valueType?: Schema;
  readonly element?: Schema;
  readonly options?: readonly Schema[];
  readonly left?: Schema;
  readonly right?: Schema;
  readonly format?: string;
  readonly values?: readonly unknown[];
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly format?: string } } }[];
}

type Schema = z.core.$ZodType;

const MAX_DEPTH = 64;

function defOf(schema: Schema): Def {
  return schema._zod.def as unknown as Def;
}

/** Strips wrappers that do not change what a cell holds; notes whether `null` is accepted. */
function unwrap(schema: Schema): { schema: Schema; acceptsNull: boolean } {
  let current = schema;
  let acceptsNull = false;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const def = defOf(current);
    let next: Schema | undefined;
    switch (def.type) {
      case 'nullable':
        acceptsNull = true;
        next = def.innerType;
        break;
      case 'optional':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        next = def.innerType;
        break;
      case 'pipe':
        // The input side says what the cell must become before the pipe runs.
        next = def.in;
        break;
      case 'lazy':
        next = def.getter?.();
        break;
      default:
        return { schema: current, acceptsNull };
    }
    if (next === undefined) return { schema: current, acceptsNull };
    current = next;
  }
  return { schema: current, acceptsNull };
}

const NONE = { text: false, number: false, boolean: false, json: false } as const;

function simple(kind: FieldKind['kind'], acceptsNull: boolean): FieldKind {
  return { kind, acceptsNull, ...NONE };
}

/** Classifies primitive values (of a literal or an enum). */
function fromValues(values: readonly unknown[], acceptsNull: boolean): FieldKind {
  let text = false;
  let number = false;
  let boolean = false;
  let nullable = acceptsNull;
  for (const value of values) {
    if (typeof value === 'string') text = true;
    else if (typeof value === 'number') number = true;
    else if (typeof value === 'boolean') boolean = true;
    else if (value === null) nullable = true;
  }
  return combine({ text, number, boolean, json: false, acceptsNull: nullable });
}

function combine(flags: {
  text: boolean;
  number: boolean;
  boolean: boolean;
  json: boolean;
  acceptsNull: boolean;
}): FieldKind {
  const { text, number, boolean, json, acceptsNull } = flags;
  const count = Number(text) + Number(number) + Number(boolean) + Number(json);
  if (count === 1 && !text) {
    return simple(number ? 'number' : boolean ? 'boolean' : 'json', acceptsNull);
  }
  if (count <= 1 && text) return simple('text', acceptsNull);
  if (count === 0) return simple('unknown', acceptsNull);
  return { kind: 'union', acceptsNull, text, number, boolean, json };
}

/** The kind of a field's own schema. */
function kindOf(schema: Schema, depth: number): FieldKind {
  // Recursive schemas (through z.lazy) end here rather than overflow the stack.
  if (depth > MAX_DEPTH) return simple('unknown', false);
  const { schema: core, acceptsNull } = unwrap(schema);
  const def = defOf(core);
  switch (def.type) {
    case 'string': {
      // z.iso.date() carries the format itself; z.string().date() as a check.
      const isDay =
        def.format === 'date' ||
        (def.checks ?? []).some((check) => check._zod.def.format === 'date');
      return simple(isDay ? 'date' : 'text', acceptsNull);
    }
    case 'template_literal':
      return simple('text', acceptsNull);
    case 'number':
    case 'int':
      return simple('number', acceptsNull);
    case 'boolean':
      return simple('boolean', acceptsNull);
    case 'null':
      return simple('unknown', true);
    case 'enum':
      return fromValues(Object.values(def.entries ?? {}), acceptsNull);
    case 'literal':
      return fromValues(def.values ?? [], acceptsNull);
    case 'array': {
      const element = def.element === undefined ? undefined : kindOf(def.element, depth + 1);
      const isText = element !== undefined && (element.kind === 'text' || element.kind === 'date');
      return simple(isText ? 'list' : 'json', acceptsNull);
    }
    case 'object':
    case 'record':
    case 'tuple':
    case 'intersection':
      return simple('json', acceptsNull);
    case 'union': {
      const flags = { text: false, number: false, boolean: false, json: false, acceptsNull };
      for (const option of def.options ?? []) {
        if (defOf(unwrap(option).schema).type === 'null') {
          flags.acceptsNull = true;
          continue;
        }
        const kind = kindOf(option, depth + 1);
        if (kind.acceptsNull) flags.acceptsNull = true;
        switch (kind.kind) {
          case 'text':
          case 'date':
          case 'unknown':
            flags.text = true;
            break;
          case 'number':
            flags.number = true;
            break;
          case 'boolean':
            flags.boolean = true;
            break;
          case 'list':
          case 'json':
            flags.json = true;
            break;
          case 'union':
            flags.text ||= kind.text;
            flags.number ||= kind.number;
            flags.boolean ||= kind.boolean;
            flags.json ||= kind.json;
            break;
        }
      }
      return combine(flags);
    }
    default:
      return simple('unknown', acceptsNull);
  }
}

function walk(
  schema: Schema,
  segments: readonly string[],
  index: number,
  depth: number,
): FieldKind | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (index === segments.length) return kindOf(schema, depth);
  const { schema: core } = unwrap(schema);
  const def = defOf(core);
  const segment = segments[index]!;
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      // Object.hasOwn: a shape is a plain object, and `constructor` must not find Object.
      if (Object.hasOwn(shape, segment)) {
        return walk(shape[segment]!, segments, index + 1, depth + 1);
      }
      const catchall = def.catchall;
      if (catchall !== undefined && defOf(catchall).type !== 'never') {
        return walk(catchall, segments, index + 1, depth + 1);
      }
      return undefined;
    }
    case 'record':
      return def.valueType === undefined
        ? undefined
        : walk(def.valueType, segments, index + 1, depth + 1);
    case 'union':
      // A discriminated union (a question of several kinds): the field may live in any option.
      for (const option of def.options ?? []) {
        const found = walk(option, segments, index, depth + 1);
        if (found !== undefined) return found;
      }
      return undefined;
    case 'intersection':
      for (const side of [def.left, def.right]) {
        if (side === undefined) continue;
        const found = walk(side, segments, index, depth + 1);
        if (found !== undefined) return found;
      }
      return undefined;
    case 'any':
    case 'unknown':
    case 'custom':
      return simple('unknown', false);
    default:
      return undefined;
  }
}

/**
 * Finds the field at a dotted path (already split) in a record schema and says how to read its
 * cells, or `undefined` when the schema has no such field. Objects are entered through their shape
 * (or their catch-all), records through their value type, unions through any option that has the
 * field. @internal
 */
export function resolveField(
  schema: z.core.$ZodType,
  segments: readonly string[],
): FieldKind | undefined {
  if (segments.length === 0 || segments.some((segment) => segment === '')) return undefined;
  return walk(schema, segments, 0, 0);
}
