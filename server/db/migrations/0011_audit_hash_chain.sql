ALTER TABLE "audit_log" ADD COLUMN "hash" text;
--> statement-breakpoint
-- The audit trail as a hash chain (docs/audit.md): each row's hash is sha256 of the previous row's hash
-- followed by this row's content. A row edited or deleted behind the triggers' back breaks the chain at
-- that point, and `canbo audit verify` reports where.

-- The content of a row as the chain hashes it. Frozen: changing it would break every existing link. The
-- instant is written in UTC with microseconds so that the session's time zone and date style do not matter.
CREATE FUNCTION audit_log_content(a audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT pg_catalog.jsonb_build_array(
    a.id,
    pg_catalog.to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    a.actor_id, a.actor_username, a.action, a.entity_type, a.entity_id,
    a.before, a.after, a.reason, a.request_id, a.ip)::text
$$;
--> statement-breakpoint
-- The head of the chain: the last row's id and hash. In a schema of its own so that backups (public schema)
-- leave it out: a restore rebuilds the chain row by row and arrives at the same head.
CREATE SCHEMA canbo_audit;
--> statement-breakpoint
CREATE TABLE canbo_audit.chain_head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  last_id bigint NOT NULL,
  last_hash text NOT NULL
);
--> statement-breakpoint
-- Rows written before the chain existed are linked now, in id order, from the all-zero genesis hash.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
DO $$
DECLARE
  r record;
  h text := repeat('0', 64);
  last bigint := 0;
  ids bigint[] := '{}';
  hashes text[] := '{}';
BEGIN
  FOR r IN SELECT a.id, audit_log_content(a) AS content FROM audit_log a ORDER BY a.id LOOP
    h := encode(sha256(convert_to(h || r.content, 'UTF8')), 'hex');
    last := r.id;
    ids := ids || r.id;
    hashes := hashes || h;
  END LOOP;
  UPDATE audit_log a SET hash = u.hash FROM unnest(ids, hashes) AS u(id, hash) WHERE a.id = u.id;
  INSERT INTO canbo_audit.chain_head (last_id, last_hash) VALUES (last, h);
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
-- Before each INSERT statement: take the head, locked until the transaction ends, so that concurrent writers
-- extend the chain one after the other (the chain's order is the order in which they took the head). The
-- running head lives in transaction-local settings while the statement's rows are linked: one read and one
-- write of the head per statement, not per row, so a set-based INSERT … SELECT of 200,000 rows stays cheap.
-- SECURITY DEFINER: the application's role (canbo_app on PostgreSQL) has no write access to the head.
CREATE FUNCTION canbo_audit.chain_begin() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  head canbo_audit.chain_head;
BEGIN
  SELECT * INTO STRICT head FROM canbo_audit.chain_head FOR UPDATE;
  PERFORM set_config('canbo.audit_last_id', head.last_id::text, true),
          set_config('canbo.audit_last_hash', head.last_hash, true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Each row: an id after the head's (ids follow the chain even when a concurrent writer drew a lower one from
-- the sequence first), then its hash. A hash sent by the client is ignored.
CREATE FUNCTION canbo_audit.chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_id bigint := pg_catalog.current_setting('canbo.audit_last_id')::bigint;
BEGIN
  IF NEW.id IS NULL OR NEW.id <= last_id THEN
    NEW.id := last_id + 1;
  END IF;
  NEW.hash := pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
    pg_catalog.current_setting('canbo.audit_last_hash') || public.audit_log_content(NEW), 'UTF8')), 'hex');
  PERFORM pg_catalog.set_config('canbo.audit_last_id', NEW.id::text, true),
          pg_catalog.set_config('canbo.audit_last_hash', NEW.hash, true);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION canbo_audit.chain_end() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  UPDATE canbo_audit.chain_head
  SET last_id = current_setting('canbo.audit_last_id')::bigint,
      last_hash = current_setting('canbo.audit_last_hash')
  WHERE last_hash IS DISTINCT FROM current_setting('canbo.audit_last_hash');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain_begin BEFORE INSERT ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION canbo_audit.chain_begin();
--> statement-breakpoint
CREATE TRIGGER audit_log_chain_link BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION canbo_audit.chain_link();
--> statement-breakpoint
CREATE TRIGGER audit_log_chain_end AFTER INSERT ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION canbo_audit.chain_end();
--> statement-breakpoint
-- ANALYZE is the tables' owner's: the application's role asks for it through this function (after a seed).
CREATE FUNCTION canbo_analyze() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  ANALYZE;
END;
$$;
--> statement-breakpoint
-- One table at a time (after an import: each a short statement on the embedded database, ADR 0001).
CREATE FUNCTION canbo_analyze_table(target regclass) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  EXECUTE format('ANALYZE %s', target);
END;
$$;
