import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SortDirection } from '../graphql/sorting';
import { UserError } from '../mutations/user-error';
import { Rating } from './rating.entity';
import { Finding } from './finding.entity';
import { FindingEvent } from './finding-event.entity';
import { FindingAction, FindingSeverity, FindingState } from './ledger.states';
import { Survey } from './survey.entity';
import { SupervisionVisit } from './supervision-visit.entity';

registerEnumType(FindingState, {
  name: 'FindingState',
  description: 'OPEN (待整改), RECTIFYING (整改中), SUBMITTED (已报整改完成，待核查), CLOSED (已销号), REOPENED (回头看重新打开)',
});
registerEnumType(FindingAction, { name: 'FindingAction', description: 'RAISE (提出), RESPOND (报整改方案), SUBMIT (报整改完成), RETURN (退回), CLOSE (销号), REOPEN (回头看重新打开)' });
registerEnumType(FindingSeverity, { name: 'FindingSeverity', description: 'MINOR (一般), MAJOR (较重), SERIOUS (严重)' });

const key = { nullable: true, description: 'Send the same key when retrying: the first result comes back and nothing is written twice (≤ 200 characters)' };
const evidence = { nullable: true, description: 'Evidence files to attach (ids from POST /evidence), at most 20' };

// ---- inputs ---------------------------------------------------------------------------------------------------

@InputType({ description: 'A finding to raise (on recordVisit, or on raiseFinding with the visit)' })
export class NewFindingInput {
  @Field(() => String, { nullable: true, description: 'School it concerns; default: the visited school (none for a district visit)' })
  schoolCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Indicator of 教督〔2017〕6号 it concerns: R1–R7, G01–G15, Q01–Q09, S01, V01–V03' })
  indicatorCode?: string | null;

  @Field({ description: 'The problem (≤ 2,000 characters)' })
  description: string;

  @Field(() => FindingSeverity)
  severity: FindingSeverity;

  @Field(() => GraphQLLocalDate, { description: 'Rectification due date (整改期限), not before the visit' })
  dueOn: string;

  @Field(() => [String], { nullable: true, description: 'Inspectors who raised it; default: the visit\'s' })
  inspectors?: string[] | null;

  @Field(() => [ID], evidence)
  evidenceIds?: string[] | null;
}

@InputType()
export class RecordVisitInput {
  @Field(() => String, { nullable: true, description: 'The school visited (or give districtCode for a district as a whole)' })
  schoolCode?: string | null;

  @Field(() => String, { nullable: true })
  districtCode?: string | null;

  @Field(() => GraphQLLocalDate)
  visitedOn: string;

  @Field(() => String, { nullable: true, description: 'e.g. "2024年春季过程督导"' })
  round?: string | null;

  @Field(() => [String], { description: 'Inspectors on the visit (at most 20)' })
  inspectors: string[];

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => [NewFindingInput], { nullable: true, description: 'Findings raised on the visit (at most 50)' })
  findings?: NewFindingInput[] | null;

  @Field(() => String, key)
  idempotencyKey?: string | null;
}

@InputType()
export class RaiseFindingInput extends NewFindingInput {
  @Field(() => ID, { description: 'The visit (SupervisionVisit.id)' })
  visitId: string;

  @Field(() => String, key)
  idempotencyKey?: string | null;
}

/** Fields every finding transition takes (not used as a type of its own, so not in the schema: subclasses inherit the fields). */
@InputType('FindingChangeInput')
abstract class FindingChangeInput {
  @Field(() => ID, { description: 'Finding.id' })
  findingId: string;

  @Field(() => Int, { description: 'The version you read (Finding.version): if it changed since, nothing is written (CONFLICT)' })
  expectedVersion: number;

  @Field(() => String, key)
  idempotencyKey?: string | null;
}

@InputType({ description: 'The district answers a finding with its rectification plan (OPEN or REOPENED → RECTIFYING)' })
export class RespondToFindingInput extends FindingChangeInput {
  @Field({ description: 'The rectification plan (整改方案)' })
  plan: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it will be done; not after the due date' })
  plannedCompletionOn?: string | null;

  @Field(() => [ID], evidence)
  evidenceIds?: string[] | null;
}

@InputType({ description: 'The district reports the rectification done (RECTIFYING → SUBMITTED)' })
export class SubmitRectificationInput extends FindingChangeInput {
  @Field({ description: 'What was done (整改情况)' })
  report: string;

  @Field(() => [ID], evidence)
  evidenceIds?: string[] | null;
}

@InputType({ description: 'The supervisor returns a submission (SUBMITTED → RECTIFYING)' })
export class ReturnFindingInput extends FindingChangeInput {
  @Field({ description: 'Why it is returned' })
  reason: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'A new due date (today or later)' })
  newDueOn?: string | null;

  @Field(() => [ID], evidence)
  evidenceIds?: string[] | null;
}

@InputType({ description: 'The supervisor closes a finding (销号, SUBMITTED → CLOSED)' })
export class CloseFindingInput extends FindingChangeInput {
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Closing date; default today' })
  closedOn?: string | null;

  @Field(() => [ID], evidence)
  evidenceIds?: string[] | null;
}

@InputType({ description: 'A re-check (回头看) finds the problem again (CLOSED → REOPENED)' })
export class ReopenFindingInput extends FindingChangeInput {
  @Field({ description: 'What the re-check found' })
  reason: string;

  @Field(() => GraphQLLocalDate, { description: 'The new due date (today or later)' })
  newDueOn: string;

  @Field(() => [ID], evidence)
  evidenceIds?: string[] | null;
}

@InputType({ description: 'An inspector-rated indicator for a district and year' })
export class SetRatingInput {
  @Field()
  districtCode: string;

  @Field(() => Int)
  year: number;

  @Field({ description: 'G01, G02, G10, G15 (left-behind-child care), Q03, Q05, Q06, Q07 or Q08' })
  indicator: string;

  @Field()
  met: boolean;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => [ID], evidence)
  evidenceIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'The version of the rating you read; omit when there was none' })
  expectedVersion?: number | null;

  @Field(() => String, key)
  idempotencyKey?: string | null;
}

@InputType({ description: 'A disqualifying event (一票否决) for a district and year: whether it occurred' })
export class RecordDisqualifyingEventInput {
  @Field()
  districtCode: string;

  @Field(() => Int)
  year: number;

  @Field({ description: 'V01 (admission by examination), V02 (irregular school choice), V03 (key schools or classes)' })
  event: string;

  @Field({ description: 'true: the event occurred (the district cannot qualify that year)' })
  occurred: boolean;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => [ID], evidence)
  evidenceIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'The version of the record you read; omit when there was none' })
  expectedVersion?: number | null;

  @Field(() => String, key)
  idempotencyKey?: string | null;
}

@InputType({ description: 'The satisfaction survey (社会认可度, S01) of a district for a year' })
export class SetSurveyResultInput {
  @Field()
  districtCode: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int)
  respondents: number;

  @Field(() => Int)
  satisfied: number;

  @Field(() => [ID], evidence)
  evidenceIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'The version of the survey you read; omit when there was none' })
  expectedVersion?: number | null;

  @Field(() => String, key)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Filters on findings; all given conditions must hold' })
export class FindingFilter {
  @Field(() => String, { nullable: true })
  districtCode?: string | null;

  @Field(() => String, { nullable: true })
  schoolCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'SupervisionVisit.id' })
  visitId?: string | null;

  @Field(() => [FindingState], { nullable: true, description: 'Any of these states' })
  states?: FindingState[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Past the due date and not closed (true), or not (false)' })
  overdue?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only findings waiting for the viewer\'s role to act (a district officer: to respond or submit; a supervisor: to check)' })
  awaitingMyAction?: boolean | null;

  @Field(() => String, { nullable: true })
  indicatorCode?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Raised on or after' })
  raisedFrom?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Raised on or before' })
  raisedTo?: string | null;
}

export enum FindingOrderField {
  RAISED_ON = 'raised_on',
  DUE_ON = 'due_on',
  UPDATED_AT = 'updated_at',
}
registerEnumType(FindingOrderField, { name: 'FindingOrderField' });

@InputType()
export class FindingOrder {
  @Field(() => FindingOrderField)
  field: FindingOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection;
}

@InputType({ description: 'Which findings a ledger summary counts (by the date they were raised)' })
export class LedgerSummaryFilter {
  @Field(() => GraphQLLocalDate, { nullable: true })
  raisedFrom?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  raisedTo?: string | null;
}

// ---- payloads -------------------------------------------------------------------------------------------------

/** Fields of every mutation payload (inherited by each; not in the schema itself). */
@ObjectType('MutationPayload')
abstract class Payload {
  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was written' })
  userErrors: UserError[];

  @Field({ description: 'True when this answers a retry (same idempotency key and input): the first call\'s result, nothing written now' })
  replayed: boolean;
}

@ObjectType()
export class FindingPayload extends Payload {
  @Field(() => Finding, { nullable: true })
  finding: Finding | null;

  /** The history step written (resolved only when asked for: see FindingPayloadResolver). */
  eventId: string | null;
}

@ObjectType()
export class RecordVisitPayload extends Payload {
  @Field(() => SupervisionVisit, { nullable: true })
  visit: SupervisionVisit | null;

  @Field(() => [Finding])
  findings: Finding[];
}

@ObjectType()
export class RatingPayload extends Payload {
  @Field(() => Rating, { nullable: true })
  rating: Rating | null;
}

@ObjectType()
export class SurveyPayload extends Payload {
  @Field(() => Survey, { nullable: true })
  survey: Survey | null;
}

// ---- what users see -------------------------------------------------------------------------------------------

@ObjectType({ description: 'Counts of a ledger (台账): how many findings are open, overdue, closed, and how fast they close' })
export class LedgerSummary {
  @Field(() => Int)
  total: number;

  @Field(() => Int, { description: 'Not closed (OPEN, RECTIFYING, SUBMITTED, REOPENED)' })
  open: number;

  @Field(() => Int, { description: 'Not closed and past the due date (逾期未整改)' })
  overdue: number;

  @Field(() => Int, { description: 'Closed (已销号)' })
  closed: number;

  @Field(() => Int)
  awaitingResponse: number;

  @Field(() => Int)
  rectifying: number;

  @Field(() => Int)
  submitted: number;

  @Field(() => Int, { description: 'Reopened by a re-check and not answered yet' })
  reopened: number;

  @Field(() => Float, { nullable: true, description: '销号率: closed ÷ total, rounded to 4 decimals; null without findings' })
  closingRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean days from raised to closed of the closed findings (2 decimals)' })
  averageDaysToClose: number | null;

  @Field(() => Float, { nullable: true, description: 'Median days from raised to closed of the closed findings' })
  medianDaysToClose: number | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The earliest due date among the overdue findings' })
  oldestOverdueDueOn: string | null;
}

@ObjectType({ description: 'A district\'s ledger summary' })
export class DistrictLedger {
  @Field()
  districtCode: string;

  @Field(() => LedgerSummary)
  summary: LedgerSummary;
}

@ObjectType({ description: 'The ledger of what the viewer may see: the whole, and per district (districts with findings)' })
export class LedgerOverview {
  @Field(() => LedgerSummary)
  summary: LedgerSummary;

  @Field(() => [DistrictLedger], { description: 'Districts with findings, most overdue first' })
  districts: DistrictLedger[];
}

@ObjectType({ description: 'A page of history steps for polling: pass `cursor` back to get what happened since' })
export class LedgerChanges {
  @Field(() => [FindingEvent], { description: 'Steps (new findings, responses, submissions, returns, closings, reopenings) in the order they were committed' })
  events: FindingEvent[];

  @Field({ description: 'Pass it as `cursor` next time: no step is missed or repeated' })
  cursor: string;

  @Field({ description: 'More steps are waiting: ask again at once with the cursor' })
  hasMore: boolean;
}
