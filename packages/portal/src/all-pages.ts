/**
 * Reads every page of a list of my own data (issue 20): `/v1/me/events` and `/v1/me/access` answer
 * in pages with a `nextCursor`; the portal follows it to the end, so nothing is silently left out.
 */
import { type ApiResult, api, query } from './api.ts';

export async function readAllPages<P extends { nextCursor: string | null }>(
  path: string,
  params: Record<string, string | number | undefined>,
  merge: (pages: P[]) => P,
): Promise<ApiResult<P>> {
  const pages: P[] = [];
  let cursor: string | undefined;
  let status = 200;
  do {
    const res = await api.get<P>(`${path}${query({ ...params, cursor })}`);
    if (!res.ok) return res;
    pages.push(res.value);
    status = res.status;
    cursor = res.value.nextCursor ?? undefined;
  } while (cursor);
  return { ok: true, value: merge(pages), status };
}
