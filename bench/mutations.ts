// Mutations of the supervision ledger (issue #14): latency and SQL statements per mutation, one at a time and with
// concurrent writers. Run: npm run bench:mutations [-- --rounds 200] (embedded PostgreSQL, or DATABASE_URL: a fresh
// database junheng_bench_<pid> on that server, dropped afterwards). Prints a Markdown table and writes
// bench/results/mutations.md.
//
// The hub runs in this process (createServer, real HTTP on 127.0.0.1): the client's own work is in the figures, and
// the statement counts are exactly the server's (the client sends no SQL). Figures on a shared machine are noisy.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import 'reflect-metadata';
import { Role } from '../src/auth/roles';
import { signToken } from '../src/auth/tokens';
import { hubToday } from '../src/common/calendar';
import { config } from '../src/config';
import { processSqlTally } from '../src/db/sql-counter';
import { createServer } from '../src/server';
import { openBenchDatabase, openMigrated } from './database';
import { summarise } from './measure';

const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf('--rounds') + 1] ?? NaN) || 200;
const CONCURRENCY = 8;

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

function day(offset: number): string {
  const [y, m, d] = hubToday().split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + offset)).toISOString().slice(0, 10);
}

interface Sample {
  ms: number;
  statements: number;
}

async function main(): Promise<void> {
  const cfg = config();
  const db = await openBenchDatabase(cfg.databaseUrl, progress);
  const ds = await openMigrated(db.url, cfg.dbPoolSize);
  const server = await createServer(ds, cfg);
  try {
    // Two districts of ten schools each, delivered as a fixture batch.
    await ds.query(`INSERT INTO import_batch (department, dataset, file_name, sha256, status, loaded_by) VALUES ('planning', 'districts', 'bench.csv', repeat('b', 64), 'succeeded', 'bench')`);
    await ds.query(`INSERT INTO districts (code, name, kind, planned_certification_year, certified, batch_id) VALUES ('500106', '沙坪坝区', 'district', 2026, false, 1), ('500103', '渝中区', 'district', 2026, false, 1)`);
    await ds.query(`INSERT INTO schools (code, name, district_code, school_type, location, boarding, ownership, batch_id)
                    SELECT d || lpad(i::text, 3, '0'), '学校' || i, d, 'primary', 'urban', false, 'public', 1 FROM unnest(ARRAY['500106', '500103']) d, generate_series(1, 10) i`);
    const port = await server.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}/graphql`;
    const secret = cfg.auth.secret!;
    const supervisor = signToken(secret, { subject: 'bench-supervisor', role: Role.SUPERVISOR });
    const officer = signToken(secret, { subject: 'bench-officer', role: Role.DISTRICT_OFFICER, district: '500106' });

    const call = async (token: string, query: string, variables: Record<string, unknown>): Promise<{ sample: Sample; data: any }> => {
      const before = processSqlTally.count;
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: any; errors?: unknown[] };
      const ms = performance.now() - t0;
      const payload = body.data && Object.values(body.data)[0];
      if (body.errors || (payload as { userErrors?: unknown[] })?.userErrors?.length) throw new Error(`mutation failed: ${JSON.stringify(body.errors ?? payload)}`);
      return { sample: { ms, statements: processSqlTally.count - before }, data: payload };
    };

    const visit = await call(supervisor, `mutation ($input: RecordVisitInput!) { recordVisit(input: $input) { visit { id } userErrors { code } } }`, {
      input: { schoolCode: '500106001', visitedOn: day(-5), inspectors: ['王督学'] },
    });
    const visitId = visit.data.visit.id;
    const samples: Record<string, Sample[]> = { raiseFinding: [], respondToFinding: [], submitRectification: [], closeFinding: [], setRating: [] };
    const FINDING = `finding { id version } userErrors { code }`;
    progress(`${ROUNDS} rounds of raise → respond → submit → close, and setRating`);
    for (let i = 0; i < ROUNDS; i++) {
      const raised = await call(supervisor, `mutation ($input: RaiseFindingInput!) { raiseFinding(input: $input) { ${FINDING} } }`, {
        input: { visitId, description: `问题 ${i}`, severity: 'MINOR', dueOn: day(30), idempotencyKey: `bench-${i}` },
      });
      samples.raiseFinding!.push(raised.sample);
      const id = raised.data.finding.id;
      const responded = await call(officer, `mutation ($input: RespondToFindingInput!) { respondToFinding(input: $input) { ${FINDING} } }`, { input: { findingId: id, expectedVersion: 1, plan: '整改方案' } });
      samples.respondToFinding!.push(responded.sample);
      const submitted = await call(officer, `mutation ($input: SubmitRectificationInput!) { submitRectification(input: $input) { ${FINDING} } }`, { input: { findingId: id, expectedVersion: 2, report: '已整改' } });
      samples.submitRectification!.push(submitted.sample);
      const closed = await call(supervisor, `mutation ($input: CloseFindingInput!) { closeFinding(input: $input) { ${FINDING} } }`, { input: { findingId: id, expectedVersion: 3 } });
      samples.closeFinding!.push(closed.sample);
      const rated = await call(supervisor, `mutation ($input: SetRatingInput!) { setRating(input: $input) { rating { version } userErrors { code } } }`, {
        input: { districtCode: '500106', year: 2024, indicator: 'G01', met: i % 2 === 0, expectedVersion: i === 0 ? null : i },
      });
      samples.setRating!.push(rated.sample);
    }

    // Concurrent writers: findings raised first, then CONCURRENCY officers responding at once (one finding each).
    progress(`${CONCURRENCY} concurrent officers responding, ${ROUNDS} findings`);
    const ids: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const raised = await call(supervisor, `mutation ($input: RaiseFindingInput!) { raiseFinding(input: $input) { ${FINDING} } }`, { input: { visitId, description: `并发 ${i}`, severity: 'MINOR', dueOn: day(30) } });
      ids.push(raised.data.finding.id);
    }
    const concurrent: number[] = [];
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ids.length) {
          const id = ids[next++]!;
          const r = await call(officer, `mutation ($input: RespondToFindingInput!) { respondToFinding(input: $input) { ${FINDING} } }`, { input: { findingId: id, expectedVersion: 1, plan: '并发整改' } });
          concurrent.push(r.sample.ms);
        }
      }),
    );
    const wallMs = performance.now() - t0;

    const rows = Object.entries(samples).map(([name, list]) => {
      const stats = summarise(list.map((s) => s.ms));
      const statements = [...new Set(list.map((s) => s.statements))].sort((a, b) => a - b).join('/');
      return `| \`${name}\` | ${stats.runs} | ${stats.medianMs} | ${stats.p95Ms} | ${stats.minMs} | ${statements} |`;
    });
    const c = summarise(concurrent);
    const lines = [
      `# Ledger mutations (bench/mutations.ts)`,
      '',
      `${new Date().toISOString()}, ${ROUNDS} rounds, node ${process.version}, ${db.description}, pool ${cfg.dbPoolSize}. Hub in-process over HTTP on 127.0.0.1; shared machine: figures are noisy.`,
      '',
      '| mutation | runs | median ms | p95 ms | min ms | SQL statements per request |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
      `Concurrent: ${CONCURRENCY} officers responding to ${ids.length} findings: ${Math.round((ids.length / wallMs) * 1000)} mutations/s, median ${c.medianMs} ms, p95 ${c.p95Ms} ms per mutation.`,
      '',
      'Statements per request include the request\'s own transaction (BEGIN with its settings, and the final ROLLBACK),',
      'the write transaction (its BEGIN and the COMMIT that also restarts the reads), the idempotency key (raiseFinding sends',
      'one: claim and result), and the payload\'s reads.',
    ];
    const text = lines.join('\n') + '\n';
    process.stdout.write(text);
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'results', 'mutations.md'), text);
  } finally {
    await server.stop();
    await ds.destroy();
    await db.dispose();
  }
}

main().catch((err) => {
  progress(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
