/**
 * Capture leases and scope: no lease, no capture. The server signs a short-lived lease (Ed25519,
 * domain steno-lease-v1) carrying the capture scope and policy version; the agent verifies it with
 * the server key pinned at enrolment and captures only while it holds a valid, active one.
 */
import { z } from 'zod';
import { Base64Url, DeviceId, EpochMs, SubjectId } from './ids.ts';

/** `none`: nothing; `actions`: mouse and shortcuts, no typed text; `full`: typed text too, filtered. */
export const CaptureLevel = z.enum(['none', 'actions', 'full']);
export type CaptureLevel = z.infer<typeof CaptureLevel>;

export const AppRule = z
  .object({
    /** Application identity (WM_CLASS or process name), exact, case-insensitive; `*` matches any. */
    app: z.string().min(1).max(128),
    /** Optional regular expression (source, case-insensitive) the window title must match. */
    title: z.string().max(256).optional(),
    level: CaptureLevel,
    /**
     * Whether frames (screenshots, redacted on the device) may be taken of this application's
     * windows; off unless set, and never at level `none`.
     */
    frames: z.boolean().optional(),
    /**
     * Whether people's names and postal addresses are detected in this application's typed text
     * and titles (on unless set to false): an organisation turns the name detector off for an app
     * where it removes too much (a CRM of company names, say). Secrets and other identifiers are
     * detected whatever this says.
     */
    names: z.boolean().optional(),
  })
  .strict();
export type AppRule = z.infer<typeof AppRule>;

export const SiteRule = z
  .object({
    /** Origin pattern, e.g. https://*.example.com */
    origin: z.string().min(1).max(256),
    level: CaptureLevel,
    keepQuery: z.boolean().optional(),
    /**
     * Whether frames may show this site: a browser window showing a known site needs both its app
     * rule and this (off unless set).
     */
    frames: z.boolean().optional(),
  })
  .strict();
export type SiteRule = z.infer<typeof SiteRule>;

export const OrgRules = z
  .object({
    patterns: z
      .array(z.object({ name: z.string().min(1).max(64), regex: z.string().min(1).max(512) }).strict())
      .max(200),
    words: z.array(z.string().min(1).max(128)).max(10_000),
  })
  .strict();

export const CaptureScope = z
  .object({
    /** First matching rule wins; anything no rule matches is not captured at all. */
    apps: z.array(AppRule).max(500),
    sites: z.array(SiteRule).max(500),
    rules: OrgRules.optional(),
  })
  .strict();
export type CaptureScope = z.infer<typeof CaptureScope>;

export const CaptureLease = z
  .object({
    v: z.literal(1),
    leaseId: z.string().min(8).max(64),
    deviceId: DeviceId,
    subject: SubjectId,
    issuedAt: EpochMs,
    expiresAt: EpochMs,
    /** Increases with every scope change; the audit log records each version. */
    policyVersion: z.number().int().min(0),
    /** `paused` leases carry the scope but forbid capture (kill switch, missing consent). */
    state: z.enum(['active', 'paused']),
    reason: z.string().max(64).optional(),
    scope: CaptureScope,
  })
  .strict();
export type CaptureLease = z.infer<typeof CaptureLease>;

export const SignedLease = z
  .object({ v: z.literal(1), lease: CaptureLease, sig: Base64Url.length(86) })
  .strict();
export type SignedLease = z.infer<typeof SignedLease>;

/** A device asks for a lease, proving possession of its key (domain steno-device-request-v1). */
export const LeaseRequest = z
  .object({
    v: z.literal(1),
    deviceId: DeviceId,
    issuedAt: EpochMs,
    nonce: Base64Url.min(16).max(64),
    purpose: z.literal('lease'),
    proof: Base64Url.length(86),
  })
  .strict();
export type LeaseRequest = z.infer<typeof LeaseRequest>;
