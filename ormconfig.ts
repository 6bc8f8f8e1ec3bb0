import 'reflect-metadata';
import { config } from './src/config';
import { createDataSource } from './src/db/data-source';
import { startEmbeddedPostgres } from './src/db/embedded';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:*`). With DATABASE_URL it uses that server; without,
 * it starts the embedded PostgreSQL on the hub's data folder (stop `npm start` first: one server per folder).
 */
export const dataSource = (async () => {
  const cfg = config();
  if (cfg.databaseUrl) return createDataSource(cfg.databaseUrl);
  const embedded = await startEmbeddedPostgres({ dataDir: cfg.embedded.dataDir, port: cfg.embedded.port });
  process.once('exit', () => void embedded.stop());
  return createDataSource(embedded.url);
})();
