/**
 * Building blocks for the response schemas routes declare (`schema.response`): a table's row
 * as the API sends it, derived from the drizzle table itself (so a new column is documented
 * and checked without a second list of fields), and the small answers many routes share.
 */
import { getTableColumns, type Table } from 'drizzle-orm';
import { z } from 'zod';

/** The zod shape of a row of `T`: one entry per column, typed as the row type has it. */
export type RowShape<T extends Table> = { [K in keyof T['$inferSelect']]-?: z.ZodType<T['$inferSelect'][K]> };

function columnSchema(column: { dataType: string; notNull: boolean; enumValues?: readonly string[] | undefined }): z.ZodType {
  let schema: z.ZodType;
  if (column.enumValues && column.enumValues.length > 0) schema = z.enum(column.enumValues as [string, ...string[]]);
  else if (column.dataType === 'number') schema = z.number();
  else if (column.dataType === 'boolean') schema = z.boolean();
  else if (column.dataType === 'string') schema = z.string();
  // JSON columns are open-ended here; routes that promise more declare it.
  else schema = z.unknown();
  return column.notNull ? schema : schema.nullable();
}

/** A row of `table` as JSON (every column, by its property name). */
export function rowSchema<T extends Table>(table: T): z.ZodObject<RowShape<T>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, column] of Object.entries(getTableColumns(table))) shape[name] = columnSchema(column as never);
  return z.object(shape) as unknown as z.ZodObject<RowShape<T>>;
}

/** `{ ok: true }`: done, nothing else to say. */
export const OkAnswer = z.object({ ok: z.boolean() });

/** 204: no body. */
export const NoContent = z.null().describe('No content');

/** A non-JSON answer (`content-type` → what it is), documented but not checked (its bytes are the point). */
export function bodyOf(contentType: string, description: string) {
  // Typed as unknown: the handler sends bytes, a stream or text, which JSON typing cannot describe.
  const schema = z.string().describe(description) as unknown as z.ZodType<unknown>;
  return { description, content: { [contentType]: { schema } } };
}

/** A Server-Sent Events stream (`text/event-stream`) and what its events carry. */
export function eventStreamOf(events: string) {
  return bodyOf('text/event-stream', `Server-Sent Events: ${events}`);
}

/**
 * A nested part whose shape is the domain's own (a pacing explanation, a score sheet) and is
 * documented in words rather than field by field: checked to be present, not field by field.
 */
export function described<T>(description: string): z.ZodType<T> {
  return z.unknown().describe(description) as unknown as z.ZodType<T>;
}

/** A report answered as JSON (`format=json`) or as CSV (`format=csv`): both documented, the JSON checked. */
export function jsonOrCsv<T extends z.ZodType>(schema: T, csv: string) {
  return {
    description: `the report (format=json), or ${csv} as CSV (format=csv)`,
    content: { 'application/json': { schema }, 'text/csv': { schema: bodyOf('text/csv', csv).content['text/csv']!.schema } },
  };
}
