/**
 * Test support: lines of text with a secret or identifier in each, in several fonts and sizes, to
 * render into pixels (`renderText`): the real-OCR redaction test and the recogniser comparison in
 * bench/frames read the same sample.
 */
import type { TextRow } from './rendered-text.ts';

export const SECRET_ROWS: readonly TextRow[] = [
  { text: 'hello team, notes for today', size: 16 },
  { text: 'mail jane.doe@example.org now', mark: 'jane.doe@example.org', size: 14 },
  { text: 'key AKIAIOSFODNN7EXAMPLE here', mark: 'AKIAIOSFODNN7EXAMPLE', size: 12 },
  {
    text: 'token ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5 end',
    mark: 'ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5',
    size: 11,
  },
  { text: 'call +44 20 7946 0958 today', mark: '+44 20 7946 0958', size: 13 },
  {
    text: 'contact bob.smith@corp.example.com please',
    mark: 'bob.smith@corp.example.com',
    size: 20,
    font: 'Noto Mono, DejaVu Sans Mono',
  },
  { text: 'export API_KEY=Zx81kQp9LmT4vW7rB2nC6yH3', mark: 'API_KEY=Zx81kQp9LmT4vW7rB2nC6yH3', size: 12 },
];
