import { EntityManager } from 'typeorm';
import { countsBy, equals, rowsBy, rowsGroupedBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { School } from '../schools/school.entity';
import { DistrictEducation } from './district-education.entity';
import { District } from './district.entity';
import { asOfRelation } from '../ingestion/as-of';

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
    /** The same rows as they stood at an instant (可追溯), rebuilt from live rows and history (ingestion/as-of.ts). */
    educationBetweenAsOf: (params: { fromYear: number; toYear: number; asOf: string }) =>
      registry.get<string, DistrictEducation[]>('district.educationBetweenAsOf', params, async (codes) => {
        const rows: Record<string, any>[] = await db.query(
          `SELECT t.* FROM ${asOfRelation('district_education', new Date(params.asOf))} t
            WHERE t.district_code = ANY($1) AND t.year BETWEEN $2 AND $3 ORDER BY t.year ASC`,
          [codes, params.fromYear, params.toYear],
        );
        // The entity's properties from the table's columns (snake_case → camelCase), as typeorm would map them.
        const camel = (column: string) => (column === 'id' ? 'rowId' : column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()));
        const grouped = new Map<string, DistrictEducation[]>(codes.map((c) => [c, []]));
        for (const r of rows) {
          grouped.get(r.district_code)?.push(Object.assign(new DistrictEducation(), Object.fromEntries(Object.entries(r).map(([k, v]) => [camel(k), v]))));
        }
        return codes.map((c) => grouped.get(c) ?? []);
      }),
    education: (params: { year?: number | null }) =>
      registry.get<string, DistrictEducation[]>('district.education', params, (codes) =>
        rowsGroupedBy(db, DistrictEducation, 'districtCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC' } }),
      ),
  };
}
