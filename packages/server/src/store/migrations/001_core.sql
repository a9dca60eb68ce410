-- Steno core schema: one migration set for PGlite and PostgreSQL.
-- Times are epoch milliseconds (bigint). Event payloads are ciphertext only; their data keys
-- live in the key store, never in this database.

CREATE TABLE subjects (
  id          text PRIMARY KEY,
  created_at  bigint NOT NULL
);

CREATE TABLE enrol_tokens (
  token_hash  bytea PRIMARY KEY,
  subject_id  text NOT NULL REFERENCES subjects(id),
  created_by  text NOT NULL,
  created_at  bigint NOT NULL,
  expires_at  bigint NOT NULL,
  used_at     bigint,
  device_id   text
);

CREATE TABLE devices (
  id          text PRIMARY KEY,
  subject_id  text NOT NULL REFERENCES subjects(id),
  public_key  text NOT NULL UNIQUE,
  name        text NOT NULL,
  created_at  bigint NOT NULL,
  revoked_at  bigint,
  last_seq    bigint NOT NULL DEFAULT -1
);

CREATE TABLE api_tokens (
  id          text PRIMARY KEY,
  token_hash  bytea NOT NULL UNIQUE,
  principal   text NOT NULL,
  role        text NOT NULL,
  subject_id  text,
  scopes      text[] NOT NULL,
  created_at  bigint NOT NULL,
  expires_at  bigint NOT NULL,
  revoked_at  bigint
);

CREATE TABLE device_nonces (
  device_id   text NOT NULL,
  nonce       text NOT NULL,
  expires_at  bigint NOT NULL,
  PRIMARY KEY (device_id, nonce)
);

CREATE TABLE batches (
  batch_id     uuid PRIMARY KEY,
  device_id    text NOT NULL REFERENCES devices(id),
  subject_id   text NOT NULL REFERENCES subjects(id),
  seq          bigint NOT NULL,
  content_hash bytea NOT NULL,
  event_count  integer NOT NULL,
  received_at  bigint NOT NULL,
  ack          text NOT NULL
);
CREATE INDEX batches_device_seq ON batches (device_id, seq);

-- One ciphertext chunk per (batch, month): a month's data key can be destroyed on its own.
CREATE TABLE event_chunks (
  batch_id    uuid NOT NULL REFERENCES batches(batch_id),
  month       text NOT NULL,
  subject_id  text NOT NULL,
  device_id   text NOT NULL,
  first_t     bigint NOT NULL,
  last_t      bigint NOT NULL,
  event_count integer NOT NULL,
  key_id      text NOT NULL,
  payload     bytea NOT NULL,
  PRIMARY KEY (batch_id, month)
);
CREATE INDEX event_chunks_subject_time ON event_chunks (subject_id, first_t);

CREATE TABLE sequence_gaps (
  device_id   text NOT NULL,
  from_seq    bigint NOT NULL,
  to_seq      bigint NOT NULL,
  detected_at bigint NOT NULL,
  PRIMARY KEY (device_id, from_seq)
);

-- The audit log: append-only entries; their Merkle tree nodes live in audit_nodes.
CREATE TABLE audit_entries (
  idx         bigint PRIMARY KEY,
  at          bigint NOT NULL,
  entry       text NOT NULL,
  leaf_hash   bytea NOT NULL
);
