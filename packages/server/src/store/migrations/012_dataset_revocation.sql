-- Which subjects each dataset version was built from, so that a contributor's withdrawal or
-- erasure revokes every version holding their data: its key is destroyed, its files deleted, and
-- it must be rebuilt (the next version no longer reads them).
CREATE TABLE dataset_subjects (
  dataset_id  text NOT NULL REFERENCES datasets(id),
  subject_id  text NOT NULL,
  PRIMARY KEY (dataset_id, subject_id)
);
CREATE INDEX dataset_subjects_subject ON dataset_subjects (subject_id);

ALTER TABLE datasets DROP CONSTRAINT datasets_status_check;
ALTER TABLE datasets ADD CONSTRAINT datasets_status_check CHECK (status IN ('building', 'ready', 'failed', 'revoked'));
ALTER TABLE datasets ADD COLUMN revoked_at bigint;
ALTER TABLE datasets ADD COLUMN revoked_reason text;
