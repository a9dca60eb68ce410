-- Break-glass: an investigator's request to read named subjects' events for a stated reason,
-- in a time window, valid from not_before until expires_at (at most 72 h), usable only after two
-- approvals by people other than the requester. Approvers are kept in order.
CREATE TABLE breakglass_grants (
  id           text PRIMARY KEY,
  requester    text NOT NULL,
  reason_code  text NOT NULL,
  reason_text  text NOT NULL,
  subjects     text NOT NULL,
  window_from  bigint NOT NULL,
  window_to    bigint NOT NULL,
  not_before   bigint NOT NULL,
  expires_at   bigint NOT NULL,
  approvers    text NOT NULL DEFAULT '[]',
  created_at   bigint NOT NULL
);
