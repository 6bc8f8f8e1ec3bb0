import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/** Clients that hang up mid-request must not leave connections in a transaction: the pool would run dry. */
let ds: DataSource;
let hub: TestHub;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  for (const code of ['A01', 'B02', 'C03']) await buildDistrict(fx, { code });
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

test('60 requests aborted at random moments leave no connection idle in transaction, and the server answers', async () => {
  const query = `{ cityEvaluation(year: 2024) { districts { verdict } } schools(first: 100) { nodes { code resourceIndicators(year: 2024, stage: PRIMARY) { code status } } } }`;
  await Promise.all(
    Array.from({ length: 60 }, async (_, i) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), i % 15);
      await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: hub.headers({ 'content-type': 'application/json' }),
        body: JSON.stringify({ query }),
        signal: controller.signal,
      }).then((r) => r.text()).catch(() => undefined);
    }),
  );
  let stuck = -1;
  for (let i = 0; i < 50 && stuck !== 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    [{ n: stuck }] = await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
  }
  expect(stuck).toBe(0);
  const res = await hub.graphql(`{ districts { totalCount } }`);
  expect(res.data!.districts.totalCount).toBe(3);
});
