import { stringify } from 'yaml';
import { mergeDocument, validateDocument } from '../documents.js';
import type { OutputFormat } from '../report.js';

const yaml = (value: unknown): string => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });

export const yamlFormat: OutputFormat = {
  name: 'yaml',
  views: {
    validate: (report) => yaml(validateDocument(report)),
    merge: (report) => yaml(mergeDocument(report)),
  },
};
