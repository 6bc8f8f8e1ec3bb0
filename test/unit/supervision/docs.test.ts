import fs from 'node:fs';
import path from 'node:path';
import { TRANSITIONS } from '../../../src/supervision/ledger.states';

/** docs/supervision.md's table of transitions is the state machine the code enforces. */
test('the documented transitions are TRANSITIONS', () => {
  const doc = fs.readFileSync(path.join(__dirname, '../../../docs/supervision.md'), 'utf8');
  const table = doc.split('<!-- transitions -->')[1]!.split('<!-- /transitions -->')[0]!;
  const rows = table
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| action') && !l.startsWith('|---'))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  const WHO: Record<string, string> = { district_officer: "district officer of the finding's district", supervisor: 'supervisor' };
  expect(rows).toEqual(
    TRANSITIONS.map((t) => [
      t.action.toUpperCase(),
      t.from.map((s) => s.toUpperCase()).join(', '),
      t.to.toUpperCase(),
      t.by.map((r) => WHO[r]).join(', '),
      t.requires.length ? t.requires.join(', ') : '—',
    ]),
  );
});
