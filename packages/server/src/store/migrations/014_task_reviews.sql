-- Issue 17: a contributor's review of each task they marked — keep it or drop it (a dropped task
-- never enters a dataset), and optionally a description in their own words. The description is
-- contributor-written text about captured work: filtered like typed text before it is stored, and
-- sealed under the subject's data key of the month it was written (`month`, `key_id`), so erasure
-- and retention shred it with the rest of the subject's data. The task id is the device's opaque
-- token (no content). Only the guard reads and writes these rows (me.review, audited).
CREATE TABLE task_reviews (
  subject_id   text NOT NULL,
  task_id      text NOT NULL CHECK (task_id ~ '^[A-Za-z0-9_-]{1,64}$'),
  decision     text NOT NULL CHECK (decision IN ('keep', 'drop')),
  month        text CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  key_id       text,
  description  bytea,
  reviewed_at  bigint NOT NULL,
  PRIMARY KEY (subject_id, task_id),
  CHECK ((description IS NULL) = (key_id IS NULL) AND (key_id IS NULL) = (month IS NULL))
);
