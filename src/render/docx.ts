/**
 * Word output (`--format docx`), for the reviews and court bundles that are written in Word. Not in
 * the text registry: a .docx is a zip, made by the docx package as a Buffer.
 */
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { CAUTION } from '../analyse/index.js';
import type { ChronologyEvent, Person } from '../model/stages.js';
import { annotationLines } from '../pipeline/annotate.js';
import { changeMark } from '../pipeline/since.js';
import type { Report } from './report.js';
import { countsLine } from './text/summary.js';
import { eventsByPerson, personHeading, shownDate } from './text/timeline.js';
import { LEVEL_LABEL, LEVEL_TITLE } from './text/analysis.js';

/** `standard`: the chronology with the analysis column; `court`: date, event, source, as the PLO asks. */
export type DocxLayout = 'standard' | 'court';

const cell = (lines: readonly string[], bold = false): TableCell =>
  new TableCell({ children: (lines.length === 0 ? [''] : lines).map((text) => new Paragraph({ children: [new TextRun({ text, bold })] })) });

const row = (cells: readonly (readonly string[])[], header = false): TableRow =>
  new TableRow({ tableHeader: header, children: cells.map((lines) => cell(lines, header)) });

function eventText(e: ChronologyEvent): string {
  return `${changeMark(e)}${e.type.replace(/_/g, ' ')}${e.severity === undefined ? '' : ` (severity ${e.severity})`}${e.description ? `: ${e.description}` : ''}`;
}

function sourceText(e: ChronologyEvent): string[] {
  return e.sources.map((s) => `${s.agency}${s.record_id === undefined ? '' : ` ${s.record_id}`}`);
}

function chronologyTable(events: readonly ChronologyEvent[], layout: DocxLayout): Table {
  const rows =
    layout === 'court'
      ? [row([['Date'], ['Event'], ['Source']], true), ...events.map((e) => row([[shownDate(e.date)], [eventText(e)], sourceText(e)]))]
      : [
          row([['Id'], ['Date'], ['Event'], ['Recorded by'], ['Analysis']], true),
          ...events.map((e) => row([[e.id], [shownDate(e.date)], [eventText(e), ...(e.impact ? [`Impact: ${e.impact}`] : [])], e.agencies, annotationLines(e)])),
        ];
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

function personSection(report: Report, person: Person, events: readonly ChronologyEvent[], layout: DocxLayout): (Paragraph | Table)[] {
  const analysis = report.analysis?.persons.find((p) => p.id === person.id);
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(personHeading(person, report))] }),
    ...(person.annotation?.note ? [new Paragraph(`Note: ${person.annotation.note}`)] : []),
    ...(analysis
      ? [
          new Paragraph({ children: [new TextRun({ text: `${LEVEL_TITLE}: ${LEVEL_LABEL[analysis.level]}. `, bold: true }), new TextRun(analysis.level_reason)] }),
          ...analysis.indicators.map((i) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: `${i.code}: `, bold: true }), new TextRun(i.summary)] })),
        ]
      : []),
    chronologyTable(events, layout),
  ];
}

/** The timeline or analysis as a Word document: the caution, then each person's chronology table. */
export async function docxDocument(report: Report, title: string, layout: DocxLayout): Promise<Buffer> {
  const byPerson = eventsByPerson(report);
  const persons = (report.linkage?.persons ?? []).filter((p) => byPerson.has(p.id));
  const ordered = report.analysis ? report.analysis.persons.map((a) => persons.find((p) => p.id === a.id)).filter((p): p is Person => p !== undefined) : persons;
  const doc = new Document({
    title,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
          new Paragraph({ children: [new TextRun({ text: CAUTION, italics: true })] }),
          ...ordered.flatMap((p) => personSection(report, p, byPerson.get(p.id) ?? [], layout)),
          new Paragraph(countsLine(report, report.linkage?.persons.length, report.events?.length)),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
