import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { mutate } from '../mutations/run';
import { Evidence } from './evidence.entity';
import { RAISERS } from './ledger.states';
import { RecordDisqualifyingEventInput, RatingPayload, SetRatingInput, SetSurveyResultInput, SurveyPayload } from './ledger.types';
import { Rating } from './rating.entity';
import { checkEventCode, checkRatedIndicator, setRating, setSurvey } from './ratings.service';
import { Survey } from './survey.entity';

const writer = (ctx: Context) => ({ viewer: ctx.viewer, requestId: ctx.requestId });

async function ratingPayload(ctx: Context, outcome: Awaited<ReturnType<typeof mutate<{ ratingId: string; batchId: string | null }>>>): Promise<RatingPayload> {
  if (!outcome.result) return { rating: null, userErrors: outcome.userErrors, replayed: false };
  const [rating] = await ctx.db.getRepository(Rating).findBy({ rowId: outcome.result.ratingId });
  return { rating: rating ?? null, userErrors: [], replayed: outcome.replayed };
}

@Resolver()
export class RatingsResolver {
  @Authorized(RAISERS)
  @Mutation(() => RatingPayload, { description: 'Sets an inspector-rated indicator (G01, G02, G10, G15\'s care half, Q03, Q05–Q08) for a district and year (supervisors)' })
  async setRating(@Ctx() ctx: Context, @Arg('input', () => SetRatingInput) input: SetRatingInput): Promise<RatingPayload> {
    const outcome = await mutate(ctx, {
      name: 'setRating',
      input,
      run: async (db) => {
        checkRatedIndicator(input.indicator);
        const written = await setRating(db, writer(ctx), input, 'setRating');
        return { ratingId: written.id, batchId: written.batchId };
      },
    });
    return ratingPayload(ctx, outcome);
  }

  @Authorized(RAISERS)
  @Mutation(() => RatingPayload, { description: 'Records whether a disqualifying event (一票否决: V01–V03) occurred in a district and year (supervisors)' })
  async recordDisqualifyingEvent(@Ctx() ctx: Context, @Arg('input', () => RecordDisqualifyingEventInput) input: RecordDisqualifyingEventInput): Promise<RatingPayload> {
    const outcome = await mutate(ctx, {
      name: 'recordDisqualifyingEvent',
      input,
      run: async (db) => {
        checkEventCode(input.event);
        // As in the ratings file: met = false means the event occurred.
        const written = await setRating(db, writer(ctx), { ...input, indicator: input.event, met: !input.occurred }, 'recordDisqualifyingEvent');
        return { ratingId: written.id, batchId: written.batchId };
      },
    });
    return ratingPayload(ctx, outcome);
  }

  @Authorized(RAISERS)
  @Mutation(() => SurveyPayload, { description: 'Sets the satisfaction survey (社会认可度, S01) of a district and year (supervisors)' })
  async setSurveyResult(@Ctx() ctx: Context, @Arg('input', () => SetSurveyResultInput) input: SetSurveyResultInput): Promise<SurveyPayload> {
    const outcome = await mutate(ctx, {
      name: 'setSurveyResult',
      input,
      run: async (db) => {
        const written = await setSurvey(db, writer(ctx), input);
        return { surveyId: written.id, batchId: written.batchId };
      },
    });
    if (!outcome.result) return { survey: null, userErrors: outcome.userErrors, replayed: false };
    const [survey] = await ctx.db.getRepository(Survey).findBy({ rowId: outcome.result.surveyId });
    return { survey: survey ?? null, userErrors: [], replayed: outcome.replayed };
  }
}

@Resolver(() => Rating)
export class RatingEvidenceResolver {
  @FieldResolver(() => [Evidence], { description: 'Evidence attached to this value (with the batch that delivered it)' })
  evidence(@Root() r: Rating, @Ctx() ctx: Context): Promise<Evidence[]> {
    return ctx.loaders.supervision.evidence('rating').load(`${r.rowId}/${r.batchId}`);
  }
}

@Resolver(() => Survey)
export class SurveyEvidenceResolver {
  @FieldResolver(() => [Evidence], { description: 'Evidence attached to this value (with the batch that delivered it)' })
  evidence(@Root() s: Survey, @Ctx() ctx: Context): Promise<Evidence[]> {
    return ctx.loaders.supervision.evidence('survey').load(`${s.rowId}/${s.batchId}`);
  }
}

export const ratingsResolvers = [RatingsResolver, RatingEvidenceResolver, SurveyEvidenceResolver] as const;
