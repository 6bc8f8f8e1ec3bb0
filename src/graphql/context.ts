import { EntityManager } from 'typeorm';
import { createAssessmentLoaders } from '../assessment/assessment.loaders';
import { createDistrictLoaders } from '../districts/district.loaders';
import { createFactsLoaders } from '../compliance/facts.loaders';
import { createCertificationLoaders, createDossierLoaders } from '../dossiers/dossier.loaders';
import { createFundingLoaders } from '../funding/funding.loaders';
import { createIngestionLoaders } from '../ingestion/ingestion.loaders';
import { createSchoolLoaders } from '../schools/school.loaders';
import { createStaffingLoaders } from '../staffing/staffing.loaders';
import { createSupervisionLoaders } from '../supervision/supervision.loaders';
import type { AuditEntry } from '../audit/audit.service';
import type { Denial } from '../audit/denials';
import { isVerifiedViewer, VerifiedViewer } from '../auth/verified';
import { config } from '../config';
import { writeScope, WriteScope } from '../db/write-scope';
import { currentLocale, Locale } from '../messages';
import { LoaderRegistry } from './loader-registry';

/** Every DataLoader of one request, one factory per domain folder. Never shared between requests. */
export function createLoaders(db: EntityManager) {
  const registry = new LoaderRegistry();
  return {
    registry,
    districts: createDistrictLoaders(db, registry),
    schools: createSchoolLoaders(db, registry),
    staffing: createStaffingLoaders(db, registry),
    funding: createFundingLoaders(db, registry),
    assessment: createAssessmentLoaders(db, registry),
    supervision: createSupervisionLoaders(db, registry),
    ingestion: createIngestionLoaders(db, registry),
    facts: createFactsLoaders(db, registry),
    dossiers: createDossierLoaders(db, registry),
    certification: createCertificationLoaders(db, registry),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  requestId: string;
  /** Who asks, verified; the database scopes rows by it (see src/db/request-scope.ts), the auth checker fields. */
  viewer: VerifiedViewer;
  db: EntityManager;
  loaders: Loaders;
  /** The client's language (Accept-Language), for anything a resolver writes for people. */
  locale: Locale;
  /** Refusals met while resolving, written to the audit log when the request ends. */
  denied: Denial[];
  /** Other outcomes to audit when the request ends (e.g. a mutation rejected with userErrors). */
  audited: AuditEntry[];
  /** Set by resolvers whose answer depends on something outside the table versions (the audit log): not cached. */
  uncacheable: boolean;
  /**
   * Aborted once the request's transaction has ended (client gone, time limit, answer sent): long loops stop at their
   * next boundary (D123). Absent for in-process contexts (seeds, the CLI, tests), which nobody abandons.
   */
  signal?: AbortSignal;
  /** Mutations write through this: one transaction as the writer role, then reads resume in a new snapshot (D80). */
  write: WriteScope;
}

/**
 * The context of one request. There is no default viewer: only a verified one (a checked token, or an explicit
 * `inProcessViewer` of seeds, the CLI or tests) opens a context, so no path can reach a resolver without it.
 */
export function createContext(db: EntityManager, requestId: string, viewer: VerifiedViewer, locale: Locale = currentLocale()): Context {
  if (!isVerifiedViewer(viewer)) throw new Error('createContext: the viewer was not verified (a token checked by verifyBearer, or inProcessViewer)');
  const context: Context = { requestId, viewer, db, loaders: createLoaders(db), locale, denied: [], audited: [], uncacheable: false, write: undefined as unknown as WriteScope };
  // After a write the request reads a new snapshot: loaders (and their caches) start afresh.
  const { statementTimeoutMs } = config().limits;
  context.write = writeScope(context, () => (context.loaders = createLoaders(db)), { statementTimeoutMs, lockTimeoutMs: Math.min(statementTimeoutMs, 5000) });
  return context;
}
