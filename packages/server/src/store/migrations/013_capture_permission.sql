-- Issue 15: the server re-checks permission for every batch, so it keeps what it needs to judge
-- an event by the moment it was captured: the leases it issued, and the history of pauses.

-- Every capture lease the server signed. A batch names the leases its events were captured under;
-- an id found here for the same device is a lease this server issued (no signature to re-check).
CREATE TABLE capture_leases (
  lease_id        text PRIMARY KEY,
  device_id       text NOT NULL REFERENCES devices(id),
  subject_id      text NOT NULL REFERENCES subjects(id),
  issued_at       bigint NOT NULL,
  expires_at      bigint NOT NULL,
  policy_version  integer NOT NULL,
  state           text NOT NULL CHECK (state IN ('active', 'paused'))
);
CREATE INDEX capture_leases_device ON capture_leases (device_id, issued_at);

-- Every pause as an interval: the kill switch (global, org unit, device) and a contributor's own
-- pause ('subject'). ended_at NULL: still in force. An event inside an interval is not stored.
CREATE TABLE capture_pause_log (
  id          bigserial PRIMARY KEY,
  scope_kind  text NOT NULL CHECK (scope_kind IN ('global', 'org_unit', 'device', 'subject')),
  scope_id    text NOT NULL,
  started_at  bigint NOT NULL,
  ended_at    bigint
);
CREATE INDEX capture_pause_log_scope ON capture_pause_log (scope_kind, scope_id, started_at);

-- Pauses already in force when this migration runs.
INSERT INTO capture_pause_log (scope_kind, scope_id, started_at, ended_at)
  SELECT scope_kind, scope_id, changed_at, NULL FROM program_state WHERE state = 'paused';
INSERT INTO capture_pause_log (scope_kind, scope_id, started_at, ended_at)
  SELECT 'subject', subject_id, paused_at, until FROM contributor_pauses;

-- A contributor's personal token minted by a device dies with the device (and with erasure and
-- withdrawal of consent): the device it came from is recorded.
ALTER TABLE api_tokens ADD COLUMN device_id text;
CREATE INDEX api_tokens_device ON api_tokens (device_id) WHERE device_id IS NOT NULL;
CREATE INDEX api_tokens_subject ON api_tokens (subject_id) WHERE subject_id IS NOT NULL;

-- An erased subject gets no new enrolment token until re-invited (issue 15).
ALTER TABLE subjects ADD COLUMN erased_at bigint;

-- Granting the privacy-officer or investigator role takes two privacy officers (issue 15).
CREATE TABLE role_grant_requests (
  id            text PRIMARY KEY,
  email         text NOT NULL,
  role          text NOT NULL,
  subject_id    text,
  requested_by  text NOT NULL,
  requested_at  bigint NOT NULL,
  decided_by    text,
  decided_at    bigint
);

