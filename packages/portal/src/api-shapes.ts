/** The shapes the portal reads, from the server's route schemas (docs/api.md). */

export interface SessionView {
  subject: string;
  /** The person's e-mail address (null for a person without one). */
  email: string | null;
  role: string;
  authMethod: 'oidc' | 'local';
  scopes: string[];
  csrfToken: string;
  expiresAt: number;
}

export type CaptureLevel = 'none' | 'actions' | 'full';
export interface AppRule {
  app: string;
  title?: string;
  level: CaptureLevel;
  frames?: boolean;
}
export interface SiteRule {
  origin: string;
  level: CaptureLevel;
  keepQuery?: boolean;
}
export interface CaptureScope {
  apps: AppRule[];
  sites: SiteRule[];
  rules?: unknown;
}
export interface ScopeView {
  version: number;
  scope: CaptureScope;
  /** null for version 0: no scope has been set yet. */
  createdAt: number | null;
}

export interface ProgramState {
  kind: string;
  id: string;
  state: string;
  reason: string;
  changedAt: number;
  resumeRequested: boolean;
  /** The signed-in officer is the one who asked: a different officer must confirm. */
  resumeRequestedByMe?: boolean;
}
export interface ProgramStatus {
  paused: boolean;
  states: ProgramState[];
}

export interface AccessEntry {
  idx: number;
  at: number;
  actor: { id: string; role: string };
  action: string;
  decision: 'allow' | 'deny';
  reason: string;
  text: string;
}

export interface ConsentView {
  notice: { version: number; markdown: string; publishedAt: number } | null;
  current: boolean;
  history: { version: number; decision: 'given' | 'withdrawn'; channel: string; at: number }[];
}

export interface GrantView {
  id: string;
  requester: string;
  reasonCode: string;
  subjects: string[];
  windowFrom: number;
  windowTo: number;
  notBefore: number;
  expiresAt: number;
  approvals: number;
  usable: boolean;
  incidentId?: string | null;
}

/** One of my own requests (`GET /v1/breakglass/grants`). */
export interface MyGrant extends GrantView {
  reason: string;
  /** Who approved it, in order (never the requester). */
  approvers: string[];
}

/** A request in the approval queue (`GET /v1/breakglass/requests`). */
export interface QueuedRequest extends GrantView {
  reason: string;
  /** I asked for it: I may not approve it. */
  mine: boolean;
  approvedByMe: boolean;
}

/** A contributor's own pause (`GET /v1/me/pause`). */
export interface MyPause {
  paused: boolean;
  until: number | null;
  devicesNotified: number;
}

export interface NoticeView {
  version: number;
  markdown: string;
  publishedAt: number;
}

export interface Proof {
  index: number;
  size: number;
  proof: string[];
}

export interface Severity {
  level: number;
  name: string;
  meaning: string;
}
export interface SeverityScale {
  /** Opening an incident at this level or worse (a lower number) pauses the program. */
  autoPauseAtOrAbove: number;
  scale: Severity[];
}

export type NotificationClock =
  | { running: true; notifyBy: number; msLeft: number; overdue: boolean }
  | { running: false; reason: string; notifiedAt?: number };

export interface IncidentView {
  id: string;
  severity: number;
  severityName: string;
  category: string;
  title: string;
  status: 'open' | 'closed';
  personalDataBreach: boolean;
  openedBy: string;
  openedAt: number;
  autoPaused: boolean;
  closedAt: number | null;
  regulatorReference: string | null;
  notificationClock: NotificationClock;
}
export interface TimelineEntry {
  at: number;
  actor: string;
  kind: string;
  note: string;
}

export interface RegionView {
  region: string;
  subjects: number;
  basis: string | null;
  reference: string | null;
  recordedAt: number | null;
}

export interface DatasetFile {
  name: string;
  mediaType: string;
  sha256: string;
}
export interface DatasetView {
  id: string;
  name: string;
  version: number;
  status: 'building' | 'ready' | 'failed';
  /** Counts only (phase, streams and events read, episodes built, subjects). */
  progress: Record<string, unknown>;
  error: string | null;
  createdBy: string;
  createdAt: number;
  finishedAt: number | null;
  files: DatasetFile[];
}
export interface DatasetDetail extends DatasetView {
  manifest: unknown;
  card: string | null;
}

export interface VolumeView {
  bucket: 'hour' | 'day';
  /** Buckets with fewer contributors than this are suppressed (null). */
  kMin: number;
  series: { start: number; events: number | null; batches: number | null }[];
}
