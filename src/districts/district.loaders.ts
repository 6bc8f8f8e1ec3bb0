import { EntityManager } from 'typeorm';
import { countsBy, equals, rowsBy, rowsGroupedBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { School } from '../schools/school.entity';
import { DistrictEducation } from './district-education.entity';
import { District } from './district.entity';

export function createDistrictLoaders(db: EntityManager, registry: LoaderRegistry) {
  return {
    /** Codes of every district the viewer may see (row-level security), once per request. */
    visibleCodes: () =>
      registry.get<'all', string[]>('district.visibleCodes', undefined, async (keys) => {
        const rows: { code: string }[] = await db.query('SELECT code FROM districts ORDER BY code');
        return keys.map(() => rows.map((r) => r.code));
      }),
    byCode: () => registry.get<string, District | null>('district.byCode', undefined, (codes) => rowsBy(db, District, 'code', codes)),
    schoolCount: () =>
      registry.get<string, number>('district.schoolCount', undefined, (codes) => countsBy(db, School, 'districtCode', codes)),
    /** Students in the district's schools (school_stats), optionally of one stage. */
    studentCount: (params: { year: number; stage?: string | null }) =>
      registry.get<string, number>('district.studentCount', params, async (codes) => {
        const rows: { code: string; n: string }[] = await db.query(
          `SELECT s.district_code AS code, sum(st.students) AS n
             FROM school_stats st JOIN schools s ON s.code = st.school_code
            WHERE s.district_code = ANY($1) AND st.year = $2 AND ($3::text IS NULL OR st.stage = $3)
            GROUP BY s.district_code`,
          [codes, params.year, params.stage ?? null],
        );
        const byCode = new Map(rows.map((r) => [r.code, Number(r.n)]));
        return codes.map((c) => byCode.get(c) ?? 0);
      }),
    /** district_education rows in a range of years (the funding rule's enrolment). */
    educationBetween: (params: { fromYear: number; toYear: number }) =>
      registry.get<string, DistrictEducation[]>('district.educationBetween', params, (codes) =>
        rowsGroupedBy(db, DistrictEducation, 'districtCode', codes, {
          where: { sql: 't.year BETWEEN :fromYear AND :toYear', params },
          orderBy: { year: 'ASC' },
        }),
      ),
    education: (params: { year?: number | null }) =>
      registry.get<string, DistrictEducation[]>('district.education', params, (codes) =>
        rowsGroupedBy(db, DistrictEducation, 'districtCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC' } }),
      ),
  };
}
