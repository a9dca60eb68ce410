-- A contributor's own pause of capture on all their devices, until a time they chose (or until they
-- resume). Unlike the kill switch, the contributor alone decides it, both ways.
CREATE TABLE contributor_pauses (
  subject_id  text PRIMARY KEY REFERENCES subjects(id),
  until       bigint NOT NULL,
  paused_at   bigint NOT NULL
);
