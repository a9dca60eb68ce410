-- Consent: versioned notices (Markdown) published by privacy officers, and each contributor's
-- answers (given or withdrawn, with the channel). Capture needs consent to the current notice.
CREATE TABLE consent_notices (
  version      integer PRIMARY KEY,
  markdown     text NOT NULL,
  published_by text NOT NULL,
  published_at bigint NOT NULL
);

CREATE TABLE consent_records (
  seq         bigserial PRIMARY KEY,
  subject_id  text NOT NULL REFERENCES subjects(id),
  version     integer NOT NULL REFERENCES consent_notices(version),
  decision    text NOT NULL CHECK (decision IN ('given', 'withdrawn')),
  channel     text NOT NULL,
  at          bigint NOT NULL
);
CREATE INDEX consent_records_subject ON consent_records (subject_id, at);
