import { DataSource } from 'typeorm';
import { Role } from '../../../src/auth/roles';
import { config } from '../../../src/config';
import { createServer, HubServer } from '../../../src/server';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { TestHub, tokenFor } from '../../helpers/server';
import { actors, Actors, dayFromToday, download, PDF, PNG, RAISE, RECORD_VISIT, RESPOND, twoDistricts, upload } from './ledger-helpers';

/** Evidence files over HTTP: what is accepted, what is refused (and why, in the user's language), who may download. */
let ds: DataSource;
let hub: TestHub;
let who: Actors;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await twoDistricts(ds);
  hub = await TestHub.start(ds);
  who = actors(hub);
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

const counts = async () => (await ds.query(`SELECT (SELECT count(*)::int FROM evidence) AS evidence, (SELECT count(*)::int FROM evidence_files) AS files`))[0];

describe('refused uploads change nothing and say why', () => {
  test.each([
    ['an analyst', () => who.analyst, 'report.pdf', PDF, 403, 'FORBIDDEN', 'EVIDENCE_UPLOAD_FORBIDDEN'],
    ['an executable named .pdf', () => who.officer, 'report.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'EVIDENCE_CONTENT_REFUSED'],
    ['a PNG named .pdf', () => who.officer, 'report.pdf', PNG, 415, 'UNSUPPORTED_MEDIA_TYPE', 'EVIDENCE_CONTENT_MISMATCH'],
    ['an HTML page', () => who.officer, 'page.html', Buffer.from('<script>alert(1)</script>'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'EVIDENCE_EXTENSION_REFUSED'],
    ['an empty file', () => who.officer, 'empty.pdf', Buffer.alloc(0), 400, 'BAD_USER_INPUT', 'EVIDENCE_EMPTY'],
    ['a path as the name', () => who.officer, '../../etc/passwd.txt', Buffer.from('x'), 400, 'BAD_USER_INPUT', 'EVIDENCE_FILE_NAME_INVALID'],
  ])('%s', async (_what, client, name, bytes, status, code, messageCode) => {
    const before = await counts();
    const res = await upload(client(), name, bytes);
    expect(res.status).toBe(status);
    expect(res.body.errors[0].extensions).toMatchObject({ code, messageCode });
    expect(res.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect(await counts()).toEqual(before);
  });

  test('without a file name, in English when asked', async () => {
    const res = await fetch(`${hub.url}/evidence`, { method: 'POST', headers: who.officer.headers({ 'accept-language': 'en' }), body: PDF });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, any>;
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/^give the file name/), extensions: { code: 'BAD_USER_INPUT', messageCode: 'EVIDENCE_FILE_NAME_MISSING' } });
  });

  test('without a token: 401', async () => {
    const res = await fetch(`${hub.url}/evidence?fileName=a.pdf`, { method: 'POST', body: PDF });
    expect(res.status).toBe(401);
  });

  test('refusals are audited', async () => {
    const rows = await ds.query(`SELECT subject, action, outcome FROM audit_event WHERE target = 'POST /evidence' ORDER BY id`);
    expect(rows).toContainEqual({ subject: 'analyst-li', action: 'denied', outcome: 'denied' });
    expect(rows).toContainEqual({ subject: 'officer-shapingba', action: 'write', outcome: 'rejected' });
  });
});

test('a file above EVIDENCE_MAX_BYTES is refused with 413 before it is stored', async () => {
  const cfg = config();
  const server: HubServer = await createServer(ds, { ...cfg, limits: { ...cfg.limits, evidenceBytes: 1024 } });
  const port = await server.listen(0, '127.0.0.1');
  try {
    const before = await counts();
    const res = await fetch(`http://127.0.0.1:${port}/evidence?fileName=big.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenFor({ role: Role.SUPERVISOR })}` },
      body: Buffer.concat([PDF, Buffer.alloc(2000, 0x20)]),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as Record<string, any>;
    expect(body.errors[0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', messageCode: 'EVIDENCE_TOO_LARGE', messageParams: { max: 1024 } });
    expect(await counts()).toEqual(before);
  } finally {
    await server.stop();
  }
});

describe('stored once per content, visible to those who may read what it is attached to', () => {
  let fromOfficer: Record<string, any>;
  let fromOther: Record<string, any>;
  let fromSupervisor: Record<string, any>;

  test('the same bytes uploaded twice are stored once, as two uploads', async () => {
    fromOfficer = (await upload(who.officer, '操场照片.png', PNG)).body.evidence;
    fromOther = (await upload(who.otherOfficer, 'photo.png', PNG)).body.evidence;
    expect(fromOfficer).toMatchObject({ fileName: '操场照片.png', contentType: 'image/png', byteSize: PNG.length, sha256: fromOther.sha256 });
    expect(fromOfficer.id).not.toBe(fromOther.id);
    expect(await ds.query(`SELECT count(*)::int AS n FROM evidence_files WHERE sha256 = $1`, [fromOfficer.sha256])).toEqual([{ n: 1 }]);
  });

  test('before it is attached: the uploader\'s district and supervisors only', async () => {
    expect((await download(who.officer, fromOfficer.downloadPath)).status).toBe(200);
    expect((await download(who.supervisor, fromOfficer.downloadPath)).status).toBe(200);
    expect((await download(who.otherOfficer, fromOfficer.downloadPath)).status).toBe(404);
    expect((await download(who.analyst, fromOfficer.downloadPath)).status).toBe(404);
    fromSupervisor = (await upload(who.supervisor, '督导记录.pdf', PDF)).body.evidence;
    expect((await download(who.officer, fromSupervisor.downloadPath)).status).toBe(404);
  });

  test('once attached to a finding: whoever may read the finding', async () => {
    const visit = await who.supervisor.graphql(RECORD_VISIT, { input: { schoolCode: '3500106001', visitedOn: dayFromToday(-3), inspectors: ['王督学'] } });
    const raised = await who.supervisor.graphql(RAISE, {
      input: { visitId: visit.data!.recordVisit.visit.id, description: '消防通道堵塞', severity: 'SERIOUS', dueOn: dayFromToday(7), evidenceIds: [fromSupervisor.id] },
    });
    expect(raised.data!.raiseFinding.userErrors).toEqual([]);
    expect((await download(who.officer, fromSupervisor.downloadPath)).status).toBe(200);
    expect((await download(who.analyst, fromSupervisor.downloadPath)).status).toBe(200);
    expect((await download(who.otherOfficer, fromSupervisor.downloadPath)).status).toBe(404);

    // Another district's upload cannot be attached by an officer who cannot see it.
    const finding = raised.data!.raiseFinding.finding;
    const foreign = await who.officer.graphql(RESPOND, { input: { findingId: finding.id, expectedVersion: 1, plan: '清理', evidenceIds: [fromOfficer.id, fromOther.id] } });
    expect(foreign.data!.respondToFinding.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'evidenceIds', '1'], messageCode: 'LEDGER_EVIDENCE_NOT_FOUND' })]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM evidence_links WHERE evidence_id <> $1`, [Buffer.from(fromSupervisor.id, 'base64url').toString().split(':')[1]])).toEqual([{ n: 0 }]);
  });

  test('a download is the stored bytes, as an attachment that no browser runs', async () => {
    const file = await download(who.supervisor, fromOfficer.downloadPath);
    expect(file.bytes.equals(PNG)).toBe(true);
    expect(Object.fromEntries(['content-type', 'content-length', 'x-content-type-options', 'cache-control', 'etag'].map((h) => [h, file.headers.get(h)]))).toEqual({
      'content-type': 'image/png',
      'content-length': String(PNG.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      etag: `"${fromOfficer.sha256}"`,
    });
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="____.png"; filename*=UTF-8''${encodeURIComponent('操场照片.png')}`);
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
  });

  test('an id that is not an evidence file is 404', async () => {
    for (const path of ['/evidence/nope', `/evidence/${Buffer.from('School:3500106001').toString('base64url')}`, `/evidence/${Buffer.from('EvidenceFile:999999').toString('base64url')}`]) {
      expect((await download(who.supervisor, path)).status).toBe(404);
    }
  });

  test('evidence reads through the graph (node and lists) under the same rules', async () => {
    const q = `query ($id: ID!) { node(id: $id) { ... on EvidenceFile { fileName contentType byteSize sha256 uploadedBy downloadPath } } }`;
    expect((await who.supervisor.graphql(q, { id: fromSupervisor.id })).data!.node).toMatchObject({ fileName: '督导记录.pdf', contentType: 'application/pdf', uploadedBy: 'inspector-wang' });
    expect((await who.otherOfficer.graphql(q, { id: fromSupervisor.id })).data!.node).toBeNull();
  });
});
