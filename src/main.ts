import 'reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import type { ServerResponse } from 'node:http';
import { config } from './config';
import { log } from './common/logger';
import { createDataSource } from './db/data-source';
import { initializeWhenReachable, openDatabase, OpenDatabase } from './db/open';
import { createServer } from './server';
import { ensureDemo, holdings } from '../seeds/load';
import { t } from './messages';
import { Role } from './auth/roles';
import { DEVELOPMENT_SECRET, signToken } from './auth/tokens';
import type { Config } from './config';

/** Set by the primary for its workers: the database the primary opened (and migrated, and loaded the demo into). */
const WORKER_DATABASE_URL = 'JUNHENG_WORKER_DATABASE_URL';

/**
 * Bootstrap only: config → database (embedded or DATABASE_URL) → migrations → demo data → server. With HUB_WORKERS > 1
 * this process is the primary of a node cluster: it owns the database's lifecycle (the embedded PostgreSQL, the
 * migrations, the demo load, once) and forks the workers, which share the port and serve (D114).
 */
async function main(): Promise<void> {
  const cfg = config();
  if (cluster.isWorker) return serveAsWorker(cfg);
  let db: OpenDatabase | null = null;
  let server: Awaited<ReturnType<typeof createServer>> | null = null;
  let workers: ClusterWorkers | null = null;
  let stopping = false;
  const shutdown = async (signal: string, code = 0) => {
    if (stopping) {
      // A second Ctrl-C while draining forces the exit (an embedded PostgreSQL left running is joined, or its stale
      // pid removed, by the next process on the folder).
      if (signal === 'SIGINT' || signal === 'SIGTERM') {
        log.warn('forced exit before the drain ended', { signal });
        workers?.kill();
        process.exit(130);
      }
      return;
    }
    stopping = true;
    log.info('shutting down', { signal });
    try {
      await server?.stop();
      await workers?.stop();
    } finally {
      await db?.close();
      process.exit(code);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const say = (line: string) => process.stdout.write(`${line}\n`);
    if (!cfg.databaseUrl) say(t('LIFECYCLE_DATABASE_STARTING', { dataDir: cfg.embedded.dataDir }));
    db = await openDatabase(cfg);
    if (cfg.seedDemoWhenEmpty) await ensureDemo(db.ds, say);
    let port: number;
    if (cfg.workers > 1) {
      workers = new ClusterWorkers(cfg.workers, cfg.databaseUrl ?? db.embedded!.url, () => stopping);
      port = await workers.start();
    } else {
      server = await createServer(db.ds, cfg, db.readDs);
      port = await server.listen(cfg.port);
    }
    const held = await holdings(db.ds);
    const where = db.embedded
      ? t('LIFECYCLE_DATABASE_EMBEDDED', { port: db.embedded.port, dataDir: db.embedded.dataDir, joined: db.embedded.joined })
      : t('LIFECYCLE_DATABASE_URL', {});
    log.info('serving', { url: `http://localhost:${port}/graphql`, database: where, workers: cfg.workers, ...held });
    process.stdout.write(
      `\n${t('LIFECYCLE_SERVING', { url: `http://localhost:${port}/graphql`, ...held, database: where, embedded: db.embedded !== null })}\n\n` +
        demoTokens(cfg),
    );
  } catch (err) {
    log.error('start-up failed', { error: err instanceof Error ? err.stack : String(err) });
    await shutdown('start-up failure', 1);
  }
}

/** Worker → primary: listening on the shared port. */
type WorkerMessage = { type: 'listening'; port: number };

/**
 * The workers of the primary: forked once each, replaced when one dies while serving, stopped together with a drain
 * (SIGTERM to each: it finishes its requests, closes its pool and exits).
 */
class ClusterWorkers {
  private readonly live = new Set<Worker>();
  constructor(
    private readonly count: number,
    private readonly databaseUrl: string,
    private readonly stopping: () => boolean,
  ) {}

  /** Forks every worker; resolves with the port once all of them listen. */
  async start(): Promise<number> {
    const ports = await Promise.all(Array.from({ length: this.count }, () => this.fork()));
    return ports[0]!;
  }

  private fork(): Promise<number> {
    const worker = cluster.fork({ [WORKER_DATABASE_URL]: this.databaseUrl });
    this.live.add(worker);
    return new Promise((resolve, reject) => {
      let listening = false;
      worker.on('message', (m: WorkerMessage) => {
        if (m?.type !== 'listening') return;
        listening = true;
        resolve(m.port);
      });
      worker.once('exit', (code, signal) => {
        this.live.delete(worker);
        if (!listening) return reject(new Error(`hub worker ${worker.process.pid} exited before listening (${signal ?? code})`));
        if (this.stopping()) return;
        // A worker gone while serving (e.g. out of memory): the others keep serving, a new one takes its place.
        log.error('hub worker exited, starting another', { pid: worker.process.pid, code, signal });
        this.fork().catch((err: unknown) => log.error('hub worker replacement failed', { error: err instanceof Error ? err.message : String(err) }));
      });
    });
  }

  /** Drains every worker (each ends its requests in flight) and waits for them all to exit. */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.live].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  }

  kill(): void {
    for (const worker of this.live) worker.process.kill('SIGKILL');
  }
}

/**
 * A worker of the cluster: the primary has migrated the database and loaded the demo; this process only serves.
 * Ctrl-C reaches every process of the terminal's group: the worker drains once, whatever else it is sent, and the
 * primary decides when to force (it kills the workers).
 */
async function serveAsWorker(cfg: Config): Promise<void> {
  const url = process.env[WORKER_DATABASE_URL];
  if (!url) throw new Error(`hub worker started without ${WORKER_DATABASE_URL}`);
  const ds = createDataSource(url, { poolSize: cfg.dbPoolSize });
  // Each worker reads from the replica itself when one is configured (DATABASE_READ_URL, D116).
  const readDs = cfg.databaseReadUrl ? createDataSource(cfg.databaseReadUrl, { poolSize: cfg.dbPoolSize }) : ds;
  let server: Awaited<ReturnType<typeof createServer>> | null = null;
  let stopping = false;
  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    try {
      await server?.stop();
    } finally {
      if (ds.isInitialized) await ds.destroy().catch(() => undefined);
      if (readDs !== ds && readDs.isInitialized) await readDs.destroy().catch(() => undefined);
      process.exit(code);
    }
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  // The primary is gone (killed): do not serve on without it.
  process.on('disconnect', () => void shutdown());
  try {
    await initializeWhenReachable(ds, cfg.databaseWaitSeconds);
    if (readDs !== ds) await initializeWhenReachable(readDs, cfg.databaseWaitSeconds);
    server = await createServer(ds, cfg, readDs);
    // Which replica answered: for operators reading a proxy's log, and for the test of the cluster.
    const id = String(cluster.worker!.id);
    server.httpServer.prependListener('request', (_req, res: ServerResponse) => res.setHeader('x-junheng-worker', id));
    const port = await server.listen(cfg.port);
    process.send?.({ type: 'listening', port } satisfies WorkerMessage);
  } catch (err) {
    log.error('hub worker start-up failed', { error: err instanceof Error ? err.stack : String(err) });
    await shutdown(1);
  }
}

/**
 * With the development secret (never in production), one ready token per role, valid 12 hours, to paste into
 * the IDE's Headers as `Authorization: Bearer <token>`.
 */
function demoTokens(cfg: Config): string {
  if (cfg.auth.secret !== DEVELOPMENT_SECRET) return '';
  const lines = Object.values(Role).map((role) => {
    const district = role === Role.DISTRICT_OFFICER ? '500106' : null;
    const token = signToken(DEVELOPMENT_SECRET, { subject: `demo-${role}`, role, district });
    return `  ${(role + (district ? ` (${district} 沙坪坝区)` : '')).padEnd(32)} ${token}`;
  });
  return `${t('LIFECYCLE_DEMO_TOKENS', {})}\n${lines.join('\n')}\n\n`;
}

void main();
