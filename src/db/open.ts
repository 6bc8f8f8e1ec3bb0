import { DataSource } from 'typeorm';
import { Config } from '../config';
import { log } from '../common/logger';
import { createDataSource } from './data-source';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded';
import { isDatabaseUnavailable } from './unavailable';

/**
 * A server given by URL may be starting too (a machine's boot, a container's orchestration): while it does not
 * answer, wait with backoff (0.5 s doubling to 5 s) for up to `waitSeconds`, then fail with its last error. Any other
 * error (a wrong password, a missing database) fails at once.
 */
export async function initializeWhenReachable(ds: DataSource, waitSeconds: number, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<void> {
  const deadline = Date.now() + waitSeconds * 1000;
  for (let delay = 500, attempt = 1; ; attempt++, delay = Math.min(delay * 2, 5000)) {
    try {
      await ds.initialize();
      return;
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() + delay > deadline) throw err;
      log.warn('database not reachable yet, retrying', { attempt, retryInMs: delay, error: err instanceof Error ? err.message : String(err) });
      await sleep(delay);
    }
  }
}

export interface OpenDatabase {
  ds: DataSource;
  /**
   * Where the read-only request transactions go: a pool on DATABASE_READ_URL (a streaming replica) when it is set,
   * else `ds` itself. Never migrated or written: a replica is read-only and follows the primary's schema.
   */
  readDs: DataSource;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/**
 * The database of a process (server or CLI): DATABASE_URL when set, else the embedded PostgreSQL on the hub's data
 * folder; migrated before use. `close()` releases the pool and stops the embedded server.
 */
export async function openDatabase(cfg: Config, options: { applicationName?: string } = {}): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let url = cfg.databaseUrl;
  if (!url) {
    log.info('embedded PostgreSQL: joining the running server or starting it', { dataDir: cfg.embedded.dataDir });
    embedded = await startEmbeddedPostgres({ dataDir: cfg.embedded.dataDir, port: cfg.embedded.port });
    url = embedded.url;
  }
  const ds = createDataSource(url, { poolSize: cfg.dbPoolSize, applicationName: options.applicationName });
  const readDs = cfg.databaseReadUrl ? createDataSource(cfg.databaseReadUrl, { poolSize: cfg.dbPoolSize, applicationName: options.applicationName }) : ds;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      if (readDs !== ds && readDs.isInitialized) await readDs.destroy();
      if (ds.isInitialized) await ds.destroy();
    } finally {
      await embedded?.stop();
    }
  };
  try {
    await initializeWhenReachable(ds, cfg.databaseUrl ? cfg.databaseWaitSeconds : 0);
    const applied = await ds.runMigrations({ transaction: 'each' });
    if (applied.length) log.info('migrations applied', { migrations: applied.map((m) => m.name) });
    if (readDs !== ds) {
      await initializeWhenReachable(readDs, cfg.databaseWaitSeconds);
      log.info('read-only requests go to DATABASE_READ_URL; writes, imports and migrations to DATABASE_URL');
    }
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
  return { ds, readDs, embedded, close };
}
