import { DataSource } from 'typeorm';
import { equals, rowsGroupedBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { QualityMonitoring } from './quality-monitoring.entity';

export function createAssessmentLoaders(ds: DataSource, registry: LoaderRegistry) {
  return {
    qualityMonitoring: (params: { year?: number | null }) =>
      registry.get<string, QualityMonitoring[]>('assessment.qualityMonitoring', params, (codes) =>
        rowsGroupedBy(ds, QualityMonitoring, 'schoolCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC', subject: 'ASC' } }),
      ),
  };
}
