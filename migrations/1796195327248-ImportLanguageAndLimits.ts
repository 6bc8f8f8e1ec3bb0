import { MigrationInterface, QueryRunner } from "typeorm";

const LENGTH_CHECKS: Array<[string, string, string]> = [
    ['import_batch', 'import_batch_file_name_length_check', 'char_length("file_name") <= 255'],
    ['districts', 'districts_text_length_check', 'char_length("code") <= 32 AND char_length("name") <= 100'],
    ['schools', 'schools_text_length_check', 'char_length("code") <= 32 AND char_length("name") <= 100'],
    ['quality_monitoring', 'quality_monitoring_text_length_check', 'char_length("subject") <= 32'],
    ['transfer_payments', 'transfer_payments_text_length_check', 'char_length("program") <= 32'],
    ['teacher_postings', 'teacher_postings_text_length_check', 'char_length("teacher_id") <= 32 AND char_length("subject") <= 32'],
    ['ratings', 'ratings_text_length_check', 'char_length("note") <= 2000'],
    ['supervision_visits', 'supervision_visits_text_length_check', 'char_length("visit_id") <= 64'],  // files deliver ≤ 32; recordVisit assigns api-<uuid> (40)
    ['supervision_findings', 'supervision_findings_text_length_check', 'char_length("description") <= 2000'],
];

export class ImportLanguageAndLimits1796195327248 implements MigrationInterface {
    name = 'ImportLanguageAndLimits1796195327248'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "import_batch" ADD "encoding" text`);
        await queryRunner.query(`ALTER TABLE "import_error" ADD "message_code" text`);
        await queryRunner.query(`ALTER TABLE "import_error" ADD "message_params" jsonb`);
        // Text lengths of the data contract. Added NOT VALID, then validated where the existing rows allow it: a row
        // stored before the limits (a 5 MB school name) stays as it is and readable; every new write is checked.
        for (const [table, name, expression] of LENGTH_CHECKS) {
            await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" CHECK (${expression}) NOT VALID`);
            await queryRunner.query(`DO $$ BEGIN ALTER TABLE "${table}" VALIDATE CONSTRAINT "${name}"; EXCEPTION WHEN check_violation THEN RAISE NOTICE 'rows of % longer than the contract allows are kept; new writes are checked', '${table}'; END $$`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "supervision_findings" DROP CONSTRAINT "supervision_findings_text_length_check"`);
        await queryRunner.query(`ALTER TABLE "supervision_visits" DROP CONSTRAINT "supervision_visits_text_length_check"`);
        await queryRunner.query(`ALTER TABLE "ratings" DROP CONSTRAINT "ratings_text_length_check"`);
        await queryRunner.query(`ALTER TABLE "teacher_postings" DROP CONSTRAINT "teacher_postings_text_length_check"`);
        await queryRunner.query(`ALTER TABLE "transfer_payments" DROP CONSTRAINT "transfer_payments_text_length_check"`);
        await queryRunner.query(`ALTER TABLE "quality_monitoring" DROP CONSTRAINT "quality_monitoring_text_length_check"`);
        await queryRunner.query(`ALTER TABLE "schools" DROP CONSTRAINT "schools_text_length_check"`);
        await queryRunner.query(`ALTER TABLE "districts" DROP CONSTRAINT "districts_text_length_check"`);
        await queryRunner.query(`ALTER TABLE "import_batch" DROP CONSTRAINT "import_batch_file_name_length_check"`);
        await queryRunner.query(`ALTER TABLE "import_error" DROP COLUMN "message_params"`);
        await queryRunner.query(`ALTER TABLE "import_error" DROP COLUMN "message_code"`);
        await queryRunner.query(`ALTER TABLE "import_batch" DROP COLUMN "encoding"`);
    }

}
