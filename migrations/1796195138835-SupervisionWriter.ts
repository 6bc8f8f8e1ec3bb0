import { MigrationInterface, QueryRunner } from 'typeorm';

const SUPERVISOR = `junheng_scope_role() = 'supervisor'`;
const LEDGER_WRITER = `junheng_scope_role() IN ('supervisor', 'district_officer')`;
const IN_SCOPE = `(junheng_scope_district() IS NULL OR "district_code" = junheng_scope_district())`;
const SUBJECT = `junheng_scope_subject()`;

/** Per table: the privileges of the writer role and the policies that bound them (USING for UPDATE, WITH CHECK for both). */
const WRITES: { table: string; grant: string; insert?: string; update?: string; all?: string }[] = [
  { table: 'data_version', grant: 'UPDATE' }, // the statement triggers of the tables written bump it
  { table: 'import_batch', grant: 'INSERT', insert: `${SUPERVISOR} AND "kind" = 'api' AND "department" = 'supervision' AND "loaded_by" = ${SUBJECT}` },
  { table: 'row_history', grant: 'INSERT', insert: `${SUPERVISOR} AND "dataset" IN ('ratings', 'surveys', 'supervision_visits')` },
  { table: 'audit_event', grant: 'INSERT', insert: `"subject" = ${SUBJECT}` },
  { table: 'ratings', grant: 'INSERT, UPDATE', insert: SUPERVISOR, update: SUPERVISOR },
  { table: 'surveys', grant: 'INSERT, UPDATE', insert: SUPERVISOR, update: SUPERVISOR },
  { table: 'supervision_visits', grant: 'INSERT', insert: SUPERVISOR },
  // A finding's description, place and raiser are never rewritten through the API: only its state and dates move.
  { table: 'supervision_findings', grant: 'INSERT, UPDATE ("state", "due_on", "closed_on", "updated_at")', insert: SUPERVISOR, update: `${LEDGER_WRITER} AND ${IN_SCOPE}` },
  { table: 'supervision_finding_events', grant: 'INSERT', insert: `${LEDGER_WRITER} AND ${IN_SCOPE} AND "actor" = ${SUBJECT}` },
  { table: 'evidence', grant: 'INSERT', insert: `${LEDGER_WRITER} AND "uploaded_by" = ${SUBJECT} AND "district_code" IS NOT DISTINCT FROM junheng_scope_district()` },
  { table: 'evidence_links', grant: 'INSERT', insert: `${LEDGER_WRITER} AND ${IN_SCOPE} AND "linked_by" = ${SUBJECT}` },
  { table: 'mutation_receipts', grant: 'SELECT, INSERT, UPDATE', all: `"subject" = ${SUBJECT}` },
];

/**
 * The write side's database role (docs/supervision.md, decision D80). Mutations write in their own transaction as
 * `junheng_writer` with the viewer's district, role and subject as settings — the same row-level security as reads,
 * plus policies on what may be inserted or updated: a district officer writes only in their district, an analyst
 * (or any other role) nothing, and nobody can DELETE. Reads inside a write go through the reader's policies (the
 * writer is a member of junheng_reader). Imports keep writing through the owner connection.
 */
export class SupervisionWriter1796195138835 implements MigrationInterface {
  name = 'SupervisionWriter1796195138835';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'junheng_writer') THEN CREATE ROLE junheng_writer NOLOGIN; END IF;
    END $$`);
    await q.query(`DO $$ BEGIN
      IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN EXECUTE format('GRANT junheng_writer TO %I', current_user); END IF;
    END $$`);
    await q.query(`GRANT junheng_reader TO junheng_writer`);
    await q.query(`GRANT USAGE ON SCHEMA public TO junheng_writer`);
    await q.query(`CREATE FUNCTION junheng_scope_subject() RETURNS text LANGUAGE sql STABLE AS
      $$ SELECT coalesce(nullif(current_setting('junheng.subject', true), ''), 'none') $$`);

    for (const w of WRITES) {
      await q.query(`GRANT ${w.grant} ON "${w.table}" TO junheng_writer`);
      if (w.insert) await q.query(`CREATE POLICY "${w.table}_writer_insert" ON "${w.table}" FOR INSERT TO junheng_writer WITH CHECK (${w.insert})`);
      if (w.update) {
        await q.query(`CREATE POLICY "${w.table}_writer_update" ON "${w.table}" FOR UPDATE TO junheng_writer USING (${w.update}) WITH CHECK (${w.update})`);
      }
      if (w.all) await q.query(`CREATE POLICY "${w.table}_writer_own" ON "${w.table}" FOR ALL TO junheng_writer USING (${w.all}) WITH CHECK (${w.all})`);
    }

    // Evidence bytes are stored once per content, whoever uploaded them first: finding an upload's twin needs to see
    // past row-level security, so that one step runs as the owner, checks who asks, and returns only an id.
    await q.query(`CREATE FUNCTION junheng_store_evidence_file(p_sha256 text, p_content bytea, p_content_type text) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_id bigint;
      BEGIN
        IF junheng_scope_role() NOT IN ('supervisor', 'district_officer') THEN
          RAISE EXCEPTION 'evidence is uploaded by supervisors and district officers' USING ERRCODE = '42501';
        END IF;
        IF encode(sha256(p_content), 'hex') <> p_sha256 THEN
          RAISE EXCEPTION 'sha256 does not match the content' USING ERRCODE = '22023';
        END IF;
        INSERT INTO evidence_files (sha256, content, byte_size, content_type)
          VALUES (p_sha256, p_content, octet_length(p_content), p_content_type)
          ON CONFLICT (sha256) DO NOTHING
          RETURNING id INTO v_id;
        IF v_id IS NULL THEN
          SELECT id INTO v_id FROM evidence_files WHERE sha256 = p_sha256;
        END IF;
        RETURN v_id;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION junheng_store_evidence_file(text, bytea, text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION junheng_store_evidence_file(text, bytea, text) TO junheng_writer`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION junheng_store_evidence_file(text, bytea, text)`);
    for (const w of [...WRITES].reverse()) {
      for (const kind of ['insert', 'update', 'own']) await q.query(`DROP POLICY IF EXISTS "${w.table}_writer_${kind}" ON "${w.table}"`);
      await q.query(`REVOKE ALL ON "${w.table}" FROM junheng_writer`);
    }
    await q.query(`DROP FUNCTION junheng_scope_subject()`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM junheng_writer`);
    await q.query(`REVOKE junheng_reader FROM junheng_writer`);
    // The role stays: it is cluster-wide and other databases of the cluster may use it.
  }
}
