import { MigrationInterface, QueryRunner } from 'typeorm';

/** A dossier keeps the priced plans of its failing school parts as they were at its instant (D117). */
export class DossierPlans1796500000051 implements MigrationInterface {
  name = 'DossierPlans1796500000051';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "evaluation_dossiers" ADD "plans" jsonb`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "evaluation_dossiers" DROP COLUMN "plans"`);
  }
}
