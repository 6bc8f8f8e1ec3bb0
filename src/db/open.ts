import { DataSource } from 'typeorm';
import { Config } from '../config';
import { log } from '../common/logger';
import { createDataSource } from './data-source';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded';

export interface OpenDatabase {
  ds: DataSource;
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
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      if (ds.isInitialized) await ds.destroy();
    } finally {
      await embedded?.stop();
    }
  };
  try {
    await ds.initialize();
    const applied = await ds.runMigrations({ transaction: 'each' });
    if (applied.length) log.info('migrations applied', { migrations: applied.map((m) => m.name) });
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
  return { ds, embedded, close };
}
