-- People and sign-in: local accounts by invitation (embedded default), role assignments for
-- OpenID Connect people, pending OIDC sign-ins and sessions. Every secret (invitation token,
-- pending sign-in id, session id) is kept only as a digest; passwords only as scrypt hashes.

CREATE TABLE people (
  subject      text PRIMARY KEY,
  email        text NOT NULL UNIQUE,
  role         text NOT NULL,
  invited_by   text NOT NULL,
  created_at   bigint NOT NULL,
  -- OIDC: linked at the first sign-in with a verified e-mail, then matched by (issuer, sub).
  oidc_issuer  text,
  oidc_sub     text,
  disabled_at  bigint,
  UNIQUE (oidc_issuer, oidc_sub)
);

CREATE TABLE local_invitations (
  token_digest text PRIMARY KEY,
  email        text NOT NULL,
  subject      text NOT NULL,
  role         text NOT NULL,
  created_at   bigint NOT NULL,
  expires_at   bigint NOT NULL,
  used_at      bigint
);

CREATE TABLE local_accounts (
  subject       text PRIMARY KEY,
  email         text NOT NULL UNIQUE,
  role          text NOT NULL,
  password_hash text NOT NULL,
  created_at    bigint NOT NULL
);

CREATE TABLE pending_sign_ins (
  key         text PRIMARY KEY,
  pending     text NOT NULL,
  expires_at  bigint NOT NULL
);

CREATE TABLE sessions (
  id_digest    text PRIMARY KEY,
  subject      text NOT NULL,
  role         text NOT NULL,
  auth_method  text NOT NULL CHECK (auth_method IN ('oidc', 'local')),
  created_at   bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  expires_at   bigint NOT NULL
);
CREATE INDEX sessions_subject ON sessions (subject);

-- A person's own API tokens carry a name they chose ("laptop CLI").
ALTER TABLE api_tokens ADD COLUMN name text;
