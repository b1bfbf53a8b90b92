import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyse/rules/registry.js';
import { ROOT } from '../e2e/run-bin.js';

/** docs/indicators.md gives each indicator's exact condition and the guidance sentence it serves (issue 20). */

const doc = readFileSync(join(ROOT, 'docs/indicators.md'), 'utf8');
const sections = new Map(
  doc
    .split(/^### /m)
    .slice(1)
    .map((section) => [/\(`([a-z_]+)`\)/.exec(section.split('\n')[0] ?? '')?.[1] ?? '', section.split(/^## /m)[0] ?? '']),
);
const normalise = (text: string): string =>
  text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').toLowerCase();
const SEEDS = join(ROOT, '../shared/seeds');

describe('docs/indicators.md', () => {
  for (const rule of RULES) {
    it(`gives ${rule.id} a rule, a guidance quotation and a row in the table`, () => {
      const section = sections.get(rule.id);
      expect(section, rule.id).toBeDefined();
      expect(section).toContain('*Rule:*');
      expect(section).toMatch(/\*Guidance:\*[^]*"[^"]{20,}"/);
      expect(doc).toMatch(new RegExp(`^\\| \`${rule.id}\` \\|`, 'm'));
    });
  }

  // The practice guidance sits beside the repository in the project's workspace; elsewhere there is nothing to compare with.
  it.skipIf(!existsSync(SEEDS))('quotes the guidance word for word', () => {
    const seeds = readdirSync(SEEDS)
      .map((file) => normalise(readFileSync(join(SEEDS, file), 'utf8')))
      .join(' ');
    const missing = [...sections].flatMap(([id, section]) =>
      [...normalise(section.split('*Guidance:*')[1] ?? '').matchAll(/"([^"]+)"/g)].flatMap((m) =>
        (m[1] ?? '').split(' ... ').filter((part) => !seeds.includes(part.replace(/\.$/, ''))).map((part) => `${id}: ${part}`),
      ),
    );
    expect(missing).toEqual([]);
  });
});
