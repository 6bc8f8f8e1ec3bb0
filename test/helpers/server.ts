import { DataSource } from 'typeorm';
import { createServer, HubServer } from '../../src/server';
import { processSqlTally } from '../../src/db/sql-counter';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** The real server on a free port, spoken to over real HTTP. */
export class TestHub {
  private constructor(
    readonly server: HubServer,
    readonly url: string,
  ) {}

  static async start(ds: DataSource): Promise<TestHub> {
    const server = await createServer(ds);
    const port = await server.listen(0, '127.0.0.1');
    return new TestHub(server, `http://127.0.0.1:${port}`);
  }

  async graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
