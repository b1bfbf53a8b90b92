import type { SortOrder } from './sort-orders.js';
import type { Analysis } from '../analyse/index.js';
import type { Linkage, PairEvidence } from '../link/index.js';
import type { ChronologyRecord } from '../model/record.js';
import type { ChronologyEvent } from '../model/stages.js';
import type { AnnotationSummary } from '../pipeline/annotate.js';
import type { LoadResult } from '../pipeline/load.js';
import type { SinceSummary } from '../pipeline/since.js';

/** Everything a renderer may show; the views differ in how much of it they use. */
export interface Report {
  load: LoadResult;
  linkage?: Linkage;
  events?: ChronologyEvent[];
  analysis?: Analysis;
  /** The pairs a `persons --uncertain` or `--explain` run shows. */
  pairs?: PairEvidence[];
  /** What `--annotations` applied; `events` then holds the annotated events (excluded ones left out but for merge). */
  annotations?: AnnotationSummary;
  /** What `--since` found changed. */
  since?: SinceSummary;
}

export type View = 'validate' | 'merge' | 'timeline' | 'analyse' | 'persons' | 'pairs';

export interface RenderOptions {
  /** Whether ANSI colour may be used (a TTY, no NO_COLOR, no --no-color). */
  color: boolean;
  /** Columns available for tables. */
  width: number;
  /** `persons --links`: each link's field-by-field evidence, not only a summary. */
  links?: boolean;
  /** `analyse --sort`: the order of people in the human-readable formats. */
  sort?: SortOrder;
}

export type Renderer = (report: Report, options: RenderOptions) => string;
/** A renderer whose output is written chunk by chunk, for outputs too large for one string. */
export type ChunkRenderer = (report: Report, options: RenderOptions) => Iterable<string>;

/** One output format in the registry (src/render/registry.ts) and the views it can render. */
export interface OutputFormat {
  name: string;
  views: Partial<Record<View, Renderer>>;
  /** Chunked renderers for some of the views, used in preference to `views` when writing output. */
  streams?: Partial<Record<View, ChunkRenderer>>;
}

export function recordsOf(report: Report): readonly ChronologyRecord[] {
  return report.load.records;
}
