/**
 * Cold evaluation time as of an instant (#16.3) against today's, on generated data (demo or city scale), through the
 * real server over HTTP. Usage: DATABASE_URL=postgres://…/<empty database> ts-node --transpile-only bench/as-of.ts [city]
 * Prints one line per measurement. The database is migrated and loaded; drop it afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config';
import { signToken } from '../src/auth/tokens';
import { Role } from '../src/auth/roles';
import { createServer } from '../src/server';
import { importRows } from '../src/ingestion/pipeline';
import { getDataset } from '../src/ingestion/datasets';
import { openMigrated } from './database';
import { generateFiles, importAll } from './load-data';

async function main() {
  const scale = process.argv.includes('city') ? 'city' : 'demo';
  const url = process.env.DATABASE_URL!;
  const ds = await openMigrated(url);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'junheng-asof-'));
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM schools`);
  if (n === 0) {
    generateFiles(dir, scale);
    const loaded = await importAll(ds, dir, () => undefined);
    console.log(`loaded ${scale} in ${(loaded.totalMs / 1000).toFixed(1)} s`);
    await ds.query('VACUUM (ANALYZE)');
  }
  const before = new Date();
  await new Promise((r) => setTimeout(r, 50));
  // A correction of 200 school statistics (sports area halved): history for the as-of path to read.
  const rows: Record<string, string>[] = await ds.query(
    `SELECT school_code, year::text, stage, students::text, classes::text, max_class_size::text, teaching_aux_area_m2::text,
            (sports_area_m2 / 2)::numeric(14,2)::text AS sports_area_m2, equipment_value_yuan::text, multimedia_rooms::text, music_rooms::text,
            music_room_min_area_m2::text, art_rooms::text, art_room_min_area_m2::text
       FROM school_stats WHERE year = 2024 ORDER BY school_code, stage LIMIT 200`);
  const fix = await importRows(ds, { dataset: 'school_stats', rows, fileName: 'school_stats-correction.csv', loadedBy: 'bench' });
  console.log(`correction: ${fix.status}, ${fix.rowsUpdated} rows updated`);
  if (process.argv.includes('--full-redelivery')) {
    // Every 2024 posting re-delivered with pay 1% higher: one history row per posting.
    const postings = getDataset('teacher_postings');
    const select = postings.columns.map((c) => (c.name === 'annual_pay_yuan' ? `round(annual_pay_yuan * 1.01, 2)::text AS annual_pay_yuan` : `${c.column}::text AS ${c.name}`)).join(', ');
    const all: Record<string, string>[] = await ds.query(`SELECT ${select} FROM teacher_postings WHERE year = 2024`);
    const t0 = performance.now();
    const re = await importRows(ds, { dataset: 'teacher_postings', rows: all, fileName: 'teacher_postings-2024-pay.csv', loadedBy: 'bench' });
    console.log(`pay re-delivery: ${re.status}, ${re.rowsUpdated} rows updated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await ds.query('ANALYZE row_history');
  }
  const [{ h }] = await ds.query(`SELECT count(*)::int AS h FROM row_history`);
  console.log(`row_history rows: ${h}`);

  const cfg = loadConfig({ ...process.env, RESPONSE_CACHE_BYTES: '0', GRAPHQL_MAX_COST: '100000000' });
  const server = await createServer(ds, cfg);
  const port = await server.listen(0, '127.0.0.1');
  const token = signToken(cfg.auth.secret!, { subject: 'bench', role: Role.SUPERVISOR });
  const ask = async (label: string, asOf: string | null) => {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `query($asOf: DateTimeISO) { cityEvaluation(year: 2024, asOf: $asOf) { qualifiedCount notQualifiedCount insufficientDataCount } }`, variables: { asOf } }),
    });
    const body = (await res.json()) as any;
    const ms = performance.now() - t0;
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${JSON.stringify(body.data.cityEvaluation)}`);
  };
  await ask('live, cold', null);
  await ask('live, cached', null);
  await ask('asOf before the correction, cold', before.toISOString());
  await ask('asOf now, cold', new Date().toISOString());
  await server.stop();
  await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
