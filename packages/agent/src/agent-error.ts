/**
 * The agent's one error class. Faults carry a stable UPPER_SNAKE `code` (listed below) and
 * a `cause`; messages never contain a token, a key, an event or a payload.
 */

export const AGENT_ERROR_CODES = {
  OPTIONS_INVALID: 'An option passed to the agent is invalid.',
  IDENTITY_MISSING: 'No device identity in the data directory and no enrolment token was given.',
  IDENTITY_CORRUPT: 'device.json or the spool key file cannot be read or does not match its schema.',
  ENROL_REFUSED: 'The server refused the enrolment (see serverCode).',
  ENROL_UNREACHABLE: 'The server could not be reached to enrol, after retries.',
  REPLAY_UNREADABLE: 'The replay file cannot be read.',
  REPLAY_INVALID: 'A line of the replay file is not a valid event (the line number is given).',
  SPOOL_IO: 'The spool could not be read or written.',
  SPOOL_ENTRY_UNREADABLE: 'A spool entry failed to decrypt or parse; it was moved to quarantine/.',
  SOURCE_FAILED: 'The event source failed while capturing.',
  DEVICE_UNKNOWN: 'The server does not know this device; uploading stopped.',
  DEVICE_REVOKED: 'The server revoked this device; uploading stopped.',
  AGENT_STOPPED: 'The agent was stopped before the work finished.',
} as const;

export type AgentErrorCode = keyof typeof AGENT_ERROR_CODES;

export class AgentError extends Error {
  override readonly name = 'AgentError';
  readonly code: AgentErrorCode;
  /** The server's error code, when the fault is a refusal by the server. */
  readonly serverCode: string | undefined;

  constructor(code: AgentErrorCode, message: string, options: { cause?: unknown; serverCode?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.serverCode = options.serverCode;
  }
}
