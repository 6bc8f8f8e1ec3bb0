import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../../helpers/database';

/**
 * Existing data survives the ledger migration: visits delivered before it (one finding per row) become visits with
 * one finding each, in the state the row said, with the history the row implies, attributed to its batch; and the
 * migration reverts back to the rows it started from.
 */
let ds: DataSource;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
});
afterAll(async () => {
  // Leave the schema fully migrated for the next test file, whatever happened here.
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
});

const LEDGER = 'SupervisionLedger1796195138834';

async function revertThroughLedger(): Promise<void> {
  for (;;) {
    const applied: { name: string }[] = await ds.query(`SELECT name FROM migrations ORDER BY id DESC`);
    if (!applied.some((m) => m.name === LEDGER)) return;
    await ds.undoLastMigration({ transaction: 'each' });
  }
}

test('visits delivered before the ledger become findings with their history, and come back on revert', async () => {
  await revertThroughLedger();
  await ds.query(`INSERT INTO import_batch (id, department, dataset, file_name, sha256, status, loaded_by, created_at)
                  VALUES (1, 'planning', 'districts', 'd.csv', repeat('1', 64), 'succeeded', 'seed', '2024-01-01'),
                         (2, 'supervision', 'supervision_visits', 'visits-2024.csv', repeat('2', 64), 'succeeded', 'office-1', '2024-07-01T08:00:00Z')`);
  await ds.query(`INSERT INTO districts (code, name, kind, planned_certification_year, certified, batch_id) VALUES ('500106', '沙坪坝区', 'district', 2025, false, 1)`);
  await ds.query(`INSERT INTO schools (code, name, district_code, school_type, location, boarding, ownership, batch_id)
                  VALUES ('S1', '一小', '500106', 'primary', 'urban', false, 'public', 1)`);
  const old = [
    ['V1', 'S1', '2024-03-01', '操场太小', 'open', null],
    ['V2', 'S1', '2024-04-01', '缺音乐室', 'rectified', '2024-06-01'],
  ];
  for (const row of old) {
    await ds.query(`INSERT INTO supervision_visits (visit_id, school_code, visited_on, finding, status, rectified_on, batch_id) VALUES ($1, $2, $3, $4, $5, $6, 2)`, row);
  }

  await ds.runMigrations({ transaction: 'each' });
  expect(await ds.query(`SELECT visit_id, school_code, district_code, to_char(visited_on, 'YYYY-MM-DD') AS visited_on, batch_id::int FROM supervision_visits ORDER BY visit_id`)).toEqual([
    { visit_id: 'V1', school_code: 'S1', district_code: '500106', visited_on: '2024-03-01', batch_id: 2 },
    { visit_id: 'V2', school_code: 'S1', district_code: '500106', visited_on: '2024-04-01', batch_id: 2 },
  ]);
  expect(await ds.query(`SELECT visit_id, import_key, description, state, to_char(closed_on, 'YYYY-MM-DD') AS closed_on, version, raised_by, batch_id::int FROM supervision_findings ORDER BY visit_id`)).toEqual([
    { visit_id: 'V1', import_key: 'V1', description: '操场太小', state: 'open', closed_on: null, version: 1, raised_by: 'office-1', batch_id: 2 },
    { visit_id: 'V2', import_key: 'V2', description: '缺音乐室', state: 'closed', closed_on: '2024-06-01', version: 2, raised_by: 'office-1', batch_id: 2 },
  ]);
  expect(await ds.query(`SELECT f.visit_id, e.action, e.from_state, e.to_state, e.version, e.actor, to_char(e.effective_on, 'YYYY-MM-DD') AS effective_on, e.batch_id::int
                         FROM supervision_finding_events e JOIN supervision_findings f ON f.id = e.finding_id ORDER BY f.visit_id, e.version`)).toEqual([
    { visit_id: 'V1', action: 'raise', from_state: null, to_state: 'open', version: 1, actor: 'office-1', effective_on: '2024-03-01', batch_id: 2 },
    { visit_id: 'V2', action: 'raise', from_state: null, to_state: 'open', version: 1, actor: 'office-1', effective_on: '2024-04-01', batch_id: 2 },
    { visit_id: 'V2', action: 'close', from_state: 'open', to_state: 'closed', version: 2, actor: 'office-1', effective_on: '2024-06-01', batch_id: 2 },
  ]);

  await revertThroughLedger();
  expect(await ds.query(`SELECT visit_id, school_code, to_char(visited_on, 'YYYY-MM-DD') AS visited_on, finding, status, to_char(rectified_on, 'YYYY-MM-DD') AS rectified_on FROM supervision_visits ORDER BY visit_id`)).toEqual(
    old.map(([visit_id, school_code, visited_on, finding, status, rectified_on]) => ({ visit_id, school_code, visited_on, finding, status, rectified_on })),
  );
  await ds.runMigrations({ transaction: 'each' });
  await truncateAll(ds);
});
