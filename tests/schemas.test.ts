import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaDocuments } from '../src/schemas/catalogue.js';

describe('schemas/', () => {
  for (const [file, expected] of Object.entries(schemaDocuments())) {
    it(`${file} matches its zod schema (run \`npm run build && npm run schemas\` after changing one)`, () => {
      expect(readFileSync(new URL(`../schemas/${file}`, import.meta.url), 'utf8')).toBe(expected);
    });
  }
});
