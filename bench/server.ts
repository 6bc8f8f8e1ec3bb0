// Builds and starts the hub as a child process (bench/server-process.ts) and talks to it over IPC.
import { ChildProcess, execFile, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FromServer, Probe, ToServer } from './server-process';

const BENCH_DIR = __dirname;
const ROOT = path.resolve(BENCH_DIR, '..');
const BUILD_DIR = path.join(BENCH_DIR, '.build');
const ENTRY = path.join(BUILD_DIR, 'bench', 'server-process.js');

/**
 * Compiles the server child with tsc (`bench/tsconfig.server.json`: emit only, no type check, a few seconds): the
 * measured process then runs the same JavaScript as `npm start` and holds no TypeScript compiler.
 */
export async function buildServer(): Promise<number> {
  const started = Date.now();
  fs.rmSync(BUILD_DIR, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', path.join(BENCH_DIR, 'tsconfig.server.json')], { cwd: ROOT, maxBuffer: 16 << 20 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`compiling the server child failed: ${(e.stdout || e.stderr || e.message).slice(0, 2000)}`);
  }
  if (!fs.existsSync(ENTRY)) throw new Error(`compiling the server child produced no ${ENTRY}`);
  return Date.now() - started;
}

/**
 * The node flags `npm start` runs the hub with (e.g. `--max-old-space-size=384`), read from package.json so that the
 * benchmark's server runs as the real one does.
 */
export function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const start = pkg.scripts?.start ?? '';
  const m = /\bnode\s+((?:--?[\w-]+(?:=\S+)?\s+)*)\S*main\.js/.exec(start);
  return m ? m[1]!.trim().split(/\s+/).filter(Boolean) : [];
}

export class ServerChild {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (m: FromServer) => void; reject: (e: Error) => void }>();
  private exited: string | null = null;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly startupRssBytes: number,
    readonly poolSize: number,
    readonly logFile: string,
    readonly nodeFlags: string[],
    readonly heapLimitBytes: number,
  ) {
    child.on('message', (m: FromServer) => {
      if ('id' in m) {
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        w?.resolve(m);
      }
    });
    child.on('exit', (code, signal) => {
      this.exited = `the server child exited (code ${code}, signal ${signal}); see ${logFile}`;
      for (const w of this.waiting.values()) w.reject(new Error(this.exited));
      this.waiting.clear();
    });
  }

  /** Why the child is gone (exit code, signal), or null while it runs. */
  get exitDescription(): string | null {
    return this.exited;
  }

  /** Waits up to `ms` for the child to exit (a failed request may be the first sign of its death); true if it did. */
  async exitedWithin(ms: number): Promise<boolean> {
    if (this.exited) return true;
    await Promise.race([new Promise((r) => this.child.once('exit', r)), new Promise((r) => setTimeout(r, ms).unref())]);
    return this.exited !== null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Starts the compiled child on `databaseUrl`; its stdout/stderr (the hub's JSON logs) go to `logFile`. */
  static async start(options: { databaseUrl: string; logFile: string; cpuProfDir?: string | null; timeoutMs?: number }): Promise<ServerChild> {
    const out = fs.openSync(options.logFile, 'a');
    const nodeFlags = startFlags();
    const execArgv = [...nodeFlags, ...(options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [])];
    const child = fork(ENTRY, [], {
      cwd: ROOT,
      execArgv,
      env: { ...process.env, JUNHENG_BENCH_DATABASE_URL: options.databaseUrl, LOG_LEVEL: process.env.JUNHENG_BENCH_SERVER_LOG_LEVEL ?? 'info' },
      stdio: ['ignore', out, out, 'ipc'],
    });
    fs.closeSync(out);
    const ready = await new Promise<Extract<FromServer, { type: 'ready' }>>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server child did not start within ${(options.timeoutMs ?? 60000) / 1000} s; see ${options.logFile}`));
      }, options.timeoutMs ?? 60000);
      child.once('message', (m: FromServer) => {
        clearTimeout(timer);
        if (m.type === 'ready') resolve(m);
        else reject(new Error(`the server child failed to start: ${m.type === 'failed' ? m.error : JSON.stringify(m)}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server child exited with code ${code} before it was ready; see ${options.logFile}`));
      });
    });
    return new ServerChild(child, ready.port, ready.startupRssBytes, ready.poolSize, options.logFile, nodeFlags, ready.heapLimitBytes);
  }

  private request(message: ToServer extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never, timeoutMs = 10000): Promise<FromServer> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`the server child did not answer ${message.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ ...message, id } as ToServer);
    });
  }

  /** Memory and the SQL statement tally of the child; `resetPhasePeak` starts a new phase for the phase peak. */
  async probe(resetPhasePeak = false): Promise<Probe> {
    const m = await this.request({ type: 'probe', resetPhasePeak });
    if (m.type !== 'probe') throw new Error(`unexpected answer ${m.type}`);
    const { type: _t, id: _i, ...probe } = m;
    return probe;
  }

  /** Stops the server cleanly (closing its pool); kills it if it does not stop in time. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.request({ type: 'stop' }, 15000);
    } catch {
      this.child.kill('SIGKILL');
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15000))]);
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
