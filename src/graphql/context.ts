import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { createAssessmentLoaders } from '../assessment/assessment.loaders';
import { createDistrictLoaders } from '../districts/district.loaders';
import { createFactsLoaders } from '../compliance/facts.loaders';
import { createFundingLoaders } from '../funding/funding.loaders';
import { createIngestionLoaders } from '../ingestion/ingestion.loaders';
import { createSchoolLoaders } from '../schools/school.loaders';
import { createStaffingLoaders } from '../staffing/staffing.loaders';
import { createSupervisionLoaders } from '../supervision/supervision.loaders';
import type { AuditEntry } from '../audit/audit.service';
import { SYSTEM_VIEWER, Viewer } from '../auth/roles';
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
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  requestId: string;
  /** Who asks; the database scopes rows by it (see src/db/request-scope.ts), the auth checker fields. */
  viewer: Viewer;
  db: EntityManager;
  loaders: Loaders;
  /** Refusals met while resolving, written to the audit log when the request ends. */
  denied: AuditEntry[];
}

export function createContext(db: EntityManager, requestId: string = randomUUID(), viewer: Viewer = SYSTEM_VIEWER): Context {
  return { requestId, viewer, db, loaders: createLoaders(db), denied: [] };
}
