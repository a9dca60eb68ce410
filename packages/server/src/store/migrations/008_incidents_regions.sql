-- Incidents: a severity on the SEV0 (worst) to SEV5 scale, a timeline, the 72-hour
-- regulator-notification clock for personal-data breaches, and whether opening it paused the
-- program. Break-glass grants may name the incident they serve (an investigation may read while
-- the program is paused).
CREATE TABLE incidents (
  id                    text PRIMARY KEY,
  severity              integer NOT NULL CHECK (severity BETWEEN 0 AND 5),
  category              text NOT NULL,
  title                 text NOT NULL,
  status                text NOT NULL CHECK (status IN ('open', 'closed')),
  personal_data_breach  boolean NOT NULL,
  opened_by             text NOT NULL,
  opened_at             bigint NOT NULL,
  notify_by             bigint,
  regulator_notified_at bigint,
  regulator_reference   text,
  auto_paused           boolean NOT NULL,
  closed_by             text,
  closed_at             bigint
);

CREATE TABLE incident_timeline (
  seq          bigserial PRIMARY KEY,
  incident_id  text NOT NULL REFERENCES incidents(id),
  at           bigint NOT NULL,
  actor        text NOT NULL,
  kind         text NOT NULL,
  note         text NOT NULL
);
CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id, seq);

ALTER TABLE breakglass_grants ADD COLUMN incident_id text REFERENCES incidents(id);

-- Regions: the program stays off in a region until a privacy officer records its legal basis.
ALTER TABLE subjects ADD COLUMN region text NOT NULL DEFAULT 'default';
CREATE TABLE program_regions (
  region       text PRIMARY KEY,
  basis_kind   text NOT NULL,
  reference    text NOT NULL,
  recorded_by  text NOT NULL,
  recorded_at  bigint NOT NULL
);
