import * as z from 'zod';

/**
 * A calendar day as `YYYY-MM-DD`, checked to exist (`2024-02-29` yes, `2023-02-29` no). JSON
 * Schema carries it as `format: date` with a leap-year-aware pattern.
 */
export const CalendarDaySchema = z.iso.date();

/**
 * An instant as ISO 8601 with an explicit zone: `Z` or an offset such as `+13:00` (never a local
 * time without zone, which would change meaning with the reader's machine).
 */
export const InstantSchema = z.iso.datetime({ offset: true });

/** An identifier: a non-empty string without surrounding white space. */
export const IdSchema = z
  .string()
  .min(1, 'must not be empty')
  .refine((value) => value.trim() === value, 'must not start or end with white space');

/** Keys that could reach an object's prototype; refused wherever records hold free-form keys. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** A key of a free-form map: non-empty and not one of {@link RESERVED_KEYS}. */
export const SafeKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .refine(
    (key) => !RESERVED_KEYS.has(key),
    'is a reserved key (__proto__, constructor, prototype)',
  );

/** A value of a segmentation attribute: text, a finite number or a yes/no. */
export const AttributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** Free segmentation attributes (location, role, level ...), keyed by safe keys. */
export const AttributesSchema = z.record(SafeKeySchema, AttributeValueSchema);

/** An eNPS answer: a whole number from 0 to 10 (7.5, -1 and 11 are refused, never rounded). */
export const EnpsScoreSchema = z.int().min(0).max(10);
