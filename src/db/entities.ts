import { CertificationStage } from '../dossiers/certification-stage.entity';
import { EvaluationDossier } from '../dossiers/dossier.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { QualityMonitoring } from '../assessment/quality-monitoring.entity';
import { DistrictEducation } from '../districts/district-education.entity';
import { District } from '../districts/district.entity';
import { EducationExpenditure } from '../funding/education-expenditure.entity';
import { SchoolFunds } from '../funding/school-funds.entity';
import { TransferPayment } from '../funding/transfer-payment.entity';
import { UnitCost } from '../funding/unit-cost.entity';
import { ImportBatch } from '../ingestion/import-batch.entity';
import { ImportRowError } from '../ingestion/import-error.entity';
import { RowHistory } from '../ingestion/row-history.entity';
import { SchoolStat } from '../schools/school-stat.entity';
import { School } from '../schools/school.entity';
import { CivilServantPay } from '../staffing/civil-servant-pay.entity';
import { TeacherPosting } from '../staffing/teacher-posting.entity';
import { Rating } from '../supervision/rating.entity';
import { Survey } from '../supervision/survey.entity';
import { SupervisionVisit } from '../supervision/supervision-visit.entity';
import { Finding } from '../supervision/finding.entity';
import { FindingEvent } from '../supervision/finding-event.entity';
import { Evidence, EvidenceContent, EvidenceLink } from '../supervision/evidence.entity';
import { MutationReceipt } from '../mutations/mutation-receipt.entity';

/** Every entity, listed explicitly (no globs: the same list works from src/ and from dist/). */
export const entities = [
  ImportBatch,
  District,
  DistrictEducation,
  School,
  SchoolStat,
  TeacherPosting,
  CivilServantPay,
  EducationExpenditure,
  SchoolFunds,
  TransferPayment,
  UnitCost,
  QualityMonitoring,
  Rating,
  Survey,
  EvaluationDossier,
  CertificationStage,
  SupervisionVisit,
  Finding,
  FindingEvent,
  EvidenceContent,
  Evidence,
  EvidenceLink,
  MutationReceipt,
  ImportRowError,
  RowHistory,
  AuditEvent,
];
