/**
 * Who is asking: every request is made by a principal with one role. The roles and the principal's
 * shape belong to the policy vocabulary (`@steno/policy`); the server re-exports them from here.
 */
export { type Principal, ROLES, type Role } from '@steno/policy';
