import { BackboneLevel, Degree, Stage } from '../common/vocabulary';

/**
 * How postings are counted for R1–R3 and G11 (DOMAIN.md §2.1): the legal minimum degree is secondary-level
 * for primary teachers and associate (专科) for junior teachers, so "above the minimum" is associate or higher
 * in primary and bachelor (本科) or higher in junior; backbone means county level or above; PE/arts means the
 * PE, music and fine-art subjects, counted for R3 only when the posting is full-time (`full_time`, 专任教师).
 */
export const DEGREES_ABOVE_MINIMUM: Record<Stage, Degree[]> = {
  [Stage.PRIMARY]: [Degree.POSTGRADUATE, Degree.BACHELOR, Degree.ASSOCIATE],
  [Stage.JUNIOR]: [Degree.POSTGRADUATE, Degree.BACHELOR],
};
export const BACKBONE_COUNTY_PLUS: BackboneLevel[] = [BackboneLevel.COUNTY, BackboneLevel.CITY, BackboneLevel.PROVINCE, BackboneLevel.NATIONAL];
export const PE_ARTS_SUBJECTS = ['pe', 'music', 'art'];
/** SQL parameters for the counting queries, in one place. */
export function teacherCountParams() {
  return {
    primaryDegrees: DEGREES_ABOVE_MINIMUM[Stage.PRIMARY],
    juniorDegrees: DEGREES_ABOVE_MINIMUM[Stage.JUNIOR],
    backbone: BACKBONE_COUNTY_PLUS,
    peArts: PE_ARTS_SUBJECTS,
  };
}
