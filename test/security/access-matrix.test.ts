import fs from 'node:fs';
import { DataSource } from 'typeorm';
import { mayImport, Role, TEACHER_LEVEL_READERS } from '../../src/auth/roles';
import { exampleFile } from '../../src/ingestion/contract-doc';
import { datasets } from '../../src/ingestion/datasets';
import { importFile } from '../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { TestHub } from '../helpers/server';

/** Every row of the role × dataset matrix in docs/access.md, exercised over HTTP. */
let ds: DataSource;
let hub: TestHub;
let district: string;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  for (const d of datasets) await importFile(ds, { dataset: d.name, filePath: exampleFile(d.name), loadedBy: 'test' });
  [{ code: district }] = await ds.query(`SELECT code FROM districts ORDER BY code LIMIT 1`);
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

const ROLES = Object.values(Role);
const who = (role: Role) => hub.as({ role, district: role === Role.DISTRICT_OFFICER ? district : null });

/** Docs/access.md, written out: which departments' datasets each role may import. */
const WRITES: Record<Role, string[]> = {
  [Role.SUPERVISOR]: ['planning', 'education', 'finance', 'staffing', 'supervision'],
  [Role.DISTRICT_OFFICER]: [],
  [Role.EDUCATION]: ['education'],
  [Role.FINANCE]: ['finance'],
  [Role.STAFFING]: ['staffing'],
  [Role.PLANNING]: ['planning'],
  [Role.ANALYST]: [],
};

describe.each(ROLES)('role %s', (role) => {
  test('reads the non-personal graph (a district officer: only their district)', async () => {
    const res = await who(role).graphql(`{ districts { totalCount } schools(first: 100) { nodes { code stats { students } funds { trainingShare } } } }`);
    expect(res.errors).toBeUndefined();
    const [all] = await ds.query(`SELECT count(*)::int AS n FROM districts`);
    expect(res.data!.districts.totalCount).toBe(role === Role.DISTRICT_OFFICER ? 1 : all.n);
  });

  test(`teacher-level fields: ${TEACHER_LEVEL_READERS.includes(role) ? 'readable' : 'FORBIDDEN'}; posting rows: ${role === Role.ANALYST ? 'counts only' : 'listed'}`, async () => {
    const res = await who(role).graphql(`{ schools(first: 100) { nodes { teacherPostings(first: 1) { totalCount nodes { teacherId annualPayYuan } } } } }`);
    const codes = (res.errors ?? []).map((e) => e.extensions?.code);
    if (TEACHER_LEVEL_READERS.includes(role)) expect(res.errors).toBeUndefined();
    else expect(codes.length > 0 && codes.every((c) => c === 'FORBIDDEN')).toBe(true);
  });

  test('a refused field nulls only itself, with its FORBIDDEN error: its siblings and parents answer', async () => {
    const supervisor = await hub.graphql(`{ schools(first: 1) { nodes { teacherPostings(first: 1) { nodes { id } } } } }`);
    const postingId = supervisor.data!.schools.nodes[0].teacherPostings.nodes[0].id;
    const res = await who(role).graphql(`query($posting: ID!) {
      districts { totalCount }
      auditEvents(first: 1) { totalCount }
      node(id: $posting) { id }
      schools(first: 3) { nodes { code teacherPostings(first: 2) { totalCount nodes { stage teacherId annualPayYuan } } } }
      importBatches(filter: { dataset: "teacher_postings" }, first: 1) { nodes { dataset errors { totalCount } history { totalCount } } }
    }`, { posting: postingId });
    // Every field that is not guarded answers, whoever asks.
    expect(res.data!.districts.totalCount).toBeGreaterThan(0);
    for (const school of res.data!.schools.nodes) {
      expect(school.code).toEqual(expect.any(String));
      expect(school.teacherPostings.totalCount).toEqual(expect.any(Number));
    }
    expect(res.data!.importBatches.nodes.map((b: { dataset: string }) => b.dataset)).toEqual(['teacher_postings']);
    // Each refusal is FORBIDDEN at a guarded field, whose value is null while its parent is not.
    const refused = new Set<string>();
    for (const e of res.errors ?? []) {
      expect(e.extensions!.code).toBe('FORBIDDEN');
      const path = e.path!;
      const parent = path.slice(0, -1).reduce((v: any, k) => v[k], res.data);
      expect(parent).not.toBeNull();
      expect(parent[path[path.length - 1]!]).toBeNull();
      refused.add(String(path[path.length - 1]));
    }
    const teacherLevel = TEACHER_LEVEL_READERS.includes(role);
    const expected = [
      ...(role === Role.SUPERVISOR ? [] : ['auditEvents']),
      ...(role === Role.ANALYST ? ['node', 'nodes'] : teacherLevel ? [] : ['teacherId', 'annualPayYuan']),
      ...(teacherLevel ? [] : ['errors', 'history']),
    ];
    expect([...refused].sort()).toEqual(expected.sort());
  });

  test(`imports: ${WRITES[role].join(', ') || 'none'}`, async () => {
    for (const d of datasets) {
      const allowed = WRITES[role].includes(d.department);
      expect(mayImport({ subject: 'x', role, district: null }, d.department)).toBe(allowed);
      const res = await fetch(`${hub.url}/imports/${d.name}?dryRun=true`, {
        method: 'POST',
        headers: who(role).headers({ 'content-type': 'text/csv' }),
        body: fs.readFileSync(exampleFile(d.name)),
      });
      expect([d.name, res.status]).toEqual([d.name, allowed ? 200 : 403]);
    }
  });

  test(`audit log: ${role === Role.SUPERVISOR ? 'readable' : 'FORBIDDEN'}`, async () => {
    const res = await who(role).graphql(`{ auditEvents(first: 1) { totalCount } }`);
    if (role === Role.SUPERVISOR) expect(res.errors).toBeUndefined();
    else expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

test('imports are audited with who loaded them', async () => {
  const res = await hub.graphql(`{ auditEvents(filter: { action: IMPORT }, first: 100) { nodes { subject target outcome } } }`);
  expect(res.data!.auditEvents.nodes).toContainEqual({ subject: 'test-finance', target: 'POST /imports/school_funds', outcome: 'SUCCEEDED' });
  const denied = await hub.graphql(`{ auditEvents(filter: { action: DENIED, subject: "test-finance" }, first: 100) { nodes { target } } }`);
  expect(denied.data!.auditEvents.nodes).toContainEqual({ target: 'POST /imports/teacher_postings' });
});
