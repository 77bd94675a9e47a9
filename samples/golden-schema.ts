// Golden records: what a careful reader finds in each seed document. Built from the record
// schemas, leaving out what depends on a rendering (page, span) or on the program (confidence,
// checks, sha256).
import { z } from 'zod';
import { DocumentSchema, FigureSchema, TableRowSchema, TableSchema } from '../core/records.js';

const GoldenHeaderSchema = DocumentSchema.pick({
  kind: true,
  number: true,
  issuer: true,
  place: true,
  date: true,
  subject: true,
}).strict();

// `text` is a passage of the seed that contains the figure's number as printed; it matches the
// seed once whitespace runs are collapsed to one space, and is unique there.
const GoldenFigureSchema = FigureSchema.omit({ page: true, span: true, confidence: true }).strict();

const GoldenTableSchema = TableSchema.omit({ page: true, checks: true })
  .extend({ rows: z.array(TableRowSchema.strict()) })
  .strict();

export const GoldenSchema = z
  .object({
    seed: z.string().regex(/^\d{3}_[0-9a-f]{16}$/),
    document: GoldenHeaderSchema,
    figures: z.array(GoldenFigureSchema),
    tables: z.array(GoldenTableSchema),
  })
  .strict();

export type Golden = z.infer<typeof GoldenSchema>;
