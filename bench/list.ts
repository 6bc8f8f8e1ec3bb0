// The list comparison alone (issue 15.3; the bench's step 7) on an already loaded database, e.g. one seeded with
// `npm run seed` — see bench/README.md, "The list beside PostGraphile alone".
//
//   DATABASE_URL=… npx ts-node --transpile-only bench/list.ts [--seconds 10] [--connections 32] [--first 100]
//     [--district CODE] [--only off,on,cluster-off,cluster-on,postgraphile] [--before DIR] [--no-build] [--json FILE]
//
// `--before DIR`: another checkout of the hub (e.g. `git worktree add /tmp/before main`, with node_modules), built
// there the same way and measured just before this tree for each variant: before/after side by side in one run.
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { Role } from '../src/auth/roles';
import { signToken } from '../src/auth/tokens';
import { config } from '../src/config';
import { compareWithPostGraphile } from './comparison';
import { buildServer } from './server';

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    process.stderr.write('DATABASE_URL must name a loaded database (npm run seed)\n');
    return 2;
  }
  const progress = (line: string) => process.stderr.write(`[list] ${line}\n`);
  if (!argv.includes('--no-build')) {
    progress('compiling the hub (bench/.build)');
    await buildServer();
  }
  let before: { label: string; main: string } | undefined;
  const beforeDir = arg(argv, '--before');
  if (beforeDir) {
    const root = path.resolve(beforeDir);
    if (!argv.includes('--no-build')) {
      progress(`compiling the other tree (${root}/bench/.build)`);
      const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
      fs.rmSync(path.join(root, 'bench', '.build'), { recursive: true, force: true });
      await promisify(execFile)(process.execPath, [tsc, '-p', path.join(root, 'bench', 'tsconfig.server.json')], { cwd: root, maxBuffer: 16 << 20 });
    }
    before = { label: 'before', main: path.join(root, 'bench', '.build', 'src', 'main.js') };
  }
  let district = arg(argv, '--district');
  if (!district) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ district_code: string }>(
        'SELECT district_code FROM schools GROUP BY district_code ORDER BY count(*) DESC, district_code LIMIT 1',
      );
      district = rows[0]?.district_code;
    } finally {
      await client.end();
    }
    if (!district) throw new Error('no schools in the database: load it first (npm run seed)');
  }
  const secret = config().auth.secret;
  if (!secret) throw new Error('the comparison signs its token with JWT_SECRET (or the development secret): unset JWT_PUBLIC_KEY or set JWT_SECRET');
  const token = signToken(secret, { subject: 'bench', role: Role.SUPERVISOR });
  const result = await compareWithPostGraphile({
    databaseUrl,
    token,
    district,
    year: Number(arg(argv, '--year') ?? 2024),
    first: Number(arg(argv, '--first') ?? 100),
    connections: Number(arg(argv, '--connections') ?? 32),
    seconds: Number(arg(argv, '--seconds') ?? 10),
    warmupRequests: Number(arg(argv, '--warmup') ?? 64),
    only: arg(argv, '--only')?.split(','),
    before,
    progress,
  });
  const lines = ['| server | req/s | p50 ms | p99 ms | errors | rows |', '|---|---|---|---|---|---|'];
  for (const r of result.rows) {
    const t = r.throughput;
    lines.push(`| ${r.server} | ${t ? t.requestsPerSecond : '—'} | ${t ? t.latencyMs.p50 : '—'} | ${t ? t.latencyMs.p99 : '—'} | ${t ? t.errors : '—'} | ${r.rows ?? '—'}${r.note ? ` (${r.note})` : ''} |`);
  }
  lines.push('', `ratios to PostGraphile: ${JSON.stringify(result.ratios)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  const json = arg(argv, '--json');
  if (json) fs.writeFileSync(json, JSON.stringify(result, null, 2));
  return result.rows.some((r) => !r.throughput || r.throughput.errors > 0) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
