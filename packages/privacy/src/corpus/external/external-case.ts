/** One case of the external corpus: where it comes from, and what must go or stay. */
export interface ExternalCase {
  /** The public source it was taken from (`presidio:test_ip_recognizer.py`, `gitleaks:notion-api-token`, …). */
  source: string;
  kind: 'positive' | 'negative';
  /** The kind of identifier or secret (`ip`, `crypto`, `api-key`, `national-id:fi`, `person`, …). */
  category: string;
  text: string;
  /** Positives: the values that must leave no 4-character window in the output. */
  secrets?: string[];
  /** Only meaningful typed (a password prompt needs the line before it entered). */
  eventsOnly?: boolean;
}
