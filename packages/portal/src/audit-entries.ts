/**
 * Audit entries as the portal reads them from `GET /v1/audit/entries`: each entry's text is the
 * exact JSON the log committed to (its proof is checked against that text), parsed for display.
 */

export interface AuditRecord {
  idx: number;
  at: number;
  actor: { id: string; role: string };
  action: string;
  resource: { type: string; id?: string; subject?: string };
  decision: 'allow' | 'deny';
  reason: string;
  details?: Record<string, unknown>;
  text: string;
}

export function parseEntry(idx: number, text: string): AuditRecord | undefined {
  try {
    const e = JSON.parse(text) as Omit<AuditRecord, 'idx' | 'text'>;
    if (typeof e.action !== 'string' || typeof e.actor?.id !== 'string') return undefined;
    return { ...e, idx, text };
  } catch {
    return undefined;
  }
}
