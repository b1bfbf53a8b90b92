import { z } from 'zod';
import { AnalyseOutput } from '../model/output.js';
import { AnnotationsFile } from '../model/annotations.js';
import { ChronologyRecord } from '../model/record.js';
import { MergeOutput, PersonsOutput, ValidateOutput } from '../model/output.js';
import { ProfileSchema } from '../profile/schema.js';
import { RuleSetSchema } from '../analyse/index.js';

/** Every JSON Schema the project publishes in schemas/, generated from its zod schema. */
const CATALOGUE: Record<string, { schema: z.ZodType; title: string; io: 'input' | 'output' }> = {
  'record.schema.json': { schema: ChronologyRecord, title: 'chronology canonical record', io: 'output' },
  'validate-output.schema.json': { schema: ValidateOutput, title: 'chronology validate --format json', io: 'output' },
  'merge-output.schema.json': { schema: MergeOutput, title: 'chronology merge --format json', io: 'output' },
  'persons-output.schema.json': { schema: PersonsOutput, title: 'chronology persons --format json', io: 'output' },
  'analyse-output.schema.json': { schema: AnalyseOutput, title: 'chronology analyse --format json', io: 'output' },
  'profile.schema.json': { schema: ProfileSchema, title: 'chronology agency profile', io: 'input' },
  'annotations.schema.json': { schema: AnnotationsFile, title: 'chronology annotations (--annotations)', io: 'input' },
  'rules.schema.json': { schema: RuleSetSchema, title: 'chronology analysis rules', io: 'input' },
};

export function schemaDocuments(): Record<string, string> {
  const documents: Record<string, string> = {};
  for (const [file, { schema, title, io }] of Object.entries(CATALOGUE)) {
    const json = { title, ...z.toJSONSchema(schema, { io, unrepresentable: 'any' }) };
    documents[file] = `${JSON.stringify(json, null, 2)}\n`;
  }
  return documents;
}
