import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createAssessmentLoaders } from '../assessment/assessment.loaders';
import { createDistrictLoaders } from '../districts/district.loaders';
import { createFactsLoaders } from '../compliance/facts.loaders';
import { createFundingLoaders } from '../funding/funding.loaders';
import { createIngestionLoaders } from '../ingestion/ingestion.loaders';
import { createSchoolLoaders } from '../schools/school.loaders';
import { createStaffingLoaders } from '../staffing/staffing.loaders';
import { createSupervisionLoaders } from '../supervision/supervision.loaders';
import { LoaderRegistry } from './loader-registry';

/** Every DataLoader of one request, one factory per domain folder. Never shared between requests. */
export function createLoaders(ds: DataSource) {
  const registry = new LoaderRegistry();
  return {
    registry,
    districts: createDistrictLoaders(ds, registry),
    schools: createSchoolLoaders(ds, registry),
    staffing: createStaffingLoaders(ds, registry),
    funding: createFundingLoaders(ds, registry),
    assessment: createAssessmentLoaders(ds, registry),
    supervision: createSupervisionLoaders(ds, registry),
    ingestion: createIngestionLoaders(ds, registry),
    facts: createFactsLoaders(ds, registry),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  requestId: string;
  ds: DataSource;
  loaders: Loaders;
}

export function createContext(ds: DataSource, requestId: string = randomUUID()): Context {
  return { requestId, ds, loaders: createLoaders(ds) };
}
