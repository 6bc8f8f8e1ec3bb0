import 'reflect-metadata';
import { config } from './config';
import { log } from './common/logger';
import { openDatabase, OpenDatabase } from './db/open';
import { createServer } from './server';
import { ensureDemo, holdings } from '../seeds/load';
import { t } from './messages';
import { Role } from './auth/roles';
import { DEVELOPMENT_SECRET, signToken } from './auth/tokens';
import type { Config } from './config';

/** Bootstrap only: config → database (embedded or DATABASE_URL) → migrations → demo data → server. */
async function main(): Promise<void> {
  const cfg = config();
  let db: OpenDatabase | null = null;
  let server: Awaited<ReturnType<typeof createServer>> | null = null;
  let stopping = false;
  const shutdown = async (signal: string, code = 0) => {
    if (stopping) {
      // A second Ctrl-C while draining forces the exit (an embedded PostgreSQL left running is joined, or its stale
      // pid removed, by the next process on the folder).
      if (signal === 'SIGINT' || signal === 'SIGTERM') {
        log.warn('forced exit before the drain ended', { signal });
        process.exit(130);
      }
      return;
    }
    stopping = true;
    log.info('shutting down', { signal });
    try {
      await server?.stop();
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
    server = await createServer(db.ds, cfg, db.readDs);
    const port = await server.listen(cfg.port);
    const held = await holdings(db.ds);
    const where = db.embedded
      ? t('LIFECYCLE_DATABASE_EMBEDDED', { port: db.embedded.port, dataDir: db.embedded.dataDir, joined: db.embedded.joined })
      : t('LIFECYCLE_DATABASE_URL', {});
    log.info('serving', { url: `http://localhost:${port}/graphql`, database: where, ...held });
    process.stdout.write(
      `\n${t('LIFECYCLE_SERVING', { url: `http://localhost:${port}/graphql`, ...held, database: where, embedded: db.embedded !== null })}\n\n` +
        demoTokens(cfg),
    );
  } catch (err) {
    log.error('start-up failed', { error: err instanceof Error ? err.stack : String(err) });
    await shutdown('start-up failure', 1);
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
