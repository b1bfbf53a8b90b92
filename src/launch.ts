/**
 * Starts the command line, first giving node a heap large enough for the inputs. Node fixes its
 * heap limit when it starts (a quarter of the machine's memory, at most about 4 GiB), and near
 * that limit it spends most of its time collecting garbage, then stops with a fatal error: three
 * million rows took 383 s under the default limit and 307 s with room (docs/performance.md). A run
 * over large inputs therefore starts node again with a larger limit. Only built-in modules are
 * loaded here, so `--version` starts no slower.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { constants, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { EXIT, fileLimitMessage, MIN_OPEN_FILES } from './errors.js';
import { STOPPING_SIGNALS } from './signals.js';

/** Peak heap per byte of input: 1,511 MB for the 190 MB of the million-row benchmark, rounded up. */
export const HEAP_PER_INPUT_BYTE = 8;
/**
 * Peak heap per row, however short: a row costs its record, identity and event whatever its size.
 * 900,000 rows of 11 bytes (`2019-01-01`) merge at 1.56 GB peak RSS, 1,733 bytes a row, where the
 * bytes alone would predict 79 MB; the benchmark's million rows peak at 1,511 MB of heap.
 */
export const HEAP_PER_ROW = 1_700;
/** Share of the machine's memory a relaunched run may take: the rest is left to the system and other programs. */
const MEMORY_SHARE = 0.75;
/** Set in the relaunched process so that it never relaunches again. */
const RELAUNCHED = 'CHRONOLOGY_RELAUNCHED';
/** Least gain in the limit worth a second start of node. */
const MIN_GAIN = 1.25;
const MIB = 1024 * 1024;

/** Options whose value names a file that is written, not read: an earlier output is not an input. */
const OUTPUT_OPTIONS = new Set(['-o', '--output']);

/** Total size of the arguments that name regular files: the inputs (and any other file read). */
export function inputBytes(args: readonly string[]): number {
  let bytes = 0;
  for (const [index, arg] of args.entries()) {
    if (arg.startsWith('-') || OUTPUT_OPTIONS.has(args[index - 1] ?? '')) continue;
    try {
      const stats = statSync(arg, { throwIfNoEntry: false });
      if (stats?.isFile()) bytes += stats.size;
    } catch {
      // A path that runs through a file or cannot be searched: the command reports it when it reads.
    }
  }
  return bytes;
}

/** YAML files hold several lines an event and are capped at 16 MiB: their bytes are estimate enough. */
const LINE_COUNTED = (path: string): boolean => !['.yaml', '.yml'].includes(extname(path).toLowerCase());

/** Line breaks in a file, read a mebibyte at a time: its rows, near enough. */
function countLines(path: string): number {
  const buffer = Buffer.allocUnsafe(MIB);
  const fd = openSync(path, 'r');
  let lines = 0;
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const chunk = read === buffer.length ? buffer : buffer.subarray(0, read);
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines += 1;
    }
  } finally {
    closeSync(fd);
  }
  return lines;
}

/** Rows in the CSV files the arguments name (their line breaks); files that cannot be read count none. */
export function inputRows(args: readonly string[]): number {
  let rows = 0;
  for (const [index, arg] of args.entries()) {
    if (arg.startsWith('-') || OUTPUT_OPTIONS.has(args[index - 1] ?? '') || !LINE_COUNTED(arg)) continue;
    try {
      if (statSync(arg, { throwIfNoEntry: false })?.isFile()) rows += countLines(arg);
    } catch {
      // Unreadable here: the command reports it when it reads.
    }
  }
  return rows;
}

export interface HeapFacts {
  inputBytes: number;
  /** Rows in the inputs; undefined when they were not counted (too few bytes to matter). */
  inputRows?: number;
  /** The heap limit node started with. */
  heapLimit: number;
  /** Memory this process may use: the machine's, or its container's when that is less. */
  memory: number;
}

/**
 * The heap limit in MiB to start node again with, or undefined to run as started: when the inputs
 * would fill more than half of the limit (collection slows well before the limit), twice their
 * expected peak, within the share of memory a run may take.
 */
export function relaunchHeapMib(facts: HeapFacts): number | undefined {
  const expected = expectedHeap(facts);
  if (expected <= facts.heapLimit / 2) return undefined;
  const limit = Math.min(2 * expected, MEMORY_SHARE * facts.memory);
  return limit > facts.heapLimit * MIN_GAIN ? Math.floor(limit / MIB) : undefined;
}

/** The heap a run over the inputs is expected to peak at: by their bytes, or by their rows when those say more. */
export function expectedHeap(facts: Pick<HeapFacts, 'inputBytes' | 'inputRows'>): number {
  return Math.max(facts.inputBytes * HEAP_PER_INPUT_BYTE, (facts.inputRows ?? 0) * HEAP_PER_ROW);
}

/**
 * Whether counting rows could change the decision: not when even two-byte rows would fit in half
 * the heap, nor when the bytes alone already ask for all the memory a run may take.
 */
export function rowsMatter(facts: Pick<HeapFacts, 'inputBytes' | 'heapLimit' | 'memory'>): boolean {
  const byBytes = facts.inputBytes * HEAP_PER_INPUT_BYTE;
  return (facts.inputBytes / 2) * HEAP_PER_ROW > facts.heapLimit / 2 && byBytes < MEMORY_SHARE * facts.memory;
}

/**
 * Why the inputs cannot be run in this machine's memory, or undefined when they may be. Only rows
 * counted refuse a run at once: the per-byte figure is rounded up, and inputs it overestimates are
 * tried with all the memory a run may take (the heap watch of src/memory.ts stops one that does not fit).
 */
export function tooLarge(facts: HeapFacts): string | undefined {
  const expected = (facts.inputRows ?? 0) * HEAP_PER_ROW;
  const allowed = MEMORY_SHARE * facts.memory;
  if (expected <= allowed) return undefined;
  const gib = (bytes: number): string => `${(bytes / 1024 / MIB).toFixed(1)} GiB`;
  const rows = facts.inputRows === undefined ? '' : `${facts.inputRows.toLocaleString('en-GB')} rows, `;
  return (
    `the inputs (${rows}${(facts.inputBytes / MIB).toFixed(0)} MiB) need about ${gib(expected)} of memory, more than the ${gib(allowed)} a run may take here; ` +
    `split them, or set NODE_OPTIONS=--max-old-space-size=MIB to try anyway (docs/limits.md)`
  );
}

function availableMemory(): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  return constrained > 0 ? Math.min(constrained, totalmem()) : totalmem();
}

/** Whether the user chose the heap limit (--max-old-space-size), or this is already the relaunched run. */
function heapChosen(): boolean {
  const flag = /--max[-_]old[-_]space[-_]size/;
  return (
    process.env[RELAUNCHED] !== undefined ||
    process.execArgv.some((arg) => flag.test(arg)) ||
    flag.test(process.env.NODE_OPTIONS ?? '')
  );
}

/**
 * Runs node again on the same arguments with the given heap limit, stdio shared, and resolves to
 * its exit code, or to undefined when node could not be started again. Signals sent to this
 * process are passed on; a run ended by a signal ends this one by the same signal, so the shell
 * sees what happened.
 */
export function relaunch(heapMib: number, args: readonly string[]): Promise<number | undefined> {
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${heapMib}`, ...args], {
      // The channel tells the second node when this one is gone, even by a signal that cannot be passed on.
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [RELAUNCHED]: String(heapMib) },
    });
  } catch {
    // Some failures (E2BIG: a command line near the system's limit) are thrown rather than emitted.
    return Promise.resolve(undefined);
  }
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const signal of STOPPING_SIGNALS) process.on(signal, forward);
  const stopForwarding = (): void => {
    for (const signal of STOPPING_SIGNALS) process.off(signal, forward);
  };
  return new Promise((resolve) => {
    let started = false;
    child.on('spawn', () => {
      started = true;
    });
    // After a start, an error can only be a failed pass-on of a signal: the exit still comes.
    child.on('error', () => {
      if (started) return;
      stopForwarding();
      resolve(undefined);
    });
    child.on('exit', (code, signal) => {
      stopForwarding();
      if (signal !== null) process.kill(process.pid, signal);
      // Reached only if this process outlives the signal (one it ignores): the shell's code for it.
      resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
}

/**
 * In node started again by `relaunch`, ends this run when the node that started it is gone (killed
 * by SIGKILL, which it cannot pass on): the run stops as the user asked instead of going on alone.
 */
export function endWithParent(): void {
  const stop = (): void => {
    process.kill(process.pid, 'SIGTERM');
  };
  const channel = process.channel;
  if (channel === undefined) return;
  // Node drops the channel (null) once it has closed: the parent was gone before this ran.
  if (channel === null || !process.connected) return stop();
  process.once('disconnect', stop);
  // Listening for the parent must not keep this process alive once its work is done.
  channel.unref();
}

/** The soft limit on open files (`ulimit -n`) where the system tells it (Linux's /proc/self/limits), else undefined. */
export function openFileLimit(limits?: string): number | undefined {
  let text = limits;
  try {
    text ??= readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return undefined;
  }
  const soft = /^Max open files\s+(\d+)/m.exec(text)?.[1];
  return soft === undefined ? undefined : Number(soft);
}

/** The command line's exit code, from this process or from node started again with room for the inputs. */
export async function launch(argv: readonly string[]): Promise<number> {
  // Node loads a command's modules side by side: under too low a limit the run would fail somewhere in loading them.
  const fileLimit = openFileLimit();
  if (fileLimit !== undefined && fileLimit < MIN_OPEN_FILES) {
    process.stderr.write(`chronology: ${fileLimitMessage(`the limit on open files is ${fileLimit}`)}\n`);
    return EXIT.usage;
  }
  if (process.env[RELAUNCHED] !== undefined) endWithParent();
  let heapMib: number | undefined;
  if (!heapChosen()) {
    const args = argv.slice(2);
    const bytes = inputBytes(args);
    const heapLimit = getHeapStatistics().heap_size_limit;
    const facts: HeapFacts = { inputBytes: bytes, heapLimit, memory: availableMemory() };
    if (rowsMatter(facts)) facts.inputRows = inputRows(args);
    const problem = tooLarge(facts);
    if (problem !== undefined) {
      process.stderr.write(`chronology: ${problem}\n`);
      return EXIT.input;
    }
    heapMib = relaunchHeapMib(facts);
  }
  const relaunched = heapMib === undefined ? undefined : await relaunch(heapMib, argv.slice(1));
  if (relaunched !== undefined) return relaunched;
  // Inputs that fit, a heap the user chose, or a node that could not be started again: run here.
  try {
    const { main } = await import('./cli.js');
    return await main(argv);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EMFILE' && code !== 'ENFILE') throw error;
    process.stderr.write(`chronology: ${fileLimitMessage(`too many open files (${code})`)}\n`);
    return EXIT.usage;
  }
}
