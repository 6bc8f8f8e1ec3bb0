import { createHash } from 'node:crypto';
import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { hubToday } from '../common/calendar';
import { LruCache } from '../common/lru-cache';
import { Role } from '../auth/roles';
import { districtVersion, readVersions, Versions } from '../db/data-version';
import type { Context } from './context';

/**
 * Whole-response cache for queries. A response depends on the query text, its variables, the viewer's role and
 * district (row-level security and field permissions use nothing else) and the data it read — so the key is all
 * of these plus the version of every tracked table (data, deliveries) in the request's snapshot and the client's
 * locale (texts are rendered in it). Any write changes a version, hence the key: a cached response is never stale.
 * The audit log has no version (so a flood of denials cannot empty the cache): responses that read it set
 * `uncacheable` and are not kept. Only responses without errors are kept, so
 * every refusal is still met (and audited) each time. Bounded by the bytes of the JSON (the objects take ~3–4×
 * that in the heap), and emptied when a version outside the per-district ones changes (entries keyed by an older
 * district version are unreachable and age out).
 *
 * A district officer's response is keyed by their district's data version (D101) and the versions of the tables
 * that are not departmental, instead of every table's: row-level security keeps every departmental table to their
 * district (migration RowLevelSecurity), so nothing they can read changes when another district is delivered (D114).
 * Other viewers may read any district, so their key stays every table's version: which districts an arbitrary query
 * reads is not known before it runs.
 */
export function responseCachePlugin(maxBytes: number): ApolloServerPlugin<Context> & { cache: LruCache<FormattedExecutionResult> } {
  const cache = new LruCache<FormattedExecutionResult>(maxBytes, (r) => JSON.stringify(r).length);
  // Off (RESPONSE_CACHE_BYTES=0): no key to hash, no version to read, no answer to weigh — nothing per request (D121).
  if (maxBytes <= 0) return { cache };
  return {
    cache,
    async requestDidStart() {
      let key: string | null = null;
      let served = false;
      return {
        async responseForOperation({ contextValue, request, operation }) {
          // No operation (several without operationName, or an unknown one): nothing runs, Apollo answers 400.
          if (operation?.operation !== 'query' || !request.query) return null;
          const versions = await readVersions(contextValue.db, contextValue.loaders.registry);
          cache.generation(`${versions.epoch}|${versions.outsideDistricts}`);
          const { role, district } = contextValue.viewer;
          key = createHash('sha256')
            // The date too: "overdue" (the supervision ledger) changes at midnight without any write (decision D85).
            .update(JSON.stringify([role, district, contextValue.locale, dataKey(versions, role, district), hubToday(), request.operationName ?? null, request.query, request.variables ?? {}]))
            .digest('base64url');
          const hit = cache.get(key);
          if (!hit) return null;
          served = true;
          return { http: { status: 200, headers: new HeaderMap([['x-junheng-cache', 'hit']]) }, body: { kind: 'single', singleResult: hit } };
        },
        async willSendResponse({ response, contextValue }) {
          if (!key || served || contextValue.uncacheable || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length || result.data === undefined) return;
          cache.set(key, result);
        },
      };
    },
  };
}

/** The part of a response's key that names the data it may have read (see above). */
export function dataKey(versions: Versions, role: Role, district: string | null): string {
  if (role === Role.DISTRICT_OFFICER && district) return `district ${district}@${districtVersion(versions, district)}|${versions.outsideDistricts}`;
  return versions.all;
}
