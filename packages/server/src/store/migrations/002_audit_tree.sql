-- The audit log's Merkle tree (RFC 9162): hashes of perfect subtrees. Level 0 holds leaf hashes;
-- node (level, idx) covers leaves [idx << level, (idx + 1) << level). Written in the same
-- transaction as the entry, so the tree and the entries never disagree.
CREATE TABLE audit_nodes (
  level  integer NOT NULL,
  idx    bigint NOT NULL,
  hash   bytea NOT NULL,
  PRIMARY KEY (level, idx)
);
