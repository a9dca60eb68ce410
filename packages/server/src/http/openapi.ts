/** The OpenAPI 3.1 description of the API, generated from the same zod schemas the server parses with. */
import { ERROR_CODES, ErrorResponse } from '@steno/protocol';
import { z } from 'zod';
import { STATUS_OF } from './error-status.ts';
import type { RouteDef } from './route-table.ts';

const toSchema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });

export function openApiDocument(routes: readonly RouteDef[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.summary,
      operationId: `${r.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+/g, '_')}`,
      'x-steno-action': r.action ?? r.guarded ?? null,
      // `{}` beside bearer: the credential is optional (OpenAPI's way of saying so).
      security: r.auth === 'token' ? [{ bearer: [] }] : r.auth === 'optional' ? [{ bearer: [] }, {}] : [],
      responses: {
        [String(r.successStatus ?? 200)]: {
          description: 'success',
          content: { 'application/json': { schema: toSchema(r.response, 'output') } },
        },
        default: {
          description: 'error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
    if (r.body)
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: toSchema(r.body, 'input') } },
      };
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['query', r.query],
      ['path', r.params],
    ] as const) {
      if (!schema) continue;
      const js = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (js.required ?? []).includes(name),
          schema: s,
        });
      }
    }
    if (parameters.length) op.parameters = parameters;
    paths[path] = { ...(paths[path] ?? {}), [r.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Steno API',
      version: '1',
      description: 'Consented, privacy-first capture of computer use.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: toSchema(ErrorResponse, 'output') },
    },
    'x-steno-error-codes': Object.fromEntries(
      Object.entries(ERROR_CODES).map(([code, description]) => [
        code,
        { status: STATUS_OF[code as keyof typeof ERROR_CODES], description },
      ]),
    ),
  };
}
