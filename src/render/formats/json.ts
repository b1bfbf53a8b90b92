import { mergeDocument, timelineDocument, validateDocument, analyseDocument } from '../documents.js';
import { pairsDocument, personsDocument } from '../persons.js';
import type { OutputFormat } from '../report.js';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export const jsonFormat: OutputFormat = {
  name: 'json',
  views: {
    validate: (report) => json(validateDocument(report)),
    merge: (report) => json(mergeDocument(report)),
    timeline: (report) => json(timelineDocument(report)),
    analyse: (report) => json(analyseDocument(report)),
    persons: (report) => json(personsDocument(report)),
    pairs: (report) => json(pairsDocument(report)),
  },
};
