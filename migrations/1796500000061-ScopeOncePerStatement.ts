import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The readers' row-level security policies read the request's scope (junheng_scope_district(), junheng_scope_role():
 * transaction settings) through a scalar sub-select, so PostgreSQL evaluates each once per statement (an InitPlan)
 * instead of once per row: the teacher-posting count of a page of schools checked ~4,000 rows × two
 * current_setting() calls (D121). The expressions are otherwise the same, so every reader sees exactly the same rows
 * (test/security). Rewritten from the catalogue, so every reader policy of the earlier migrations is covered.
 */
export class ScopeOncePerStatement1796500000061 implements MigrationInterface {
  name = 'ScopeOncePerStatement1796500000061';

  public async up(q: QueryRunner): Promise<void> {
    await this.rewrite(q, (expr) => expr.replace(/junheng_scope_(district|role)\(\)/g, '(SELECT junheng_scope_$1())'));
  }

  public async down(q: QueryRunner): Promise<void> {
    await this.rewrite(q, (expr) => expr.replace(/\(\s*SELECT\s+junheng_scope_(district|role)\(\)(?:\s+AS\s+\w+)?\s*\)/g, 'junheng_scope_$1()'));
  }

  /** Every SELECT policy of junheng_reader that reads the scope, its USING expression rewritten. */
  private async rewrite(q: QueryRunner, change: (expr: string) => string): Promise<void> {
    const policies: { tablename: string; policyname: string; qual: string }[] = await q.query(
      `SELECT tablename, policyname, qual FROM pg_policies
        WHERE schemaname = current_schema() AND cmd = 'SELECT' AND roles = '{junheng_reader}' AND qual ~ 'junheng_scope_(district|role)\\(\\)'`,
    );
    for (const p of policies) {
      const qual = change(p.qual);
      if (qual !== p.qual) await q.query(`ALTER POLICY "${p.policyname}" ON "${p.tablename}" USING (${qual})`);
    }
  }
}
