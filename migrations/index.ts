import { InitialSchema1795499512901 } from './1795499512901-InitialSchema';
import { ImportHistory1795500106438 } from './1795500106438-ImportHistory';
import { AuditLog1795501759631 } from './1795501759631-AuditLog';
import { DataVersion1795502943730 } from './1795502943730-DataVersion';
import { MetadataVersion1795504174183 } from './1795504174183-MetadataVersion';
import { RowLevelSecurity1795501762928 } from './1795501762928-RowLevelSecurity';
import { AuditOutOfDataVersion1795510000000 } from './1795510000000-AuditOutOfDataVersion';
import { ImportLanguageAndLimits1796195327248 } from './1796195327248-ImportLanguageAndLimits';
import { SupervisionLedger1796195138834 } from './1796195138834-SupervisionLedger';
import { SupervisionWriter1796195138835 } from './1796195138835-SupervisionWriter';
import { DistrictDataVersion1796210000000 } from './1796210000000-DistrictDataVersion';
import { SettledReadings1796300000000 } from './1796300000000-SettledReadings';
import { EvaluationDossiers1796400000000 } from './1796400000000-EvaluationDossiers';
import { CertificationStages1796400000001 } from './1796400000001-CertificationStages';
import { ImportWritePath1796400000002 } from './1796400000002-ImportWritePath';
import { UnitCosts1796500000050 } from './1796500000050-UnitCosts';
import { DossierPlans1796500000051 } from './1796500000051-DossierPlans';
import { ScopeOncePerStatement1796500000061 } from './1796500000061-ScopeOncePerStatement';

/** Migrations in order (of their timestamps); listed explicitly so the same list works from ts-node, jest and dist/. */
export const migrations: Function[] = [
  InitialSchema1795499512901, ImportHistory1795500106438, AuditLog1795501759631, RowLevelSecurity1795501762928, DataVersion1795502943730,
  MetadataVersion1795504174183, AuditOutOfDataVersion1795510000000, SupervisionLedger1796195138834, SupervisionWriter1796195138835,
  ImportLanguageAndLimits1796195327248, DistrictDataVersion1796210000000, SettledReadings1796300000000,
  EvaluationDossiers1796400000000, CertificationStages1796400000001, ImportWritePath1796400000002,
  UnitCosts1796500000050, DossierPlans1796500000051, ScopeOncePerStatement1796500000061,
];
