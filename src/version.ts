import { readFileSync } from 'node:fs';

/** The package version from package.json, found from src/ (tests) and from dist/src/ (the bin). */
function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'chronology' && pkg.version) return pkg.version;
    } catch {
      continue;
    }
  }
  return 'unknown';
}

export const VERSION: string = readVersion();
