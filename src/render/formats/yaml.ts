import { stringify } from 'yaml';
import { analyseDocument, mergeDocument, timelineDocument, validateDocument } from '../documents.js';
import { personsDocument } from '../persons.js';
import type { OutputFormat } from '../report.js';

const yaml = (value: unknown): string => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });

export const yamlFormat: OutputFormat = {
  name: 'yaml',
  views: {
    validate: (report) => yaml(validateDocument(report)),
    merge: (report) => yaml(mergeDocument(report)),
    timeline: (report) => yaml(timelineDocument(report)),
    analyse: (report) => yaml(analyseDocument(report)),
    persons: (report) => yaml(personsDocument(report)),
  },
};
