import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config';

/**
 * Issue 12.7: `npm start` builds with `tsc -b` and so recompiles nothing when nothing changed (a restart spent most
 * of its time in `tsc -p`). The global setup has just built dist/; a second build must find it up to date.
 */
test('npm start’s build is incremental: up to date right after a build', () => {
  const scripts = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).scripts as Record<string, string>;
  expect(scripts.start).toMatch(/^npm run -s build && /);
  expect(scripts.build).toBe('tsc -b tsconfig.build.json');
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: projectRoot });
  const dry = execFileSync(process.execPath, [tsc, '-b', 'tsconfig.build.json', '--dry', '--verbose'], { cwd: projectRoot, encoding: 'utf8' });
  expect(dry).toMatch(/Project '.*tsconfig\.build\.json' is up to date/);
  expect(dry).not.toMatch(/would build|Building project/i);
}, 120_000);
