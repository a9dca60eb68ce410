-- The kill switch: program state at global, org-unit and device scope. A row in state 'paused'
-- stops capture there; resuming needs a second privacy officer (resume_requested_by).
CREATE TABLE program_state (
  scope_kind          text NOT NULL CHECK (scope_kind IN ('global', 'org_unit', 'device')),
  scope_id            text NOT NULL,
  state               text NOT NULL CHECK (state IN ('active', 'paused')),
  reason              text NOT NULL,
  changed_by          text NOT NULL,
  changed_at          bigint NOT NULL,
  resume_requested_by text,
  PRIMARY KEY (scope_kind, scope_id)
);

ALTER TABLE subjects ADD COLUMN org_unit text;
