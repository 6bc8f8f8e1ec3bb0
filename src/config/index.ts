import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { msg, render, t, type Locale, type Message } from '../messages';

/** The hub's configuration: read once from the environment, validated, typed. No other module reads process.env. */
export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  /** Port of the HTTP server (GraphQL at /graphql). */
  port: number;
  /** Address the HTTP server listens on (docs/access.md: 127.0.0.1 with the development secret, else 0.0.0.0). */
  host: string;
  /** HTTP transport: idle keep-alive above common proxies' idle timeouts, cross-origin callers. */
  http: {
    keepAliveTimeoutMs: number;
    /** Above the keep-alive timeout, as Node requires for reused sockets. */
    headersTimeoutMs: number;
    /** Origins allowed to call /graphql, /imports and /reports from a browser; '*' any (never in production). */
    corsOrigins: readonly string[] | '*';
  };
  /** What /graphql offers besides queries. */
  graphql: {
    introspection: boolean;
    /** The IDE a browser gets at GET /graphql: GraphiQL (offline), Apollo Sandbox (needs the internet), or none. */
    ide: 'graphiql' | 'sandbox' | 'off';
  };
  /** A PostgreSQL URL; when absent the hub runs its own embedded PostgreSQL. */
  databaseUrl: string | null;
  /**
   * A PostgreSQL streaming replica of DATABASE_URL for the read-only request transactions (queries, reports); writes,
   * mutations, imports and migrations stay on DATABASE_URL. Null: everything on DATABASE_URL. See docs/scaling.md.
   */
  databaseReadUrl: string | null;
  embedded: {
    /** Data folder of the embedded server, reused across starts. */
    dataDir: string;
    /** Fixed port for the embedded server; null = any free port (a system PostgreSQL may hold 5432). */
    port: number | null;
  };
  /** Connection pool size per process. */
  dbPoolSize: number;
  /**
   * Server processes sharing the port (node cluster, HUB_WORKERS): the hub is stateless, every cache is keyed by the
   * database's data versions. Default: every CPU in production, one elsewhere (D114).
   */
  workers: number;
  /** How long a start waits for PostgreSQL at DATABASE_URL to answer, retrying with backoff (0: one try). */
  databaseWaitSeconds: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Load the demo data when the database holds no district (npm start). */
  seedDemoWhenEmpty: boolean;
  auth: {
    /** HS256 secret; unset outside production = the development secret (and demo tokens printed at start). */
    secret: string | null;
    /** RS256 public key (PEM); takes precedence over the secret. */
    publicKey: string | null;
    /** Tokens must carry `exp` (outside development). */
    requireExpiry: boolean;
    /** Longest accepted span from `iat` (or now) to `exp`, in seconds (outside development). */
    maxTokenLifetimeSeconds: number;
  };
  /** Limits that keep ad-hoc queries from taking the server down. */
  limits: {
    statementTimeoutMs: number;
    maxDepth: number;
    maxCost: number;
    /** Evaluation work one request may ask to compute (docs/access.md, D123). */
    maxWork: number;
    maxAliases: number;
    maxRootFields: number;
    /** Tokens of a query text; longer texts are refused before parsing. */
    maxTokens: number;
    bodyBytes: number;
    importBodyBytes: number;
    /** Bytes of query responses kept for repeats (0 turns the response cache off). */
    responseCacheBytes: number;
    /** How long an import waits for another import of the same dataset before giving up (409 / exit 4). */
    importLockTimeoutMs: number;
    /** Largest evidence file accepted by POST /evidence. */
    evidenceBytes: number;
  };
}

/** Kept here (not in src/auth) so the fail-fast check below needs nothing else. */
export const DEVELOPMENT_SECRET = 'junheng-development-secret-not-for-production';

/** A refused environment variable: the message in Chinese then English (the operator's language is not known yet). */
export class ConfigError extends Error {
  constructor(readonly text: Message) {
    const detail = (locale: Locale) => t('CONFIG_INVALID', { detail: render(text, locale) }, locale);
    super(`${detail('zh-CN')}\n${detail('en')}`);
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
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(msg('CONFIG_NOT_WHOLE_NUMBER', { name, got: raw }));
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(msg('CONFIG_OUT_OF_RANGE', { name, min, max, got: value }));
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(msg('CONFIG_NOT_ONE_OF', { name, allowed: [...allowed], got: raw }));
  }
  return raw as T;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(msg('CONFIG_NOT_BOOLEAN', { name, got: raw }));
}

export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(msg('CONFIG_DATABASE_URL', { got: databaseUrl }));
  }
  const databaseReadUrl = env.DATABASE_READ_URL?.trim() || null;
  if (databaseReadUrl && (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseReadUrl))) {
    throw new ConfigError(msg('CONFIG_DATABASE_READ_URL', { got: databaseReadUrl }));
  }
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const auth = authConfig(env, nodeEnv);
  const keepAliveTimeoutMs = intVar(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 75_000, 1000, 3_600_000)!;
  return {
    nodeEnv,
    port: intVar(env, 'PORT', 4000, 0, 65535)!,
    host: hostVar(env, auth),
    http: {
      keepAliveTimeoutMs,
      headersTimeoutMs: keepAliveTimeoutMs + 5000,
      corsOrigins: corsOrigins(env, nodeEnv),
    },
    graphql: {
      introspection: boolVar(env, 'GRAPHQL_INTROSPECTION', nodeEnv !== 'production'),
      ide: oneOf(env, 'GRAPHQL_IDE', ['graphiql', 'sandbox', 'off'] as const, nodeEnv === 'production' ? 'off' : 'graphiql'),
    },
    databaseUrl,
    databaseReadUrl,
    embedded: {
      dataDir: path.resolve(projectRoot, env.EMBEDDED_PG_DIR?.trim() || '.data/postgres'),
      port: intVar(env, 'EMBEDDED_PG_PORT', null, 1, 65535),
    },
    dbPoolSize: intVar(env, 'DB_POOL_SIZE', 10, 1, 200)!,
    workers: intVar(env, 'HUB_WORKERS', nodeEnv === 'production' ? Math.min(64, os.availableParallelism()) : 1, 1, 64)!,
    databaseWaitSeconds: intVar(env, 'DATABASE_WAIT_SECONDS', 60, 0, 3600)!,
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, nodeEnv === 'test' ? 'silent' : 'info'),
    seedDemoWhenEmpty: boolVar(env, 'SEED_DEMO_WHEN_EMPTY', true),
    auth,
    limits: {
      statementTimeoutMs: intVar(env, 'STATEMENT_TIMEOUT_MS', 10000, 100, 600000)!,
      maxDepth: intVar(env, 'GRAPHQL_MAX_DEPTH', 12, 2, 100)!,
      maxCost: intVar(env, 'GRAPHQL_MAX_COST', 1500000, 100, 100000000)!,
      maxWork: intVar(env, 'GRAPHQL_MAX_WORK', 280000, 100, 100000000)!,
      maxAliases: intVar(env, 'GRAPHQL_MAX_ALIASES', 30, 1, 1000)!,
      maxRootFields: intVar(env, 'GRAPHQL_MAX_ROOT_FIELDS', 20, 1, 1000)!,
      maxTokens: intVar(env, 'GRAPHQL_MAX_TOKENS', 10000, 100, 1000000)!,
      bodyBytes: intVar(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024)!,
      importBodyBytes: intVar(env, 'IMPORT_BODY_LIMIT_BYTES', 200 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024)!,
      responseCacheBytes: intVar(env, 'RESPONSE_CACHE_BYTES', 8 * 1024 * 1024, 0, 1024 * 1024 * 1024)!,
      importLockTimeoutMs: intVar(env, 'IMPORT_LOCK_TIMEOUT_MS', 30000, 0, 3600000)!,
      evidenceBytes: intVar(env, 'EVIDENCE_MAX_BYTES', 20 * 1024 * 1024, 1024, 256 * 1024 * 1024)!,
    },
  };
}

function authConfig(env: Env, nodeEnv: Config['nodeEnv']): Config['auth'] {
  const secret = env.JWT_SECRET?.trim() || null;
  const publicKey = env.JWT_PUBLIC_KEY?.trim().replace(/\\n/g, '\n') || null;
  if (publicKey && !publicKey.includes('BEGIN PUBLIC KEY')) throw new ConfigError(msg('CONFIG_PUBLIC_KEY', {}));
  if (secret && secret.length < 32) throw new ConfigError(msg('CONFIG_SECRET_TOO_SHORT', {}));
  if (nodeEnv === 'production') {
    if (!secret && !publicKey) throw new ConfigError(msg('CONFIG_PRODUCTION_NEEDS_KEY', {}));
    if (secret === DEVELOPMENT_SECRET) throw new ConfigError(msg('CONFIG_PRODUCTION_DEVELOPMENT_SECRET', {}));
  }
  return {
    secret: secret ?? (nodeEnv === 'production' ? null : DEVELOPMENT_SECRET),
    publicKey,
    requireExpiry: nodeEnv !== 'development',
    maxTokenLifetimeSeconds: intVar(env, 'JWT_MAX_LIFETIME_SECONDS', 24 * 3600, 60, 366 * 24 * 3600)!,
  };
}

/** Whether tokens are checked with the public development secret: anyone can sign them. */
export function usesDevelopmentSecret(auth: Pick<Config['auth'], 'secret' | 'publicKey'>): boolean {
  return !auth.publicKey && auth.secret === DEVELOPMENT_SECRET;
}

/**
 * With the development secret (published in this repository, so anyone can sign a supervisor's token) the hub
 * listens on the loopback interface only; with a real key, on every interface. HOST overrides either.
 */
function hostVar(env: Env, auth: Config['auth']): string {
  const raw = env.HOST?.trim();
  if (!raw) return usesDevelopmentSecret(auth) ? '127.0.0.1' : '0.0.0.0';
  if (!/^[A-Za-z0-9.:_-]{1,253}$/.test(raw)) throw new ConfigError(msg('CONFIG_HOST', { got: raw }));
  return raw;
}

/** CORS_ORIGINS: exact origins (scheme://host[:port]), comma-separated; '*' only outside production. */
function corsOrigins(env: Env, nodeEnv: Config['nodeEnv']): Config['http']['corsOrigins'] {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return [];
  if (raw === '*') {
    if (nodeEnv === 'production') throw new ConfigError(msg('CONFIG_CORS_ANY_IN_PRODUCTION', {}));
    return '*';
  }
  return raw.split(',').map((part) => {
    const origin = part.trim();
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(msg('CONFIG_CORS_NOT_ORIGIN', { origin }));
    }
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !origin.endsWith('/');
    if (!/^https?:$/.test(url.protocol) || !bare) {
      throw new ConfigError(msg('CONFIG_CORS_NOT_ORIGIN', { origin }));
    }
    return url.origin;
  });
}

let cached: Config | null = null;
/** The process-wide configuration, validated on first use (fail fast at start-up). */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
