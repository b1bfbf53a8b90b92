import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { CAUTION } from '../../src/analyse/index.js';
import { runBin } from '../e2e/run-bin.js';

const FAMILY = ['fixtures/family/health.csv', 'fixtures/family/housing.yaml', 'fixtures/family/police.csv', 'fixtures/family/school.csv', 'fixtures/family/social-care.csv'];

/** The document's text, paragraph by paragraph, read back out of the .docx zip. */
async function paragraphs(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]!.replace(/&amp;/g, '&').replace(/&apos;/g, "'").replace(/&quot;/g, '"')).join(''),
  );
}

describe('--format docx', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chronology-docx-'));
  const annotations = join(dir, 'annotations.yaml');

  it('holds the caution, every event, the annotations in the analysis column and the analysis', async () => {
    const json = JSON.parse(runBin(['merge', ...FAMILY, '-q']).stdout) as { events: { id: string; description?: string }[] };
    const annotated = json.events[7]!;
    writeFileSync(annotations, `events:\n  ${annotated.id}:\n    analysis: "Pattern of neglect recognised late"\n    relevance: key\n`);
    const file = join(dir, 'analysis.docx');
    const result = runBin(['analyse', ...FAMILY, '--format', 'docx', '--annotations', annotations, '-o', file]);
    expect(result.code).toBe(0);
    const text = await paragraphs(file);
    expect(text).toContain(CAUTION);
    expect(text).toContain('Analysis');
    expect(text).toContain('Analysis: Pattern of neglect recognised late');
    expect(text.some((p) => p.startsWith('Indicator level (how far the findings reach; not a legal threshold): EXTENSIVE.'))).toBe(true);
    for (const e of json.events) expect(text).toContain(e.id);
    expect(text.indexOf('Analysis: Pattern of neglect recognised late')).toBeGreaterThan(text.indexOf(annotated.id));
  });

  it('lays out a court chronology as date, event and source only', async () => {
    const file = join(dir, 'court.docx');
    expect(runBin(['timeline', ...FAMILY, '--format', 'docx', '--layout', 'court', '--person', 'Lacey', '-o', file]).code).toBe(0);
    const text = await paragraphs(file);
    expect(text.slice(0, 12)).toEqual(expect.arrayContaining(['Date', 'Event', 'Source']));
    expect(text).not.toContain('Analysis');
    expect(text).toContain(CAUTION);
    expect(text.some((p) => p.startsWith('referral (severity 2): Referral to CSC re neglect'))).toBe(true);
    expect(text).toContain('School CPOMS-1744');
  });
});
