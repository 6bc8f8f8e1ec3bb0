import type { DataSource } from 'typeorm';
import { log } from '../common/logger';

/**
 * Chinese names sort by pinyin (巴南区, 北碚区, 城口县 … 云阳县), not by code point (三, 云, 巴, 望), through an ICU
 * collation of PostgreSQL. ICU collations exist only on servers built with ICU (initdb imports them as `zh-x-icu`,
 * `zh-Hans-x-icu`): the embedded PostgreSQL and Debian's packages are; a server without them keeps the database's
 * default order for names (code point under C / C.UTF-8), which is what `detectNameCollation` logs at start.
 *
 * Detected once per DataSource when the server starts (never inside a request: statement counts stay as they are),
 * and looked up by the services through the request's EntityManager (`db.connection` is the DataSource).
 */
const PREFERRED = ['zh-x-icu', 'zh-Hans-x-icu'] as const;
const detected = new WeakMap<object, string | null>();

export async function detectNameCollation(ds: DataSource): Promise<string | null> {
  let found: string | null = null;
  try {
    // Usable collations are those for the database's encoding or for any encoding (-1); ICU ones are the latter.
    const rows: { collname: string }[] = await ds.query(
      `SELECT collname FROM pg_collation
        WHERE collname = ANY($1) AND collprovider = 'i' AND collencoding IN (-1, pg_char_to_encoding(current_setting('server_encoding')))`,
      [PREFERRED],
    );
    found = PREFERRED.find((name) => rows.some((r) => r.collname === name)) ?? null;
  } catch (err) {
    log.warn('could not look up ICU collations; names keep the database order', { error: err instanceof Error ? err.message : String(err) });
  }
  if (!found) log.warn('PostgreSQL has no ICU collation for Chinese (zh-x-icu): names sort in the database\'s default order, not by pinyin');
  detected.set(ds, found);
  return found;
}

/** The collation names are sorted with on this DataSource, or null (the database default). */
export function nameCollation(ds: object): string | null {
  return detected.get(ds) ?? null;
}

/** Properties holding people's names of things (sorted by pinyin when ICU is there). */
const NAME_PROPERTIES = new Set(['name']);

/** The ORDER BY expression for `alias.property`: names through the Chinese collation when there is one. */
export function orderExpression(ds: object, alias: string, property: string): string {
  const collation = NAME_PROPERTIES.has(property) ? nameCollation(ds) : null;
  return collation ? `${alias}.${property} COLLATE "${collation}"` : `${alias}.${property}`;
}
