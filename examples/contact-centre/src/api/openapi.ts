import { z } from 'zod';
import { problemTypes } from '../http/problem.js';

/** One operation of the JSON API, described from the same zod schemas that validate it. */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path template, e.g. `/cases/{caseId}`. */
  path: string;
  operationId: string;
  summary: string;
  /** Needs a signed-in session (cookie) and, for writes, the X-CSRF-Token header. Default: `true`. */
  authenticated?: boolean;
  request?: z.ZodType;
  query?: z.ZodObject;
  response?: { status: number; description: string; schema?: z.ZodType };
  /** Needs an Idempotency-Key header: a repeat with the same key returns the first outcome. Default: `false`. */
  idempotencyKey?: boolean;
  /** Problem types this operation can answer with, beyond the common ones. */
  problems?: Array<keyof typeof problemTypes>;
}

const problemSchema = z.object({
  type: z.string().describe('A stable URI reference naming the problem, e.g. /problems/validation-failed'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  reason: z.string().optional().describe('For /problems/not-eligible: the name of the case type guard that refused, stable across wording changes'),
  transition: z.string().optional().describe('For /problems/not-eligible: the first-contact transition that was checked'),
});

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' });
const inputSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });

/** Build the OpenAPI 3.1 description of the JSON API from its operations. */
export function buildOpenApi(operations: ApiOperation[], info: { title: string; version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const authenticated = op.authenticated ?? true;
    const problems = new Set<keyof typeof problemTypes>([
      'internal-error',
      ...(authenticated ? (['unauthenticated'] as const) : []),
      ...(authenticated && op.method !== 'get' ? (['csrf-failed'] as const) : []),
      ...(op.request ? (['malformed-json', 'unsupported-media-type', 'validation-failed', 'payload-too-large'] as const) : []),
      ...(op.problems ?? []),
    ]);
    const responses: Record<string, unknown> = {};
    if (op.response) {
      responses[String(op.response.status)] = {
        description: op.response.description,
        ...(op.response.schema ? { content: { 'application/json': { schema: jsonSchema(op.response.schema) } } } : {}),
      };
    }
    for (const type of problems) {
      const { status, title } = problemTypes[type];
      const key = String(status);
      const existing = responses[key] as { description: string } | undefined;
      responses[key] = {
        description: existing ? `${existing.description}; ${title}` : title,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(op.query
        ? Object.entries(op.query.shape).map(([name, schema]) => ({
            name,
            in: 'query',
            required: !(schema as z.ZodType).safeParse(undefined).success,
            schema: inputSchema(schema as z.ZodType),
          }))
        : []),
      ...(op.idempotencyKey
        ? [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 8, maxLength: 128 }, description: 'Unique per intended write; a repeat returns the first outcome.' }]
        : []),
      ...(authenticated && op.method !== 'get'
        ? [{ name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' }, description: 'The csrfToken from GET /api/session.' }]
        : []),
    ];
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(op.request ? { requestBody: { required: true, content: { 'application/json': { schema: inputSchema(op.request) } } } } : {}),
      responses,
      ...(authenticated ? { security: [{ session: [] }] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: { ...info, description: 'The JSON API of the councilkit contact centre. Every error is RFC 9457 problem+json.' },
    servers: [{ url: '/api' }],
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema) },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'councilkit_session' } },
    },
  };
}
