import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/db/embedded';

/** The child of EmbeddedPgProcess: starts and stops one embedded PostgreSQL when its parent asks. */
let db: EmbeddedDatabase | null = null;

process.on('message', async (message: { cmd: 'start' | 'stop'; dataDir?: string; port?: number | null }) => {
  try {
    if (message.cmd === 'start') {
      db = await startEmbeddedPostgres({ dataDir: message.dataDir!, port: message.port ?? null, persistent: true });
      process.send!({ url: db.url, port: db.port });
    } else {
      await db?.stop();
      db = null;
      process.send!({});
    }
  } catch (err) {
    process.send!({ error: err instanceof Error ? err.message : String(err) });
  }
});
// The parent went away: do not leave PostgreSQL running.
process.on('disconnect', () => {
  void (db?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
});
