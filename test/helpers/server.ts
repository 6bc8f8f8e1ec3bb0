import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { signToken } from '../../src/auth/tokens';
import { Config, config } from '../../src/config';
import { createServer, HubServer } from '../../src/server';
import { processSqlTally } from '../../src/db/sql-counter';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface As {
  role: Role;
  district?: string | null;
  subject?: string;
}

/** Statements every authenticated GraphQL query spends around its work: BEGIN with its settings and the data versions (the caches' key) in one round trip (D114), ROLLBACK. */
export const SCOPE_STATEMENTS = 2;

/** A token signed with the test configuration's key (the development secret under NODE_ENV=test), or `secret`. */
export function tokenFor(as: As, secret: string = config().auth.secret!): string {
  return signToken(secret, { subject: as.subject ?? `test-${as.role}`, role: as.role, district: as.district ?? null });
}

/** The real server on a free port, spoken to over real HTTP, as a supervisor unless told otherwise. */
export class TestHub {
  private constructor(
    readonly server: HubServer,
    readonly url: string,
    private readonly token: string | null,
    private readonly secret: string,
  ) {}

  /**
   * `cfg`: another configuration than the test run's (e.g. NODE_ENV=production); tokens are signed with its secret.
   * `readDs`: where read-only requests go (DATABASE_READ_URL).
   */
  static async start(ds: DataSource, cfg: Config = config(), readDs: DataSource = ds): Promise<TestHub> {
    const server = await createServer(ds, cfg, readDs);
    const port = await server.listen(0, '127.0.0.1');
    const secret = cfg.auth.secret!;
    return new TestHub(server, `http://127.0.0.1:${port}`, tokenFor({ role: Role.SUPERVISOR }, secret), secret);
  }

  /** The same server, spoken to with another identity (or none: `null`). */
  as(who: As | null): TestHub {
    return new TestHub(this.server, this.url, who ? tokenFor(who, this.secret) : null, this.secret);
  }

  /** Headers with this client's token. */
  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...extra };
  }

  async graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  }

  /** Runs a query and returns the response with the number of SQL statements it caused. */
  async counted<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<{ response: GraphQLResponse<T>; statements: number }> {
    const before = processSqlTally.count;
    const response = await this.graphql<T>(query, variables);
    return { response, statements: processSqlTally.count - before };
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
