-- Capture scope, versioned: each change is a new row; the highest version is in force.
-- An empty scope (no row) captures nothing: default deny.
CREATE TABLE capture_scopes (
  version     integer PRIMARY KEY,
  scope       text NOT NULL,
  created_by  text NOT NULL,
  created_at  bigint NOT NULL
);
