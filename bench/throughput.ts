// Throughput of one GraphQL request under concurrent load over HTTP, with autocannon (started from this process;
// the hub runs in its own child process, so the load generator's CPU and memory are not the server's).
import autocannon from 'autocannon';

export interface Throughput {
  connections: number;
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Connection errors (timeouts included), non-2xx answers and 200 answers carrying GraphQL errors. */
  errors: number;
  errorDetail: { connectionErrors: number; timeouts: number; non2xx: number; graphqlErrors: number };
  /** Response body size of one request, bytes (mean). */
  bytesPerRequest: number;
}

/** A GraphQL answer without errors starts with {"data": and has no top-level "errors" key. */
function goodBody(body: unknown): boolean {
  const text = typeof body === 'string' ? body : String(body);
  return text.startsWith('{"data":') && !text.includes('"errors":[');
}

/**
 * `durationS`: load for that long (autocannon then drops the requests still in flight); `amount`: exactly that many
 * requests, each answered before the connections close (the warm-up, which must not abort requests).
 */
export async function loadTest(options: { url: string; token: string; query: string; variables: Record<string, unknown>; connections: number; durationS: number; amount?: number }): Promise<Throughput> {
  const result = await autocannon({
    url: `${options.url}/graphql`,
    method: 'POST',
    connections: options.connections,
    duration: options.durationS,
    ...(options.amount ? { amount: options.amount } : {}),
    timeout: 30,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
    body: JSON.stringify({ query: options.query, variables: options.variables }),
    verifyBody: goodBody,
  });
  const requests = result['2xx'] + result.non2xx;
  // verifyBody sees every answer, so a non-2xx answer is also a mismatch: count it once.
  const graphqlErrors = Math.max(0, result.mismatches - result.non2xx);
  return {
    connections: options.connections,
    durationS: result.duration,
    requests,
    requestsPerSecond: Math.round((requests / result.duration) * 10) / 10,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors + result.non2xx + graphqlErrors,
    errorDetail: { connectionErrors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, graphqlErrors },
    bytesPerRequest: requests > 0 ? Math.round(result.throughput.total / requests) : 0,
  };
}
