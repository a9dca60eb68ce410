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
  NO_DISPLAY: 'Live capture: DISPLAY is not set, so there is no desktop to capture; retrying.',
  DISPLAY_UNREACHABLE: 'Live capture: the X display named by DISPLAY cannot be reached; retrying.',
  DISPLAY_LOST: 'Live capture: the connection to the X display was lost; the hook restarts with backoff.',
  HOOK_FAILED: 'Live capture: the input hook (uiohook-napi) could not be loaded or started; retrying.',
  HOOK_CRASHED: 'Live capture: the hook child exited unexpectedly (e.g. aborted); it restarts with backoff.',
  CONTROL_IO: 'The local control server could not start or write its port and secret files.',
  AGENT_NOT_RUNNING: 'No running agent answers on the control port written in the data directory.',
  CONTROL_REFUSED: 'The running agent refused the control request (bad secret or request).',
  INDICATOR_UNAVAILABLE:
    'The desktop notification service cannot be reached, so the agent cannot show that it runs; it does not capture.',
  ALREADY_RUNNING: 'Another agent already runs with this data directory (its pid is given).',
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
