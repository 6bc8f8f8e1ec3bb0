import { DataSource } from 'typeorm';
import { AuditAction, AuditEvent, AuditOutcome } from '../../src/audit/audit-event.entity';
import { DenialLog } from '../../src/audit/denials';
import { msg } from '../../src/messages';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/**
 * Issue #11.9: each request with a garbage token wrote an audit row and moved the data version, emptying the
 * response cache — an unauthenticated client could grow a table and defeat the cache at will. Denials are now
 * aggregated per (subject, IP, target, reason) and minute with a count, and the audit log has no table version.
 */
let ds: DataSource;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await buildDistrict(new Fixtures(ds), { code: 'A01' });
});
afterAll(async () => {
  await ds?.destroy();
});

const versions = async () => (await ds.query(`SELECT table_name, version FROM data_version ORDER BY table_name`)) as { table_name: string; version: string }[];
const anonymousRows = async () =>
  (await ds.query(`SELECT target, detail FROM audit_event WHERE subject = 'anonymous' AND action = 'denied' ORDER BY id`)) as { target: string; detail: Record<string, any> }[];

test('a flood of bad tokens writes a few rows with counts, moves no version and leaves the response cache warm', async () => {
  const hub = await TestHub.start(ds);
  const QUERY = '{ districts { totalCount nodes { code } } }';
  const cached = async () => {
    const res = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: hub.headers({ 'content-type': 'application/json' }), body: JSON.stringify({ query: QUERY }) });
    expect(res.status).toBe(200);
    return res.headers.get('x-junheng-cache');
  };
  await ds.query(`DELETE FROM audit_event`);
  await cached();
  expect(await cached()).toBe('hit');
  const before = await versions();
  expect(before.map((v) => v.table_name)).not.toContain('audit_event');

  const BAD = [undefined, 'Bearer garbage', `Bearer ${'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'}`];
  const PER_KIND = 100;
  for (let round = 0; round < PER_KIND; round++) {
    await Promise.all(
      BAD.map((authorization) =>
        fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ query: QUERY }) }).then((r) => {
          expect(r.status).toBe(401);
        }),
      ),
    );
  }

  // Nothing a client did moved a version; the cache still answers.
  expect(await versions()).toEqual(before);
  expect(await cached()).toBe('hit');

  // One row per reason (this window), not one per request; the counts are written when the window closes
  // (here: when the hub stops).
  await hub.stop();
  const rows = await anonymousRows();
  expect(rows.length).toBeLessThanOrEqual(BAD.length);
  expect(rows.map((r) => r.target)).toEqual(BAD.map(() => 'POST /graphql'));
  expect(new Set(rows.map((r) => r.detail.reason))).toEqual(new Set(['TOKEN_MISSING', 'TOKEN_REJECTED', 'TOKEN_BAD_SIGNATURE']));
  expect(rows.reduce((sum, r) => sum + r.detail.count, 0)).toBe(BAD.length * PER_KIND);
  expect(rows.every((r) => r.detail.ip && r.detail.firstAt && r.detail.lastAt)).toBe(true);
});

describe('DenialLog', () => {
  beforeEach(() => ds.query(`DELETE FROM audit_event`));
  const denial = (ip: string, target = 'POST /graphql') => ({ viewer: null, ip, target, reason: msg('TOKEN_MISSING', {}) });

  test('a new window starts a new row; each row counts its window', async () => {
    const log = new DenialLog(ds, { windowMs: 300 });
    for (let i = 0; i < 50; i++) await log.record(denial('10.0.0.1'));
    await new Promise((r) => setTimeout(r, 400));
    for (let i = 0; i < 7; i++) await log.record(denial('10.0.0.1'));
    await log.flush();
    log.stop();
    const rows = await anonymousRows();
    expect(rows.map((r) => r.detail.count)).toEqual([50, 7]);
  });

  test('past the distinct-key limit of a window, the rest share one overflow row', async () => {
    const log = new DenialLog(ds, { windowMs: 60_000, maxKeysPerWindow: 5 });
    for (let i = 0; i < 200; i++) await log.record(denial(`10.0.${i % 40}.1`, `GET /graphql/${i}`));
    await log.flush();
    log.stop();
    const rows = await anonymousRows();
    const overflow = await ds.getRepository(AuditEvent).findOneByOrFail({ subject: 'various' });
    expect(overflow).toMatchObject({ action: AuditAction.DENIED, outcome: AuditOutcome.DENIED, target: 'various' });
    expect(overflow.detail).toMatchObject({ overflow: true, count: 195, reason: 'TOKEN_MISSING' });
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.detail.count === 1)).toBe(true);
  });

  test('an identified viewer’s refusals are kept apart from anonymous ones, with who it was', async () => {
    const log = new DenialLog(ds);
    const viewer = { subject: 'u1', role: 'analyst', district: null } as never;
    await log.record({ viewer, ip: null, target: 'TeacherPosting.teacherId', reason: msg('FIELD_FORBIDDEN', { field: 'TeacherPosting.teacherId', roles: ['staffing'], role: 'analyst' }), detail: { allowed: ['staffing'] } });
    await log.record({ viewer, ip: null, target: 'TeacherPosting.teacherId', reason: msg('FIELD_FORBIDDEN', { field: 'TeacherPosting.teacherId', roles: ['staffing'], role: 'analyst' }), detail: { allowed: ['staffing'] } });
    await log.record(denial('10.0.0.9'));
    await log.flush();
    log.stop();
    const rows = await ds.query(`SELECT subject, role, target, detail FROM audit_event ORDER BY id`);
    expect(rows).toEqual([
      { subject: 'u1', role: 'analyst', target: 'TeacherPosting.teacherId', detail: expect.objectContaining({ reason: 'FIELD_FORBIDDEN', allowed: ['staffing'], count: 2 }) },
      { subject: 'anonymous', role: null, target: 'POST /graphql', detail: expect.objectContaining({ reason: 'TOKEN_MISSING', ip: '10.0.0.9', count: 1 }) },
    ]);
  });
});
