import { DataSource, EntityManager } from 'typeorm';
import { Role, Viewer } from '../../src/auth/roles';
import { Department } from '../../src/common/vocabulary';
import { openRequestScope, READER_ROLE, RequestScope } from '../../src/db/request-scope';
import { RollbackWith, WRITER_ROLE, writeScope } from '../../src/db/write-scope';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { Fixtures } from '../helpers/fixtures';

/**
 * The write side's guarantees live in PostgreSQL, not only in the services: whatever SQL a mutation runs, as the
 * writer role with the viewer's settings, a district officer writes only in their district, an analyst never, and
 * nobody deletes. Writes run on the request's own connection; afterwards the request reads again, scoped, read-only.
 */
let ds: DataSource;
let findingIn: Record<string, string>;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await fx.districts({ code: 'A01' }, { code: 'B02' });
  await fx.schools({ code: 'SA', districtCode: 'A01' }, { code: 'SB', districtCode: 'B02' });
  await fx.ratings({ districtCode: 'A01', year: 2024, indicator: 'G01' });
  const batch = await fx.batch(Department.SUPERVISION);
  findingIn = {};
  for (const [district, school] of [['A01', 'SA'], ['B02', 'SB']]) {
    await ds.query(`INSERT INTO supervision_visits (visit_id, school_code, district_code, visited_on, batch_id) VALUES ($1, $2, $3, '2024-03-01', $4)`, [`V-${district}`, school, district, batch]);
    const [row] = await ds.query(
      `INSERT INTO supervision_findings (batch_id, visit_id, district_code, school_code, description, raised_on, state, raised_by) VALUES ($1, $2, $3, $4, '问题', '2024-03-01', 'open', 'x') RETURNING id::text AS id`,
      [batch, `V-${district}`, district, school],
    );
    findingIn[district] = row.id;
  }
});
afterAll(() => ds.destroy());


const officerA: Viewer = { subject: 'officer-a', role: Role.DISTRICT_OFFICER, district: 'A01' };
const analyst: Viewer = { subject: 'analyst', role: Role.ANALYST, district: null };
const supervisor: Viewer = { subject: 'sup', role: Role.SUPERVISOR, district: null };

/** A request's read scope and its write scope, as a mutation request has them. */
async function request(viewer: Viewer): Promise<{ scope: RequestScope; write: ReturnType<typeof writeScope>; renewed: () => number }> {
  const scope = await openRequestScope(ds, viewer, 2000);
  let renewals = 0;
  const write = writeScope({ db: scope.db, viewer, requestId: 'req-1' }, () => (renewals += 1), { statementTimeoutMs: 2000, lockTimeoutMs: 500 });
  return { scope, write, renewed: () => renewals };
}

async function attempt(viewer: Viewer, sql: string, params: unknown[] = []): Promise<unknown> {
  const { scope, write } = await request(viewer);
  try {
    return await write((db: EntityManager) => db.query(sql, params));
  } finally {
    await scope.finish();
  }
}

test('a write runs as the writer role with the viewer\'s settings, then the request reads again, scoped and read-only', async () => {
  const { scope, write, renewed } = await request(officerA);
  try {
    const inside = await write((db) => db.query(`SELECT current_user AS "user", current_setting('transaction_read_only') AS ro, current_setting('junheng.district') AS district, current_setting('junheng.subject') AS subject`));
    expect(inside).toEqual([{ user: WRITER_ROLE, ro: 'off', district: 'A01', subject: 'officer-a' }]);
    expect(renewed()).toBe(1);
    const after = await scope.db.query(`SELECT current_user AS "user", current_setting('transaction_read_only') AS ro, (SELECT count(*)::int FROM districts) AS districts`);
    expect(after).toEqual([{ user: READER_ROLE, ro: 'on', districts: 1 }]);
  } finally {
    await scope.finish();
  }
});

test('a district officer updates findings of their district only, even with raw SQL', async () => {
  const theirs = await attempt(officerA, `UPDATE supervision_findings SET state = 'rectifying' WHERE id = $1`, [findingIn.B02]);
  expect(theirs).toEqual([[], 0]);
  await expect(
    attempt(officerA, `INSERT INTO supervision_finding_events (finding_id, district_code, action, to_state, version, actor, effective_on, xid) VALUES ($1, 'B02', 'respond', 'rectifying', 2, 'officer-a', '2024-03-02', 1)`, [findingIn.B02]),
  ).rejects.toThrow(/row-level security/);
  // Nor may they write an event under someone else's name in their own district.
  await expect(
    attempt(officerA, `INSERT INTO supervision_finding_events (finding_id, district_code, action, to_state, version, actor, effective_on, xid) VALUES ($1, 'A01', 'respond', 'rectifying', 2, 'sup', '2024-03-02', 1)`, [findingIn.A01]),
  ).rejects.toThrow(/row-level security/);
  // The description is not theirs to rewrite (column privileges), nor anyone's through the API.
  await expect(attempt(officerA, `UPDATE supervision_findings SET description = 'x' WHERE id = $1`, [findingIn.A01])).rejects.toThrow(/permission denied/);
  expect(await ds.query(`SELECT state, description FROM supervision_findings ORDER BY id`)).toEqual([
    { state: 'open', description: '问题' },
    { state: 'open', description: '问题' },
  ]);
});

test('ratings, visits and batches are the supervision office\'s: a district officer cannot write them', async () => {
  await expect(attempt(officerA, `UPDATE ratings SET met = false`)).resolves.toEqual([[], 0]);
  await expect(attempt(officerA, `INSERT INTO ratings (district_code, year, indicator, met, batch_id) VALUES ('A01', 2024, 'G02', true, 1)`)).rejects.toThrow(/row-level security/);
  await expect(
    attempt(officerA, `INSERT INTO import_batch (department, dataset, file_name, sha256, status, loaded_by, kind) VALUES ('supervision', 'ratings', 'x', repeat('a', 64), 'succeeded', 'officer-a', 'api')`),
  ).rejects.toThrow(/row-level security/);
});

test('an analyst never writes, whatever the SQL', async () => {
  await expect(attempt(analyst, `INSERT INTO supervision_visits (visit_id, school_code, district_code, visited_on, batch_id) VALUES ('V-X', 'SA', 'A01', '2024-03-01', 1)`)).rejects.toThrow(/row-level security/);
  await expect(attempt(analyst, `UPDATE supervision_findings SET state = 'closed', closed_on = '2024-04-01'`)).resolves.toEqual([[], 0]);
  await expect(attempt(analyst, `SELECT junheng_store_evidence_file(encode(sha256('x'), 'hex'), 'x', 'text/plain')`)).rejects.toThrow(/supervisors and district officers/);
});

test('nobody deletes, not even a supervisor', async () => {
  for (const table of ['supervision_findings', 'supervision_finding_events', 'ratings', 'evidence', 'import_batch', 'audit_event']) {
    await expect(attempt(supervisor, `DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
  }
  await expect(attempt(supervisor, `TRUNCATE ratings`)).rejects.toThrow(/permission denied/);
});

test('idempotency receipts are private to their subject', async () => {
  await attempt(supervisor, `INSERT INTO mutation_receipts (subject, idempotency_key, mutation, input_sha256) VALUES ('sup', 'k1', 'raiseFinding', repeat('0', 64))`);
  expect(await attempt(officerA, `SELECT * FROM mutation_receipts`)).toEqual([]);
  await expect(attempt(officerA, `INSERT INTO mutation_receipts (subject, idempotency_key, mutation, input_sha256) VALUES ('sup', 'k2', 'raiseFinding', repeat('0', 64))`)).rejects.toThrow(/row-level security/);
});

test('a failed write leaves the database as it was, and the request reads on', async () => {
  const { scope, write } = await request(supervisor);
  try {
    await expect(
      write(async (db) => {
        await db.query(`UPDATE ratings SET met = false WHERE district_code = 'A01'`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const kept = await write(async (db) => {
      await db.query(`UPDATE ratings SET met = false WHERE district_code = 'A01'`);
      throw new RollbackWith('rolled back');
    });
    expect(kept).toBe('rolled back');
    expect(await scope.db.query(`SELECT met, version FROM ratings`)).toEqual([{ met: true, version: 1 }]);
  } finally {
    await scope.finish();
  }
});

test('a version goes up with every update, whoever writes it', async () => {
  await attempt(supervisor, `UPDATE ratings SET note = 'x' WHERE district_code = 'A01'`);
  await ds.query(`UPDATE ratings SET note = 'y' WHERE district_code = 'A01'`);
  expect(await ds.query(`SELECT version FROM ratings`)).toEqual([{ version: 3 }]);
});
