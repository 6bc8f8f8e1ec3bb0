import { EntityManager } from 'typeorm';
import { equals, rowsGroupedBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { QualityMonitoring } from './quality-monitoring.entity';

export function createAssessmentLoaders(db: EntityManager, registry: LoaderRegistry) {
  return {
    qualityMonitoring: (params: { year?: number | null }) =>
      registry.get<string, QualityMonitoring[]>('assessment.qualityMonitoring', params, (codes) =>
        rowsGroupedBy(db, QualityMonitoring, 'schoolCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC', subject: 'ASC' } }),
      ),
  };
}
