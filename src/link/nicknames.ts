import { foldText, oneEdit } from './text.js';

/** For each folded name, the formal names it can stand for (a formal name stands for itself). */
export type NicknameTable = ReadonlyMap<string, readonly string[]>;

/**
 * Reads `nickname,name` lines (a header line, `#` comments and blank lines are skipped).
 * Throws on a line that does not have exactly two non-empty names.
 */
export function parseNicknames(csvText: string): NicknameTable {
  const table = new Map<string, Set<string>>();
  const add = (name: string, formal: string): void => {
    const set = table.get(name) ?? new Set<string>();
    set.add(formal);
    table.set(name, set);
  };
  const lines = csvText.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const cells = trimmed.split(',').map((cell) => foldText(cell));
    const [nickname, formal] = cells;
    if (cells.length !== 2 || !nickname || !formal) {
      throw new Error(`nicknames line ${index + 1}: expected "nickname,name", got ${JSON.stringify(trimmed.slice(0, 40))}`);
    }
    if (index === 0 && nickname === 'nickname' && formal === 'name') return;
    add(nickname, formal);
    add(formal, formal);
  });
  return new Map([...table].map(([name, formals]) => [name, [...formals].sort()]));
}

/**
 * Reads groups of spellings of one name, one comma-separated group a line (`#` comments and blank
 * lines skipped): each spelling stands for its group's first spelling, as a nickname stands for its formal name.
 */
export function parseTransliterations(csvText: string): NicknameTable {
  const table = new Map<string, Set<string>>();
  const lines = csvText.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const names = trimmed.split(',').map((cell) => foldText(cell));
    if (names.length < 2 || names.some((name) => name === '')) {
      throw new Error(`transliterations line ${index + 1}: expected two or more comma-separated spellings, got ${JSON.stringify(trimmed.slice(0, 40))}`);
    }
    for (const name of names) table.set(name, (table.get(name) ?? new Set()).add(names[0]!));
  });
  return new Map([...table].map(([name, groups]) => [name, [...groups].sort()]));
}

/** Whether two folded given names are known short forms of one name (Tom/Thomas, Tom/Tommy, Charlie/Charlotte). */
export function areNicknames(table: NicknameTable, a: string, b: string): boolean {
  if (a === b) return false;
  const formalsA = table.get(a);
  const formalsB = table.get(b);
  if (!formalsA || !formalsB) return false;
  return formalsA.some((formal) => formalsB.includes(formal));
}

/**
 * The formal names a given name stands for, reading an unknown name of five or more letters as a
 * typo of the listed names one edit away (Thoms → thom → thomas); [] when there are none.
 */
export function formalsAllowingTypo(table: NicknameTable, name: string): readonly string[] {
  const listed = table.get(name);
  if (listed) return listed;
  if (name.length < 5) return [];
  const formals = new Set<string>();
  for (const [known, knownFormals] of table) {
    if (Math.abs(known.length - name.length) <= 1 && oneEdit(known, name)) for (const formal of knownFormals) formals.add(formal);
  }
  return [...formals].sort();
}
