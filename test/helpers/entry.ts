import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config';

/**
 * The node arguments that run a source entry point (`src/main.ts`, `src/ingestion/cli.ts`) as its own process:
 * its JavaScript in dist/, which the global setup brings up to date with `tsc -b` once per run (a process starts in
 * ~1 s instead of ~6 s under ts-node, and the heavy CLI and hub tests spawn many), or ts-node when there is none.
 */
export function nodeArgs(entry: string): string[] {
  const compiled = path.join(projectRoot, 'dist', entry.replace(/\.ts$/, '.js'));
  if (process.env.JUNHENG_TEST_DIST === '1' && fs.existsSync(compiled)) return [compiled];
  return ['-r', 'ts-node/register/transpile-only', path.join(projectRoot, entry)];
}
