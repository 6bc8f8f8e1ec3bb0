import 'reflect-metadata';
import { config } from './src/config';
import { createDataSource } from './src/db/data-source';
import { startEmbeddedPostgres } from './src/db/embedded';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:*`). With DATABASE_URL it uses that server; without,
 * it uses the embedded PostgreSQL of the hub's data folder: joins the running hub's server, or starts one that it
 * stops when the process exits (src/db/embedded.ts).
 */
export const dataSource = (async () => {
  const cfg = config();
  if (cfg.databaseUrl) return createDataSource(cfg.databaseUrl);
  const embedded = await startEmbeddedPostgres({ dataDir: cfg.embedded.dataDir, port: cfg.embedded.port });
  return createDataSource(embedded.url);
})();
