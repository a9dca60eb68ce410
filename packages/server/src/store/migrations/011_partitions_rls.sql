-- Scale-out storage (issue 9): ciphertext chunks in monthly partitions, and row-level security as
-- a second wall behind the guard. The application works as the role steno_app, which owns
-- nothing: it sees a chunk only when the chunk's subject is in `steno.subjects`, set for the
-- transaction by the guard; it cannot read a partition directly, nor update or delete chunks —
-- shredding goes through two functions that run as the owner. (A superuser, as the embedded
-- store's single user is, bypasses row-level security: there the guard is the wall.)

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'steno_app') THEN
    CREATE ROLE steno_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database of the same cluster created it at the same moment
END
$$;

ALTER TABLE event_chunks RENAME TO event_chunks_unpartitioned;
ALTER INDEX event_chunks_subject_time RENAME TO event_chunks_unpartitioned_subject_time;
ALTER TABLE event_chunks_unpartitioned RENAME CONSTRAINT event_chunks_pkey TO event_chunks_unpartitioned_pkey;

CREATE TABLE event_chunks (
  batch_id    uuid NOT NULL REFERENCES batches(batch_id),
  month       text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  subject_id  text NOT NULL,
  device_id   text NOT NULL,
  first_t     bigint NOT NULL,
  last_t      bigint NOT NULL,
  event_count integer NOT NULL,
  key_id      text NOT NULL,
  payload     bytea NOT NULL,
  PRIMARY KEY (batch_id, month)
) PARTITION BY LIST (month);
CREATE INDEX event_chunks_subject_time ON event_chunks (subject_id, first_t);

-- One partition per UTC month, made on first use by the writer (as the owner).
CREATE FUNCTION steno_month_partition(m text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  part text := 'event_chunks_' || replace(m, '-', '_');
BEGIN
  IF m !~ '^[0-9]{4}-[0-9]{2}$' THEN
    RAISE EXCEPTION 'not a month: %', m;
  END IF;
  IF to_regclass(part) IS NULL THEN
    EXECUTE format('CREATE TABLE %I PARTITION OF event_chunks FOR VALUES IN (%L)', part, m);
  END IF;
EXCEPTION WHEN duplicate_table THEN
  NULL; -- a concurrent writer made it
END
$$;

SELECT steno_month_partition(m) FROM (SELECT DISTINCT month AS m FROM event_chunks_unpartitioned) x;
INSERT INTO event_chunks SELECT * FROM event_chunks_unpartitioned;
DROP TABLE event_chunks_unpartitioned;

ALTER TABLE event_chunks ENABLE ROW LEVEL SECURITY;
CREATE POLICY chunks_of_named_subjects ON event_chunks FOR SELECT
  USING (subject_id = ANY (string_to_array(current_setting('steno.subjects', true), ',')));
CREATE POLICY chunks_insert ON event_chunks FOR INSERT WITH CHECK (true);

-- Erasure of one subject and retention: the only ways chunks are deleted.
CREATE FUNCTION steno_shred_subject(s text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n integer;
BEGIN
  DELETE FROM event_chunks WHERE subject_id = s;
  GET DIAGNOSTICS n = ROW_COUNT;
  DELETE FROM batches WHERE subject_id = s;
  RETURN n;
END
$$;

CREATE FUNCTION steno_shred_before(cutoff bigint) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n integer;
BEGIN
  DELETE FROM event_chunks WHERE last_t < cutoff;
  GET DIAGNOSTICS n = ROW_COUNT;
  DELETE FROM batches b WHERE b.received_at < cutoff
    AND NOT EXISTS (SELECT 1 FROM event_chunks c WHERE c.batch_id = b.batch_id);
  RETURN n;
END
$$;
