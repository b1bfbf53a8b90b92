import { csvFormat } from './formats/csv.js';
import { htmlFormat } from './formats/html.js';
import { jsonFormat } from './formats/json.js';
import { markdownFormat } from './formats/markdown.js';
import { tableFormat } from './formats/table.js';
import { yamlFormat } from './formats/yaml.js';
import type { ChunkRenderer, OutputFormat, View } from './report.js';

export const outputFormats: readonly OutputFormat[] = [tableFormat, jsonFormat, yamlFormat, csvFormat, markdownFormat, htmlFormat];

export function formatsFor(view: View): string[] {
  return outputFormats.filter((f) => f.views[view]).map((f) => f.name);
}

export function rendererFor(view: View, name: string) {
  const renderer = outputFormats.find((f) => f.name === name)?.views[view];
  if (!renderer) throw new Error(`no ${name} renderer for ${view}`);
  return renderer;
}

/** The view in the format as chunks to write: its chunked renderer, else its whole text as one chunk. */
export function chunkRendererFor(view: View, name: string): ChunkRenderer {
  const stream = outputFormats.find((f) => f.name === name)?.streams?.[view];
  if (stream) return stream;
  const renderer = rendererFor(view, name);
  return (report, options) => [renderer(report, options)];
}
