-- Training datasets: each build is a version of a named spec, made only from contributors who
-- consent to the current notice, through the guard. Files are stored encrypted with the dataset's
-- own key, which is kept wrapped by the KEK (with the per-dataset pseudonym secret) beside them.
CREATE TABLE datasets (
  id             text PRIMARY KEY,
  name           text NOT NULL,
  version        integer NOT NULL,
  spec           text NOT NULL,
  status         text NOT NULL CHECK (status IN ('building', 'ready', 'failed')),
  progress       text NOT NULL DEFAULT '{}',
  error          text,
  created_by     text NOT NULL,
  created_at     bigint NOT NULL,
  finished_at    bigint,
  wrapped_keys   bytea,
  manifest       text,
  card           text,
  UNIQUE (name, version)
);

CREATE TABLE dataset_files (
  dataset_id   text NOT NULL REFERENCES datasets(id),
  name         text NOT NULL,
  media_type   text NOT NULL,
  sha256       text NOT NULL,
  ciphertext   bytea NOT NULL,
  PRIMARY KEY (dataset_id, name)
);
