// Node CPU per cold list request (issue 15.3, D124): the hub as `npm start` runs it (compiled main.js, same node
// flags), response cache off, the issue's list (ISSUE_LIST) under autocannon; CPU time from /proc/<pid>/stat around
// the timed run, divided by the 2xx answers. With several trees (`--tree DIR`, repeatable) they are measured in turn,
// `--rounds N` times alternating, and the answer of each tree is compared byte for byte with the first tree's.
// The hub runs with --trace-gc: its young-generation collections per request measure what it allocates.
//
//   DATABASE_URL=… npx ts-node --transpile-only bench/list-cpu.ts --port 4860 [--tree DIR]… [--rounds 3]
//     [--seconds 10] [--connections 8] [--district CODE] [--first 100]
//
// Each DIR must hold a compiled hub in DIR/bench/.build/src/main.js (bench/list.ts builds it; or tsc -p
// DIR/bench/tsconfig.server.json). Linux only (/proc).
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { Role } from '../src/auth/roles';
import { signToken } from '../src/auth/tokens';
import { config } from '../src/config';
import { ISSUE_LIST } from './queries';
import { startFlags } from './server';

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
function args(argv: string[], name: string): string[] {
  return argv.flatMap((a, i) => (a === name && argv[i + 1] ? [argv[i + 1]!] : []));
}

function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15)
  return (ticks * 1000) / 100; // CLK_TCK = 100 on Linux
}

async function waitFor(url: string, child: ChildProcess, out: () => string): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the hub exited: ${out()}`);
    try {
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`the hub did not answer: ${out()}`);
}

async function measure(tree: string, port: number, databaseUrl: string, body: string, token: string, seconds: number, connections: number) {
  const main = path.join(tree, 'bench', '.build', 'src', 'main.js');
  const child = spawn(process.execPath, [...startFlags(), '--trace-gc', main], {
    cwd: tree,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO_WHEN_EMPTY: 'false', LOG_LEVEL: 'warn', RESPONSE_CACHE_BYTES: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let scavenges = 0;
  let markSweeps = 0;
  child.stdout!.on('data', (d: Buffer) => {
    const text = d.toString();
    scavenges += text.split('Scavenge').length - 1;
    markSweeps += text.split('Mark-Compact').length - 1;
    out = (out + text).slice(-4000);
  });
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitFor(url, child, () => out);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const answer = await (await fetch(url, { method: 'POST', headers, body })).text();
    const run = (opts: { amount?: number; duration?: number }) =>
      autocannon({ url, method: 'POST', headers, body, connections, ...opts });
    await run({ amount: 200 });
    const before = cpuMs(child.pid!);
    const gcBefore = [scavenges, markSweeps];
    const result = await run({ duration: seconds });
    const cpu = cpuMs(child.pid!) - before;
    const ok = result['2xx'];
    return {
      answer,
      cpuPerRequest: cpu / ok,
      reqPerSecond: ok / seconds,
      errors: result.errors + result.non2xx,
      // Young-generation collections per 100 requests: proportional to the bytes allocated per request, and steady
      // whatever the load on the machine (CPU times are not, on a shared VM).
      scavengesPer100: ((scavenges - gcBefore[0]!) * 100) / ok,
      markSweeps: markSweeps - gcBefore[1]!,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main(argv: string[]): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL must name a loaded database');
  const port = Number(arg(argv, '--port') ?? 4860);
  const trees = args(argv, '--tree').map((t) => path.resolve(t));
  if (!trees.length) trees.push(path.resolve(__dirname, '..'));
  const rounds = Number(arg(argv, '--rounds') ?? 1);
  const seconds = Number(arg(argv, '--seconds') ?? 10);
  const connections = Number(arg(argv, '--connections') ?? 8);
  const variables = { district: arg(argv, '--district') ?? '500112', year: Number(arg(argv, '--year') ?? 2024), first: Number(arg(argv, '--first') ?? 100) };
  const token = signToken(config().auth.secret!, { subject: 'bench', role: Role.SUPERVISOR });
  const body = JSON.stringify({ query: ISSUE_LIST, variables });
  let reference: string | undefined;
  let same = true;
  for (let round = 1; round <= rounds; round++) {
    for (const tree of trees) {
      const r = await measure(tree, port, databaseUrl, body, token, seconds, connections);
      reference ??= r.answer;
      const identical = r.answer === reference;
      same &&= identical;
      process.stdout.write(
        `round ${round} ${tree}: ${r.cpuPerRequest.toFixed(2)} ms CPU/request, ${r.reqPerSecond.toFixed(1)} req/s, ` +
          `${r.scavengesPer100.toFixed(1)} scavenges/100 requests, ${r.markSweeps} mark-compacts, errors ${r.errors}, answer ${r.answer.length} bytes ${identical ? 'identical' : 'DIFFERS'}\n`,
      );
    }
  }
  return same ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
