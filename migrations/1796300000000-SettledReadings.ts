import { MigrationInterface, QueryRunner } from "typeorm";

const YEARS_BEFORE = '"planned_certification_year" BETWEEN 2000 AND 2100 AND ("certified_year" IS NULL OR "certified_year" BETWEEN 2000 AND 2100)';
const YEARS_AFTER = `${YEARS_BEFORE} AND ("basic_balance_year" IS NULL OR "basic_balance_year" BETWEEN 2000 AND 2100)`;

/**
 * The columns DOMAIN §4 added: districts.basic_balance_year (optional), teacher_postings.full_time (optional,
 * default true) and quality_monitoring.grade (4 or 8), which joins that dataset's key. Existing rows are kept:
 * postings are full-time (the reading before the column existed), districts have no basic-balance year, and a
 * monitoring row gets the grade of its school's stage — 4 for primary schools and teaching points, 8 for every
 * other type (junior and complete secondary schools teach only junior; a nine- or twelve-year school's one row per
 * subject was, in every delivery we know of, its junior part's — see docs/decisions.md D90).
 */
export class SettledReadings1796300000000 implements MigrationInterface {
    name = 'SettledReadings1796300000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "districts" ADD "basic_balance_year" integer`);
        await queryRunner.query(`ALTER TABLE "districts" DROP CONSTRAINT "districts_years_check"`);
        await queryRunner.query(`ALTER TABLE "districts" ADD CONSTRAINT "districts_years_check" CHECK (${YEARS_AFTER})`);
        await queryRunner.query(`ALTER TABLE "teacher_postings" ADD "full_time" boolean NOT NULL DEFAULT true`);
        await queryRunner.query(`ALTER TABLE "quality_monitoring" ADD "grade" integer`);
        await queryRunner.query(
            `UPDATE "quality_monitoring" q SET "grade" = CASE WHEN s."school_type" IN ('primary', 'teaching_point') THEN 4 ELSE 8 END
               FROM "schools" s WHERE s."code" = q."school_code"`,
        );
        await queryRunner.query(`ALTER TABLE "quality_monitoring" ALTER COLUMN "grade" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "quality_monitoring" ADD CONSTRAINT "quality_monitoring_grade_check" CHECK ("grade" IN (4, 8))`);
        await queryRunner.query(`ALTER TABLE "quality_monitoring" DROP CONSTRAINT "quality_monitoring_key"`);
        await queryRunner.query(`ALTER TABLE "quality_monitoring" ADD CONSTRAINT "quality_monitoring_key" UNIQUE ("school_code", "year", "subject", "grade")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Going back cannot hold two grades of one subject under the old key: the grade-4 row of a school that
        // also has a grade-8 row for the subject is dropped (the rows a nine-year school gained after the change).
        await queryRunner.query(
            `DELETE FROM "quality_monitoring" q WHERE q."grade" = 4 AND EXISTS (SELECT 1 FROM "quality_monitoring" o
               WHERE o."school_code" = q."school_code" AND o."year" = q."year" AND o."subject" = q."subject" AND o."grade" = 8)`,
        );
        await queryRunner.query(`ALTER TABLE "quality_monitoring" DROP CONSTRAINT "quality_monitoring_key"`);
        await queryRunner.query(`ALTER TABLE "quality_monitoring" ADD CONSTRAINT "quality_monitoring_key" UNIQUE ("school_code", "year", "subject")`);
        await queryRunner.query(`ALTER TABLE "quality_monitoring" DROP CONSTRAINT "quality_monitoring_grade_check"`);
        await queryRunner.query(`ALTER TABLE "quality_monitoring" DROP COLUMN "grade"`);
        await queryRunner.query(`ALTER TABLE "teacher_postings" DROP COLUMN "full_time"`);
        await queryRunner.query(`ALTER TABLE "districts" DROP CONSTRAINT "districts_years_check"`);
        await queryRunner.query(`ALTER TABLE "districts" ADD CONSTRAINT "districts_years_check" CHECK (${YEARS_BEFORE})`);
        await queryRunner.query(`ALTER TABLE "districts" DROP COLUMN "basic_balance_year"`);
    }

}
