import { EntityManager } from 'typeorm';
import { equals, hydrate, rowsBy, rowsGroupedBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { Evidence, EvidenceContent } from './evidence.entity';
import { FindingEvent } from './finding-event.entity';
import { Finding } from './finding.entity';
import { hubToday } from './ledger.states';
import { EMPTY_COUNTS, LedgerCounts, summaryColumns } from './ledger.summary';
import { Rating } from './rating.entity';
import { SupervisionVisit } from './supervision-visit.entity';
import { Survey } from './survey.entity';

/** Which evidence links a loader reads: of findings (all their steps), of history steps, of ratings or surveys' current values. */
type EvidenceOf = 'finding' | 'event' | 'rating' | 'survey';
const LINK_COLUMN: Record<EvidenceOf, string> = { finding: 'finding_id', event: 'event_id', rating: 'rating_id', survey: 'survey_id' };

/**
 * Evidence (metadata only, never the bytes) attached to each key. Ratings and surveys are keyed "<row id>/<batch id>":
 * the evidence of a value is what was attached with the batch that delivered it.
 */
async function evidenceBy(db: EntityManager, of: EvidenceOf, keys: readonly string[]): Promise<Evidence[][]> {
  const versioned = of === 'rating' || of === 'survey';
  const ids = keys.map((k) => k.split('/')[0]!);
  const rows: Record<string, any>[] = await db.query(
    `SELECT DISTINCT ON (k, e.id) l.${LINK_COLUMN[of]}::text ${versioned ? `|| '/' || l.batch_id::text` : ''} AS k, e.*
     FROM evidence_links l JOIN evidence e ON e.id = l.evidence_id
     WHERE l.${LINK_COLUMN[of]} = ANY($1::bigint[])
     ORDER BY k, e.id`,
    [[...new Set(ids)]],
  );
  const byKey = new Map<string, Evidence[]>();
  for (const r of rows) {
    byKey.set(r.k, [...(byKey.get(r.k) ?? []), hydrate(db, Evidence, r)]);
  }
  return keys.map((k) => byKey.get(k) ?? []);
}

/** Ledger counts per district or school (one grouped statement for every key of the request). */
async function ledgerCountsBy(db: EntityManager, by: 'district_code' | 'school_code', keys: readonly string[], raised: { from?: string | null; to?: string | null }): Promise<LedgerCounts[]> {
  const rows: (LedgerCounts & { k: string })[] = await db.query(
    `SELECT f.${by} AS k, ${summaryColumns('$2::date')}
     FROM supervision_findings f
     WHERE f.${by} = ANY($1) AND ($3::date IS NULL OR f.raised_on >= $3) AND ($4::date IS NULL OR f.raised_on <= $4)
     GROUP BY f.${by}`,
    [keys, hubToday(), raised.from ?? null, raised.to ?? null],
  );
  const byKey = new Map(rows.map((r) => [r.k, r]));
  return keys.map((k) => byKey.get(k) ?? EMPTY_COUNTS);
}

export function createSupervisionLoaders(db: EntityManager, registry: LoaderRegistry) {
  return {
    ratings: (params: { year?: number | null }) =>
      registry.get<string, Rating[]>('supervision.ratings', params, (codes) =>
        rowsGroupedBy(db, Rating, 'districtCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC', indicator: 'ASC' } }),
      ),
    surveys: (params: { year?: number | null }) =>
      registry.get<string, Survey[]>('supervision.surveys', params, (codes) =>
        rowsGroupedBy(db, Survey, 'districtCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC' } }),
      ),
    /** A school's visits. */
    visits: () =>
      registry.get<string, SupervisionVisit[]>('supervision.visits', undefined, (codes) =>
        rowsGroupedBy(db, SupervisionVisit, 'schoolCode', codes, { orderBy: { visitedOn: 'ASC', visitId: 'ASC' } }),
      ),
    visitById: () => registry.get<string, SupervisionVisit | null>('supervision.visitById', undefined, (ids) => rowsBy(db, SupervisionVisit, 'visitId', ids)),
    findingById: () =>
      registry.get<string, Finding | null>('supervision.findingById', undefined, (ids) =>
        rowsBy(db, Finding, 'findingId', ids.map((id) => (/^\d{1,18}$/.test(id) ? id : '0'))),
      ),
    /** The findings raised on each visit, in the order they were raised. */
    visitFindings: () =>
      registry.get<string, Finding[]>('supervision.visitFindings', undefined, (ids) => rowsGroupedBy(db, Finding, 'visitId', ids, { orderBy: { findingId: 'ASC' } })),
    /** Each finding's history, step by step. */
    history: () =>
      registry.get<string, FindingEvent[]>('supervision.history', undefined, (ids) => rowsGroupedBy(db, FindingEvent, 'findingId', ids, { orderBy: { version: 'ASC' } })),
    eventById: () => registry.get<string, FindingEvent | null>('supervision.eventById', undefined, (ids) => rowsBy(db, FindingEvent, 'eventId', ids)),
    evidence: (of: EvidenceOf) => registry.get<string, Evidence[]>(`supervision.evidence.${of}`, undefined, (keys) => evidenceBy(db, of, keys)),
    evidenceById: () =>
      registry.get<string, Evidence | null>('supervision.evidenceById', undefined, (ids) => rowsBy(db, Evidence, 'evidenceId', ids.map((id) => (/^\d{1,18}$/.test(id) ? id : '0')))),
    /** The stored file of an evidence row (its metadata; the bytes are never loaded here). */
    evidenceFile: () => registry.get<string, EvidenceContent | null>('supervision.evidenceFile', undefined, (ids) => rowsBy(db, EvidenceContent, 'fileId', ids)),
    ledgerByDistrict: (raised: { from?: string | null; to?: string | null }) =>
      registry.get<string, LedgerCounts>('supervision.ledgerByDistrict', raised, (codes) => ledgerCountsBy(db, 'district_code', codes, raised)),
    ledgerBySchool: (raised: { from?: string | null; to?: string | null }) =>
      registry.get<string, LedgerCounts>('supervision.ledgerBySchool', raised, (codes) => ledgerCountsBy(db, 'school_code', codes, raised)),
  };
}
