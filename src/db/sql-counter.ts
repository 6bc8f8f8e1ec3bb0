import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger, QueryRunner } from 'typeorm';
import { log } from '../common/logger';

/** Counts the SQL statements one request sends (tests assert it; the benchmark reports it). */
export class SqlCounter {
  count = 0;
  readonly statements: string[] = [];
  constructor(private readonly keepText = false) {}
  record(sql: string): void {
    this.count += 1;
    if (this.keepText) this.statements.push(sql);
  }
}

const current = new AsyncLocalStorage<SqlCounter>();

/** Runs `fn` with every statement it sends (through TypeORM) counted into `counter`. */
export function withSqlCounter<T>(counter: SqlCounter, fn: () => T): T {
  return current.run(counter, fn);
}

/** A process-wide tally too, for tests that drive the server over HTTP. */
export const processSqlTally = { count: 0 };

/** TypeORM logger: counts statements, logs slow ones and failures as JSON. */
export class CountingLogger implements Logger {
  logQuery(query: string): void {
    processSqlTally.count += 1;
    current.getStore()?.record(query);
  }
  logQueryError(error: string | Error, query: string): void {
    log.debug('sql error', { error: error instanceof Error ? error.message : error, query: query.slice(0, 500) });
  }
  logQuerySlow(time: number, query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    log.warn('slow sql', { ms: time, query: query.slice(0, 500) });
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    log.info('migration', { message });
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = String(message);
    // On Ctrl-C the embedded server stops alongside the pool: its farewell to each connection is expected.
    if (level === 'warn' && !text.includes('terminating connection due to administrator command')) log.warn(text);
  }
}
