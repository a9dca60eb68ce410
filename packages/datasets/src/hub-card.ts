/**
 * The dataset card as a dataset hub reads it (issue 17): the Markdown card of `dataset-card.ts`
 * under YAML front matter in the Hugging Face Hub's dataset-card format — `configs` pointing the
 * loader at the Parquet split file, `dataset_info.features` declaring the columns (the screenshot
 * as `dtype: image`), and the task categories, tags and size category the Hub indexes.
 */
import { stringify } from 'yaml';
import { renderDatasetCard } from './dataset-card.ts';
import { HUB_COLUMNS, HUB_FILE } from './hub-parquet.ts';
import type { DatasetManifest } from './manifest.ts';

export const HUB_CARD_FILE = 'README.md';

/** The Hub's size buckets (by rows, here steps). */
function sizeCategory(n: number): string {
  const buckets: [number, string][] = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
    [1e7, '1M<n<10M'],
    [1e8, '10M<n<100M'],
  ];
  for (const [limit, name] of buckets) if (n < limit) return name;
  return 'n>1T';
}

/** The front matter as an object (tests read it back). */
export function hubCardMetadata(manifest: DatasetManifest): Record<string, unknown> {
  return {
    pretty_name: manifest.name,
    // the organisation decides the licence; Steno cannot know it
    license: 'other',
    task_categories: ['image-text-to-text'],
    tags: ['computer-use', 'gui-agent', 'trajectories', 'pyautogui'],
    size_categories: [sizeCategory(manifest.counts.steps)],
    configs: [{ config_name: 'default', data_files: [{ split: 'train', path: HUB_FILE }] }],
    dataset_info: {
      features: HUB_COLUMNS.map(([name, , dtype]) => ({ name, dtype })),
      splits: [{ name: 'train', num_examples: manifest.counts.steps }],
    },
  };
}

export function renderHubCard(manifest: DatasetManifest): string {
  return `---\n${stringify(hubCardMetadata(manifest))}---\n\n${renderDatasetCard(manifest)}`;
}
