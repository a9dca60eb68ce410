/**
 * Pages whose server API has not landed yet (incidents, program-wide charts, datasets): they say
 * so plainly instead of pretending, and name the routes they will use.
 */
import { Page, Section } from '../ui.tsx';

export const NOT_YET = {
  incidents: {
    title: 'Incidents',
    intro: 'Open an incident with a severity, follow its timeline and write its report.',
    routes: ['/v1/incidents'],
  },
  charts: {
    title: 'Program charts',
    intro:
      'Program-wide volume over time. Aggregates only, over enough people that no one stands out: Steno shows no per-person figure to anyone but that person.',
    routes: ['/v1/program/metrics'],
  },
  datasets: {
    title: 'Datasets',
    intro: 'Dataset specs, builds with progress, dataset cards and downloads of de-identified trajectories.',
    routes: ['/v1/datasets'],
  },
} as const;

export function NotYetPage(props: { page: keyof typeof NOT_YET }) {
  const p = NOT_YET[props.page];
  return (
    <Page title={p.title} intro={p.intro}>
      <Section title="Not available yet">
        <p class="message warn" data-testid="not-available">
          This page is not available yet: the server does not offer {p.routes.join(', ')} so far.
        </p>
      </Section>
    </Page>
  );
}
