import path from 'node:path';
import fs from 'node:fs';

/** The hub's configuration: read once from the environment, validated, typed. No other module reads process.env. */
export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  /** Port of the HTTP server (GraphQL at /graphql). */
  port: number;
  /** A PostgreSQL URL; when absent the hub runs its own embedded PostgreSQL. */
  databaseUrl: string | null;
  embedded: {
    /** Data folder of the embedded server, reused across starts. */
    dataDir: string;
    /** Fixed port for the embedded server; null = any free port (a system PostgreSQL may hold 5432). */
    port: number | null;
  };
  /** Connection pool size per process. */
  dbPoolSize: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Load the demo data when the database holds no district (npm start). */
  seedDemoWhenEmpty: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(`Invalid configuration: ${message}`);
    this.name = 'ConfigError';
  }
}

/** The folder holding package.json: paths work the same from src/ (ts-node, jest) and from dist/. */
export const projectRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
})();

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number | null, min: number, max: number): number | null {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}"`);
  }
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  return {
    nodeEnv,
    port: intVar(env, 'PORT', 4000, 0, 65535)!,
    databaseUrl,
    embedded: {
      dataDir: path.resolve(projectRoot, env.EMBEDDED_PG_DIR?.trim() || '.data/postgres'),
      port: intVar(env, 'EMBEDDED_PG_PORT', null, 1, 65535),
    },
    dbPoolSize: intVar(env, 'DB_POOL_SIZE', 10, 1, 200)!,
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, nodeEnv === 'test' ? 'silent' : 'info'),
    seedDemoWhenEmpty: boolVar(env, 'SEED_DEMO_WHEN_EMPTY', true),
  };
}

let cached: Config | null = null;
/** The process-wide configuration, validated on first use (fail fast at start-up). */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
