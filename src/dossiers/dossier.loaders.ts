import { EntityManager } from 'typeorm';
import { rowsBy, rowsGroupedBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { EvaluationDossier } from './dossier.entity';
import { CertificationStage } from './certification-stage.entity';

/** Dossiers by id and by district (row-level security keeps a district officer to their district's). */
export function createDossierLoaders(db: EntityManager, registry: LoaderRegistry) {
  return {
    byId: () => registry.get<string, EvaluationDossier | null>('dossiers.byId', undefined, (ids) => rowsBy(db, EvaluationDossier, 'number', ids)),
    byDistrict: () =>
      registry.get<string, EvaluationDossier[]>('dossiers.byDistrict', undefined, (codes) =>
        rowsGroupedBy(db, EvaluationDossier, 'districtCode', codes, { orderBy: { number: 'ASC' } })),
  };
}

/** Each district's certification stages, oldest first (by date, then as recorded). */
export function createCertificationLoaders(db: EntityManager, registry: LoaderRegistry) {
  return {
    byDistrict: () =>
      registry.get<string, CertificationStage[]>('certification.byDistrict', undefined, (codes) =>
        rowsGroupedBy(db, CertificationStage, 'districtCode', codes, { orderBy: { reachedOn: 'ASC', stageId: 'ASC' } })),
  };
}
