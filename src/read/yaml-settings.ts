import { LineCounter, parseDocument, type Document } from 'yaml';
import { InputError } from '../errors.js';
import {
  ALIAS_EXPANSION_ALLOWANCE,
  aliasTargets,
  checkTokenCount,
  expandedSize,
  isStackOverflow,
  MAX_ALIAS_EXPANSION,
  MAX_YAML_BYTES,
  NESTED_TOO_DEEPLY,
} from './yaml.js';

export interface SettingsYaml {
  doc: Document;
  lineCounter: LineCounter;
  /** The document as plain values, every alias expanded. */
  value: unknown;
}

/**
 * Parses a settings file (a profile or a rules file) with the guards the data reader has: its
 * size, its tokens, an alias bomb and deep nesting are each one InputError naming the file, with
 * the messages docs/limits.md gives for inputs, instead of an internal error or a stack overflow.
 */
export function parseSettingsYaml(text: string, file: string, options: { uniqueKeys?: boolean } = {}): SettingsYaml {
  if (text.length > MAX_YAML_BYTES) throw new InputError(file, `is larger than the ${MAX_YAML_BYTES / 1024 / 1024} MiB limit for YAML`);
  checkTokenCount(text, file);
  const lineCounter = new LineCounter();
  try {
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: options.uniqueKeys ?? true });
    const yamlError = doc.errors[0];
    if (yamlError !== undefined) {
      if (isStackOverflow(yamlError)) throw new InputError(file, NESTED_TOO_DEEPLY);
      const line = lineCounter.linePos(yamlError.pos[0]).line;
      throw new InputError(file, `not valid YAML: ${yamlError.message.split('\n')[0] ?? ''}`, line);
    }
    const { targets, nodeCount } = aliasTargets(doc);
    if ([...targets.values()].some((target) => target === undefined)) {
      // An alias without an anchor: the parser's own error names it.
      throw new InputError(file, 'not valid YAML: an alias has no anchor before it');
    }
    if (expandedSize(doc.contents, targets) > MAX_ALIAS_EXPANSION * nodeCount + ALIAS_EXPANSION_ALLOWANCE) {
      throw new InputError(file, 'too many YAML aliases (possible alias bomb)');
    }
    // The expansion is bounded above, so the library's own alias heuristic is not needed.
    return { doc, lineCounter, value: doc.toJS({ maxAliasCount: -1 }) };
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(file, NESTED_TOO_DEEPLY);
    throw error;
  }
}
