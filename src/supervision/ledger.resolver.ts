import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { VisitStatus } from '../common/vocabulary';
import { CertificationProgress, EarlyWarning } from '../compliance/evaluation.types';
import { District } from '../districts/district.entity';
import type { Context } from '../graphql/context';
import { ConnectionType, PageArgs, toPage } from '../graphql/pagination';
import { ImportBatch } from '../ingestion/import-batch.entity';
import { mutate, MutationOutcome } from '../mutations/run';
import { School } from '../schools/school.entity';
import { Evidence } from './evidence.entity';
import { FindingEvent } from './finding-event.entity';
import { Finding } from './finding.entity';
import { changedSince, ledgerOverview, listFindings, rectificationWarnings } from './ledger.queries';
import { recordVisit, raiseFinding, transitionFinding, TransitionCommand } from './ledger.service';
import { allowedActions, FindingAction, FindingState, hubToday, isOverdue, LEDGER_WRITERS, RAISERS } from './ledger.states';
import { summarize } from './ledger.summary';
import {
  CloseFindingInput,
  DistrictLedger,
  FindingFilter,
  FindingOrder,
  FindingPayload,
  LedgerChanges,
  LedgerOverview,
  LedgerSummary,
  LedgerSummaryFilter,
  RaiseFindingInput,
  RecordVisitInput,
  RecordVisitPayload,
  ReopenFindingInput,
  RespondToFindingInput,
  ReturnFindingInput,
  SubmitRectificationInput,
} from './ledger.types';
import { SupervisionVisit } from './supervision-visit.entity';

export const FindingConnection = ConnectionType(Finding);

const writer = (ctx: Context) => ({ viewer: ctx.viewer, requestId: ctx.requestId });

/** The payload of a mutation on one finding, read after the write (the request reads a new snapshot then). */
async function findingPayload(ctx: Context, outcome: MutationOutcome<{ findingId: string; eventId?: string }>): Promise<FindingPayload> {
  if (!outcome.result) return { finding: null, eventId: null, userErrors: outcome.userErrors, replayed: false };
  const { findingId, eventId } = outcome.result;
  const finding = await ctx.loaders.supervision.findingById().load(findingId);
  return { finding, eventId: eventId ?? null, userErrors: [], replayed: outcome.replayed };
}

/** One transition, as a mutation: the same runner, service and payload for every action. */
async function transition(ctx: Context, name: string, action: FindingAction, input: TransitionCommand & { idempotencyKey?: string | null }) {
  const outcome = await mutate(ctx, {
    name,
    input,
    run: (db) => transitionFinding(db, writer(ctx), action, input),
    audit: () => ({ action }),
  });
  return findingPayload(ctx, outcome);
}

@Resolver()
export class LedgerResolver {
  @Authorized(RAISERS)
  @Mutation(() => RecordVisitPayload, { description: 'Records a process-supervision visit (过程督导) and the findings raised on it (supervisors)' })
  async recordVisit(@Ctx() ctx: Context, @Arg('input', () => RecordVisitInput) input: RecordVisitInput): Promise<RecordVisitPayload> {
    const outcome = await mutate(ctx, { name: 'recordVisit', input, run: (db) => recordVisit(db, writer(ctx), input) });
    if (!outcome.result) return { visit: null, findings: [], userErrors: outcome.userErrors, replayed: false };
    const [visit, findings] = await Promise.all([
      ctx.loaders.supervision.visitById().load(outcome.result.visitId),
      ctx.loaders.supervision.findingById().loadMany(outcome.result.findingIds),
    ]);
    return { visit, findings: findings.filter((f): f is Finding => f instanceof Finding), userErrors: [], replayed: outcome.replayed };
  }

  @Authorized(RAISERS)
  @Mutation(() => FindingPayload, { description: 'Raises a finding (台账 item) on a visit (supervisors)' })
  async raiseFinding(@Ctx() ctx: Context, @Arg('input', () => RaiseFindingInput) input: RaiseFindingInput): Promise<FindingPayload> {
    return findingPayload(ctx, await mutate(ctx, { name: 'raiseFinding', input, run: (db) => raiseFinding(db, writer(ctx), input) }));
  }

  @Authorized(LEDGER_WRITERS)
  @Mutation(() => FindingPayload, { description: 'The district answers with its rectification plan: OPEN or REOPENED → RECTIFYING (the district officer)' })
  respondToFinding(@Ctx() ctx: Context, @Arg('input', () => RespondToFindingInput) input: RespondToFindingInput) {
    return transition(ctx, 'respondToFinding', FindingAction.RESPOND, input);
  }

  @Authorized(LEDGER_WRITERS)
  @Mutation(() => FindingPayload, { description: 'The district reports the rectification done: RECTIFYING → SUBMITTED (the district officer)' })
  submitRectification(@Ctx() ctx: Context, @Arg('input', () => SubmitRectificationInput) input: SubmitRectificationInput) {
    return transition(ctx, 'submitRectification', FindingAction.SUBMIT, input);
  }

  @Authorized(LEDGER_WRITERS)
  @Mutation(() => FindingPayload, { description: 'Returns a submission with a reason: SUBMITTED → RECTIFYING (supervisors)' })
  returnFinding(@Ctx() ctx: Context, @Arg('input', () => ReturnFindingInput) input: ReturnFindingInput) {
    return transition(ctx, 'returnFinding', FindingAction.RETURN, input);
  }

  @Authorized(LEDGER_WRITERS)
  @Mutation(() => FindingPayload, { description: 'Closes a finding (销号): SUBMITTED → CLOSED (supervisors)' })
  closeFinding(@Ctx() ctx: Context, @Arg('input', () => CloseFindingInput) input: CloseFindingInput) {
    return transition(ctx, 'closeFinding', FindingAction.CLOSE, input);
  }

  @Authorized(LEDGER_WRITERS)
  @Mutation(() => FindingPayload, { description: 'A re-check (回头看) finds it again: CLOSED → REOPENED, with a new due date (supervisors)' })
  reopenFinding(@Ctx() ctx: Context, @Arg('input', () => ReopenFindingInput) input: ReopenFindingInput) {
    return transition(ctx, 'reopenFinding', FindingAction.REOPEN, input);
  }

  @Query(() => FindingConnection, { description: 'Findings of the ledger (台账) the viewer may see; newest raised first unless ordered' })
  findings(
    @Ctx() ctx: Context,
    @Args() pageArgs: PageArgs,
    @Arg('filter', () => FindingFilter, { nullable: true }) filter?: FindingFilter,
    @Arg('orderBy', () => [FindingOrder], { nullable: true }) orderBy?: FindingOrder[],
  ) {
    return new FindingConnection(listFindings(ctx, filter, orderBy, toPage(pageArgs)));
  }

  @Query(() => LedgerOverview, { description: 'Open, overdue and closed findings, closing rate and time to close: in all and per district' })
  ledger(@Ctx() ctx: Context, @Arg('filter', () => LedgerSummaryFilter, { nullable: true }) filter?: LedgerSummaryFilter): Promise<LedgerOverview> {
    return ledgerOverview(ctx, filter) as Promise<LedgerOverview>;
  }

  @Query(() => LedgerChanges, {
    description: 'Polling: the ledger\'s history steps since `cursor` (without one: none, and the cursor of now). Poll with the returned cursor.',
  })
  changedSince(
    @Ctx() ctx: Context,
    @Arg('cursor', () => String, { nullable: true }) cursor?: string,
    @Arg('first', () => Int, { defaultValue: 100, description: 'At most 500' }) first = 100,
  ): Promise<LedgerChanges> {
    return changedSince(ctx, cursor, first);
  }
}

@Resolver(() => Finding)
export class FindingResolver {
  @FieldResolver(() => SupervisionVisit)
  async visit(@Root() f: Finding, @Ctx() ctx: Context): Promise<SupervisionVisit> {
    const visit = await ctx.loaders.supervision.visitById().load(f.visitId);
    if (!visit) throw new Error(`finding ${f.findingId} refers to missing visit ${f.visitId}`);
    return visit;
  }

  @FieldResolver(() => District)
  async district(@Root() f: Finding, @Ctx() ctx: Context): Promise<District> {
    const district = await ctx.loaders.districts.byCode().load(f.districtCode);
    if (!district) throw new Error(`finding ${f.findingId} refers to missing district ${f.districtCode}`);
    return district;
  }

  @FieldResolver(() => School, { nullable: true })
  school(@Root() f: Finding, @Ctx() ctx: Context): Promise<School | null> | null {
    return f.schoolCode ? ctx.loaders.schools.byCode().load(f.schoolCode) : null;
  }

  @FieldResolver(() => [FindingEvent], { description: 'Every step, in order: who, when, why, plan, evidence' })
  history(@Root() f: Finding, @Ctx() ctx: Context): Promise<FindingEvent[]> {
    return ctx.loaders.supervision.history().load(f.findingId);
  }

  @FieldResolver(() => [Evidence], { description: 'Evidence attached to the finding at any step' })
  evidence(@Root() f: Finding, @Ctx() ctx: Context): Promise<Evidence[]> {
    return ctx.loaders.supervision.evidence('finding').load(f.findingId);
  }

  @FieldResolver(() => Boolean, { description: 'Not closed and past its due date today (computed, never stored)' })
  overdue(@Root() f: Finding): boolean {
    return isOverdue(f, hubToday());
  }

  @FieldResolver(() => [FindingAction], { description: 'What the viewer may do with it now' })
  allowedActions(@Root() f: Finding, @Ctx() ctx: Context): FindingAction[] {
    return allowedActions(f, { role: ctx.viewer.role, district: ctx.viewer.district });
  }
}

@Resolver(() => FindingPayload)
export class FindingPayloadResolver {
  @FieldResolver(() => FindingEvent, { nullable: true, description: 'The history step this mutation wrote (the RAISE step for raiseFinding)' })
  event(@Root() p: FindingPayload, @Ctx() ctx: Context): Promise<FindingEvent | null> | null {
    return p.eventId ? ctx.loaders.supervision.eventById().load(p.eventId) : null;
  }
}

@Resolver(() => FindingEvent)
export class FindingEventResolver {
  @FieldResolver(() => Finding)
  async finding(@Root() e: FindingEvent, @Ctx() ctx: Context): Promise<Finding> {
    const finding = await ctx.loaders.supervision.findingById().load(e.findingId);
    if (!finding) throw new Error(`history step ${e.eventId} refers to missing finding ${e.findingId}`);
    return finding;
  }

  @FieldResolver(() => [Evidence], { description: 'Evidence attached with this step' })
  evidence(@Root() e: FindingEvent, @Ctx() ctx: Context): Promise<Evidence[]> {
    return ctx.loaders.supervision.evidence('event').load(e.eventId);
  }

  @FieldResolver(() => ImportBatch, { nullable: true, description: 'The delivery that recorded it: a file (steps a file implies), or the API write that raised the finding' })
  batch(@Root() e: FindingEvent, @Ctx() ctx: Context): Promise<ImportBatch | null> | null {
    return e.batchId ? ctx.loaders.ingestion.batchById().load(e.batchId) : null;
  }
}

@Resolver(() => Evidence)
export class EvidenceResolver {
  private async file(e: Evidence, ctx: Context) {
    const file = await ctx.loaders.supervision.evidenceFile().load(e.fileId);
    if (!file) throw new Error(`evidence ${e.evidenceId} refers to a file the reader cannot see`);
    return file;
  }

  @FieldResolver(() => String, { description: 'Content type read from the bytes' })
  async contentType(@Root() e: Evidence, @Ctx() ctx: Context): Promise<string> {
    return (await this.file(e, ctx)).contentType;
  }

  @FieldResolver(() => Int)
  async byteSize(@Root() e: Evidence, @Ctx() ctx: Context): Promise<number> {
    return (await this.file(e, ctx)).byteSize;
  }

  @FieldResolver(() => String, { description: 'SHA-256 of the bytes, hex' })
  async sha256(@Root() e: Evidence, @Ctx() ctx: Context): Promise<string> {
    return (await this.file(e, ctx)).sha256;
  }
}

@Resolver(() => SupervisionVisit)
export class SupervisionVisitResolver {
  @FieldResolver(() => School, { nullable: true, description: 'The school visited; null for a visit to the district as a whole' })
  school(@Root() visit: SupervisionVisit, @Ctx() ctx: Context): Promise<School | null> | null {
    return visit.schoolCode ? ctx.loaders.schools.byCode().load(visit.schoolCode) : null;
  }

  @FieldResolver(() => District)
  async district(@Root() visit: SupervisionVisit, @Ctx() ctx: Context): Promise<District> {
    const district = await ctx.loaders.districts.byCode().load(visit.districtCode);
    if (!district) throw new Error(`visit ${visit.visitId} refers to missing district ${visit.districtCode}`);
    return district;
  }

  @FieldResolver(() => [Finding], { description: 'Findings raised on the visit (台账 items)' })
  findings(@Root() visit: SupervisionVisit, @Ctx() ctx: Context): Promise<Finding[]> {
    return ctx.loaders.supervision.visitFindings().load(visit.visitId);
  }

  /** The finding a delivered row carried (or the visit's first), for the fields of the one-finding-per-visit shape. */
  private async delivered(visit: SupervisionVisit, ctx: Context): Promise<Finding[]> {
    const findings = await ctx.loaders.supervision.visitFindings().load(visit.visitId);
    return [...findings].sort((a, b) => Number(a.importKey === null) - Number(b.importKey === null));
  }

  @FieldResolver(() => String, { nullable: true, description: 'The finding the visit\'s row delivered (supervision_visits), else its first; every finding: `findings`' })
  async finding(@Root() visit: SupervisionVisit, @Ctx() ctx: Context): Promise<string | null> {
    return (await this.delivered(visit, ctx))[0]?.description ?? null;
  }

  @FieldResolver(() => VisitStatus, { nullable: true, description: 'As the supervision_visits file says it: RECTIFIED when every finding of the visit is closed, OPEN otherwise; null without findings' })
  async status(@Root() visit: SupervisionVisit, @Ctx() ctx: Context): Promise<VisitStatus | null> {
    const findings = await this.delivered(visit, ctx);
    if (findings.length === 0) return null;
    return findings.every((f) => f.state === FindingState.CLOSED) ? VisitStatus.RECTIFIED : VisitStatus.OPEN;
  }

  @FieldResolver(() => GraphQLLocalDate, { nullable: true, description: 'When the visit is RECTIFIED: the last closing date (销号) of its findings' })
  async rectifiedOn(@Root() visit: SupervisionVisit, @Ctx() ctx: Context): Promise<string | null> {
    const findings = await this.delivered(visit, ctx);
    if (findings.length === 0 || findings.some((f) => f.state !== FindingState.CLOSED)) return null;
    return findings.map((f) => f.closedOn!).sort().pop() ?? null;
  }
}

@Resolver(() => District)
export class DistrictLedgerResolver {
  @FieldResolver(() => LedgerSummary, { description: 'The district\'s ledger (台账): open, overdue, closed, closing rate, time to close' })
  async ledger(@Root() d: District, @Ctx() ctx: Context, @Arg('filter', () => LedgerSummaryFilter, { nullable: true }) filter?: LedgerSummaryFilter) {
    return summarize(await ctx.loaders.supervision.ledgerByDistrict({ from: filter?.raisedFrom ?? null, to: filter?.raisedTo ?? null }).load(d.code));
  }
}

@Resolver(() => School)
export class SchoolLedgerResolver {
  @FieldResolver(() => LedgerSummary, { description: 'The school\'s ledger (台账): open, overdue, closed, closing rate, time to close' })
  async ledger(@Root() s: School, @Ctx() ctx: Context, @Arg('filter', () => LedgerSummaryFilter, { nullable: true }) filter?: LedgerSummaryFilter) {
    return summarize(await ctx.loaders.supervision.ledgerBySchool({ from: filter?.raisedFrom ?? null, to: filter?.raisedTo ?? null }).load(s.code));
  }
}

@Resolver(() => CertificationProgress)
export class RectificationWarningResolver {
  @FieldResolver(() => [DistrictLedger], { description: '监测预警 of the ledger: districts with overdue rectifications (逾期未整改), most overdue first' })
  rectificationWarnings(@Ctx() ctx: Context): Promise<DistrictLedger[]> {
    return rectificationWarnings(ctx) as Promise<DistrictLedger[]>;
  }
}

@Resolver(() => EarlyWarning)
export class EarlyWarningLedgerResolver {
  @FieldResolver(() => Int, { description: 'The district\'s overdue rectifications (逾期未整改) today' })
  async overdueFindings(@Root() w: EarlyWarning, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.supervision.ledgerByDistrict({ from: null, to: null }).load(w.districtCode)).overdue;
  }
}

@Resolver(() => DistrictLedger)
export class DistrictLedgerFieldResolver {
  @FieldResolver(() => District)
  async district(@Root() d: DistrictLedger, @Ctx() ctx: Context): Promise<District> {
    const district = await ctx.loaders.districts.byCode().load(d.districtCode);
    if (!district) throw new Error(`ledger refers to missing district ${d.districtCode}`);
    return district;
  }
}

export const ledgerResolvers = [
  LedgerResolver,
  FindingResolver,
  FindingEventResolver,
  FindingPayloadResolver,
  EvidenceResolver,
  SupervisionVisitResolver,
  DistrictLedgerResolver,
  SchoolLedgerResolver,
  RectificationWarningResolver,
  EarlyWarningLedgerResolver,
  DistrictLedgerFieldResolver,
] as const;
