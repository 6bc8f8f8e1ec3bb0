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
 * `uncacheable` and are not kept. Only responses without errors are kept, so every refusal is still met (and
 * audited) each time. An entry is the answer's JSON text as sent, weighed by its characters (D120: one serialisation
 * per answer, none for a hit). The cache is emptied when a version outside the per-district ones changes (entries
 * keyed by an older district version are unreachable and age out).
 *
 * A district officer's response is keyed by their district's data version (D101) and the versions of the tables
 * that are not departmental, instead of every table's: row-level security keeps every departmental table to their
 * district (migration RowLevelSecurity), so nothing they can read changes when another district is delivered (D114).
 * Other viewers may read any district, so their key stays every table's version: which districts an arbitrary query
 * reads is not known before it runs.
 */
export function responseCachePlugin(maxBytes: number): ApolloServerPlugin<Context> & {
  cache: LruCache<string>;
  stringifyResult: (value: FormattedExecutionResult) => string;
} {
  // Entries are the response's JSON text, as sent (JSON.stringify + newline, Apollo's own serialisation): a hit is
  // written out without serialising again, and the text is all the cache holds (the objects took ~3–4× its bytes).
  const cache = new LruCache<string>(maxBytes, (text) => text.length);
  // Apollo serialises after the plugins' willSendResponse: an answer to keep is marked by its `data` object and set
  // when its text is written (one serialisation; weighing it apart was a second JSON.stringify of the whole answer);
  // a hit's placeholder `data` maps to the text kept.
  const toKeep = new WeakMap<object, string>();
  const served = new WeakMap<object, string>();
  return {
    cache,
    stringifyResult(value) {
      const data = value.data as object | null | undefined;
      if (data) {
        const hit = served.get(data);
        if (hit !== undefined) return hit;
      }
      const text = JSON.stringify(value) + '\n';
      const key = data ? toKeep.get(data) : undefined;
      if (key !== undefined && !value.errors?.length) cache.set(key, text);
      return text;
    },
    async requestDidStart() {
      let key: string | null = null;
      let hit = false;
      // Off (RESPONSE_CACHE_BYTES=0): no key, no versions read for it, nothing kept.
      if (maxBytes <= 0) return {};
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
          const text = cache.get(key);
          if (text === undefined) return null;
          hit = true;
          // A placeholder answer (no errors): stringifyResult writes the kept text for it.
          const data = {};
          served.set(data, text);
          return { http: { status: 200, headers: new HeaderMap([['x-junheng-cache', 'hit']]) }, body: { kind: 'single', singleResult: { data } } };
        },
        async willSendResponse({ response, contextValue }) {
          if (!key || hit || contextValue.uncacheable || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length || !result.data) return;
          toKeep.set(result.data, key);
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
