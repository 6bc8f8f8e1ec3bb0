import net from 'node:net';
import { createDataSource } from '../../src/db/data-source';
import { initializeWhenReachable } from '../../src/db/open';
import { testDatabaseUrl } from '../helpers/database';

/**
 * #11.8: a hub started while PostgreSQL (at DATABASE_URL) is not up yet waits for it with backoff instead of
 * exiting; an error that is not "unreachable" (a wrong database) fails at once.
 */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** A TCP relay to the test database that starts listening only after `afterMs`. */
function lateRelay(port: number, afterMs: number): { stop: () => Promise<void> } {
  const target = new URL(testDatabaseUrl());
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  const timer = setTimeout(() => server.listen(port, '127.0.0.1'), afterMs);
  return {
    stop: async () => {
      clearTimeout(timer);
      for (const s of sockets) s.destroy();
      await new Promise((r) => (server.listening ? server.close(r) : r(undefined)));
    },
  };
}

const via = (port: number, database?: string) => {
  const url = new URL(testDatabaseUrl());
  url.hostname = '127.0.0.1';
  url.port = String(port);
  if (database) url.pathname = `/${database}`;
  return url.toString();
};

test('waits for a server that comes up after the start, with backoff', async () => {
  const port = await freePort();
  const relay = lateRelay(port, 1500);
  const ds = createDataSource(via(port), { poolSize: 1 });
  const slept: number[] = [];
  try {
    await initializeWhenReachable(ds, 30, (ms) => {
      slept.push(ms);
      return new Promise((r) => setTimeout(r, ms));
    });
    expect(ds.isInitialized).toBe(true);
    expect((await ds.query('SELECT 1 AS one'))[0].one).toBe(1);
    expect(slept.length).toBeGreaterThanOrEqual(1);
    expect(slept.slice(0, 3)).toEqual([500, 1000, 2000].slice(0, Math.min(3, slept.length)));
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await relay.stop();
  }
});

test('gives up after the configured wait with the unreachable error', async () => {
  const port = await freePort();
  const ds = createDataSource(via(port), { poolSize: 1 });
  const started = Date.now();
  await expect(initializeWhenReachable(ds, 1, (ms) => new Promise((r) => setTimeout(r, ms)))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  expect(Date.now() - started).toBeLessThan(5000);
});

test('an error that is not "unreachable" fails at once (no wait)', async () => {
  const target = new URL(testDatabaseUrl());
  const ds = createDataSource(via(Number(target.port || 5432), 'junheng_no_such_database'), { poolSize: 1 });
  const slept: number[] = [];
  await expect(initializeWhenReachable(ds, 30, async (ms) => void slept.push(ms))).rejects.toThrow(/does not exist/);
  expect(slept).toEqual([]);
});
