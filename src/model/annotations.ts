import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { describeIssue } from '../analyse/rules-schema.js';
import { InputError } from '../errors.js';

/** What a practitioner wrote beside an event: their analysis, as the Mosaic and PLO templates ask. */
export const EventAnnotation = z
  .object({
    analysis: z.string().optional().describe("the practitioner's analysis of the event"),
    impact: z.string().optional().describe('the impact on the child or adult'),
    relevance: z
      .enum(['key', 'context', 'exclude'])
      .optional()
      .describe('exclude: left out of the chronology shown, still counted'),
    note: z.string().optional(),
  })
  .strict();
export type EventAnnotation = z.infer<typeof EventAnnotation>;

export const PersonAnnotation = z.object({ note: z.string().optional() }).strict();
export type PersonAnnotation = z.infer<typeof PersonAnnotation>;

/** `--annotations FILE`: annotations keyed by stable event and person ids (docs/merge.md). */
export const AnnotationsFile = z
  .object({
    events: z.record(z.string(), EventAnnotation.nullable()).optional(),
    persons: z.record(z.string(), PersonAnnotation.nullable()).optional(),
  })
  .strict();
export type AnnotationsFile = z.infer<typeof AnnotationsFile>;

/** Parses an annotations file; a problem is one InputError naming the file and line. */
export function parseAnnotations(text: string, file: string): AnnotationsFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    throw new InputError(file, `not valid YAML: ${yamlError.message.split('\n')[0] ?? ''}`, lineCounter.linePos(yamlError.pos[0]).line);
  }
  const result = AnnotationsFile.safeParse(doc.toJS({ maxAliasCount: 100 }) ?? {});
  if (result.success) return result.data;
  const issue = (result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]) as z.core.$ZodIssue;
  const { problem, line } = describeIssue(issue, doc, lineCounter);
  throw new InputError(file, problem, line);
}
