import { ConnectError, describeIssues } from '../errors.js';
import { problemDetailsSchema, PROBLEM_CONTENT_TYPE } from '../problem.js';
import type { SampleValues, StandardInterface, StandardOperation } from '../standard-interface.js';
import { defineStandardInterface } from '../standard-interface.js';
import { isBackOfficeStatus, updatesPageSchema } from '../status.js';
import { formatConformanceReport } from './format-report.js';

/**
 * Options for {@link runConformance}.
 *
 * @example
 * ```ts
 * const options: ConformanceOptions = { baseUrl: 'http://localhost:4010/api/v1', interface: wasteInterface, headers: { authorization: 'Bearer test' } };
 * ```
 */
export interface ConformanceOptions {
  /**
   * Base URL of the implementation under test, e.g. `http://localhost:4010/api/v1`.
   * Optional when `fetch` is given (an in-process app): default `http://localhost`.
   */
  baseUrl?: string;
  /** The description of the standard interface to check against. */
  interface: StandardInterface;
  /** The fetch to use (e.g. a test server's, or one with authentication). Default: `globalThis.fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Headers sent with every request, e.g. authorisation. */
  headers?: Record<string, string>;
  /** Per-request timeout in milliseconds. Default `10000`. */
  timeoutMs?: number;
  /** Only check these operations. Default: all. */
  operations?: readonly string[];
  /** Makes idempotency keys unique per run. Default: a random UUID. */
  runId?: string;
}

/**
 * One check's result.
 *
 * @example
 * ```ts
 * const failed: ConformanceCheck[] = report.checks.filter((check) => !check.ok);
 * ```
 */
export interface ConformanceCheck {
  /** Stable id, e.g. `reportMissedCollection.idempotent-replay`. */
  id: string;
  /** The operation checked (`updates` for the updates feed). */
  operation: string;
  /** Whether it passed. */
  ok: boolean;
  /** What was seen, readable by the supplier's developer. */
  detail: string;
}

/**
 * The result of {@link runConformance}.
 *
 * @example
 * ```ts
 * const report: ConformanceReport = await runConformance({ baseUrl, interface: wasteInterface });
 * if (!report.passed) console.error(report.text);
 * ```
 */
export interface ConformanceReport {
  /** Interface name. */
  interface: string;
  /** Interface version. */
  version: string;
  /** Where it ran. */
  baseUrl: string;
  /** True when every check passed. */
  passed: boolean;
  /** Every check, in the order run. */
  checks: ConformanceCheck[];
  /** A readable text report (see {@link formatConformanceReport}). */
  text: string;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
  isJson: boolean;
}

const unknownNumber = 999_999_999_999;

/**
 * Run the conformance suite: check that an implementation of a standard
 * interface (a supplier's back office, a council's middleware or a mock)
 * honours the contract. For every operation it checks that the sample request
 * succeeds with a body matching the schema; that an unknown id and an invalid
 * body are refused with RFC 9457 problem+json carrying a stable `type`; that
 * writes honour `Idempotency-Key` (same key and body: the same answer; same
 * key, different body: 409 or 422); that reported statuses are in the shared
 * vocabulary; and that `updates?since=<cursor>` pages forward.
 *
 * Never throws for the implementation's mistakes: they are failed checks.
 *
 * @example
 * ```ts
 * import { runConformance } from '@councilkit/connect/conformance';
 * import { wasteInterface } from '@councilkit/waste/mock';
 *
 * const report = await runConformance({ baseUrl: 'https://waste.supplier.example/api/v1', interface: wasteInterface });
 * console.log(report.text);
 * process.exitCode = report.passed ? 0 : 1;
 *
 * // An in-process app (e.g. Hono) needs no server:
 * await runConformance({ fetch: (input, init) => app.fetch(new Request(input, init)), interface: wasteInterface });
 * ```
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const description = defineStandardInterface(options.interface);
  if (options.baseUrl === undefined && options.fetch === undefined) {
    throw new ConnectError('invalid-options', 'Give baseUrl, fetch, or both');
  }
  let base: URL;
  try {
    base = new URL(options.baseUrl ?? 'http://localhost');
  } catch {
    throw new ConnectError('invalid-options', `baseUrl "${String(options.baseUrl)}" is not an absolute URL`);
  }
  const baseUrl = base.href.replace(/\/+$/, '');
  const runId = options.runId ?? crypto.randomUUID();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const checks: ConformanceCheck[] = [];
  let keyCounter = 0;
  const freshKey = (operation: string) => `conformance-${runId}-${operation}-${(keyCounter += 1)}`;

  const record = (operation: string, name: string, ok: boolean, detail: string) => {
    checks.push({ id: `${operation}.${name}`, operation, ok, detail });
  };

  async function send(
    method: string,
    path: string,
    request: { params?: SampleValues | undefined; query?: SampleValues | undefined; body?: unknown; idempotencyKey?: string },
  ): Promise<Answer | string> {
    const filled = path.replace(/\{([^}]+)\}/g, (_whole, name: string) => encodeURIComponent(String(request.params?.[name] ?? '')));
    const url = new URL(baseUrl + filled);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json, */*', ...options.headers };
    const hasBody = request.body !== undefined;
    if (hasBody) headers['content-type'] = 'application/json';
    if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    const doFetch = options.fetch ?? globalThis.fetch;
    try {
      const response = await doFetch(url, {
        method,
        headers,
        signal: AbortSignal.timeout(timeoutMs),
        ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
      });
      const text = await response.text();
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      let json: unknown;
      let isJson = false;
      try {
        json = JSON.parse(text);
        isJson = true;
      } catch {
        json = undefined;
      }
      return { status: response.status, contentType, text, json, isJson };
    } catch (error) {
      return `${method} ${url.pathname}${url.search} failed: ${(error as Error)?.message ?? String(error)}`;
    }
  }

  /** Check an error answer is problem+json with a type; returns the type or a failure text. */
  function problemOf(answer: Answer, allowed: readonly number[]): { ok: true; type: string } | { ok: false; why: string } {
    if (!allowed.includes(answer.status)) return { ok: false, why: `expected HTTP ${allowed.join(' or ')}, got ${answer.status}${excerpt(answer.text)}` };
    if (answer.contentType !== PROBLEM_CONTENT_TYPE) return { ok: false, why: `HTTP ${answer.status} but content-type is "${answer.contentType}", not ${PROBLEM_CONTENT_TYPE}` };
    const problem = problemDetailsSchema.safeParse(answer.json);
    if (!answer.isJson || !problem.success) return { ok: false, why: `HTTP ${answer.status} problem body is not a problem details object${excerpt(answer.text)}` };
    const raw = (answer.json as { type?: unknown }).type;
    if (typeof raw !== 'string' || raw === '' || raw === 'about:blank') {
      return { ok: false, why: `HTTP ${answer.status} problem has no stable "type" (got ${JSON.stringify(raw)}); give each kind of error its own type URI` };
    }
    if (problem.data.status !== undefined && problem.data.status !== answer.status) {
      return { ok: false, why: `problem body says status ${problem.data.status} but the response is HTTP ${answer.status}` };
    }
    return { ok: true, type: raw };
  }

  function checkSuccess(name: string, operation: StandardOperation, answer: Answer | string): { ok: boolean; detail: string; body?: unknown } {
    if (typeof answer === 'string') return { ok: false, detail: answer };
    if (answer.status < 200 || answer.status > 299) return { ok: false, detail: `expected a 2xx answer to the sample request, got HTTP ${answer.status}${excerpt(answer.text)}` };
    const expectedType = (operation.contentType ?? 'application/json').toLowerCase();
    if (answer.contentType !== expectedType) return { ok: false, detail: `HTTP ${answer.status} with content-type "${answer.contentType}", expected ${expectedType}` };
    const body = expectedType === 'application/json' ? answer.json : answer.text;
    if (expectedType === 'application/json' && !answer.isJson) return { ok: false, detail: `HTTP ${answer.status} body is not JSON${excerpt(answer.text)}` };
    const parsed = operation.response.safeParse(body);
    if (!parsed.success) return { ok: false, detail: `HTTP ${answer.status} body does not match the ${name} response schema: ${describeIssues(parsed.error.issues)}` };
    return { ok: true, detail: `HTTP ${answer.status}, body matches the schema`, body: parsed.data };
  }

  const selected = Object.entries(description.operations).filter(([name]) => options.operations === undefined || options.operations.includes(name));

  for (const [name, operation] of selected) {
    const write = operation.write ?? operation.method !== 'GET';
    const key = write ? freshKey(name) : undefined;
    const request = { params: operation.params, query: operation.query, body: operation.body, ...(key ? { idempotencyKey: key } : {}) };
    const first = await send(operation.method, operation.path, request);
    const success = checkSuccess(name, operation, first);
    record(name, 'responds', success.ok, success.detail);

    if (success.ok && operation.statuses) {
      let statuses: readonly string[] = [];
      try {
        statuses = operation.statuses(success.body);
      } catch (error) {
        record(name, 'statuses', false, `could not read statuses from the answer: ${(error as Error)?.message ?? String(error)}`);
      }
      const outside = statuses.filter((status) => !isBackOfficeStatus(status));
      record(
        name,
        'statuses',
        outside.length === 0,
        outside.length === 0 ? `statuses ${statuses.map((s) => `"${s}"`).join(', ') || '(none)'} are in the vocabulary` : `statuses not in the vocabulary: ${outside.map((s) => `"${s}"`).join(', ')}`,
      );
    }

    if (write && key && typeof first !== 'string' && success.ok) {
      const replay = await send(operation.method, operation.path, request);
      if (typeof replay === 'string') record(name, 'idempotent-replay', false, replay);
      else if (replay.status !== first.status) {
        record(name, 'idempotent-replay', false, `the same Idempotency-Key and body gave HTTP ${replay.status} the second time, HTTP ${first.status} the first`);
      } else if (stableJson(replay.isJson ? replay.json : replay.text) !== stableJson(first.isJson ? first.json : first.text)) {
        record(name, 'idempotent-replay', false, `the same Idempotency-Key and body gave a different answer the second time (a duplicate effect?): ${difference(first.json, replay.json)}`);
      } else {
        record(name, 'idempotent-replay', true, `the same Idempotency-Key and body gave the first answer again (HTTP ${replay.status})`);
      }

      if (operation.body !== undefined) {
        if (operation.alternateBody === undefined) {
          record(name, 'idempotency-conflict', false, 'the description gives no alternateBody, so key reuse with a different body cannot be checked');
        } else {
          const conflict = await send(operation.method, operation.path, { ...request, body: operation.alternateBody });
          if (typeof conflict === 'string') record(name, 'idempotency-conflict', false, conflict);
          else {
            const verdict = problemOf(conflict, [409, 422]);
            record(
              name,
              'idempotency-conflict',
              verdict.ok,
              verdict.ok ? `reusing the key with a different body was refused (HTTP ${conflict.status}, ${verdict.type})` : `reusing the key with a different body: ${verdict.why}`,
            );
          }
        }
      }
    }

    const hasParams = Object.keys(operation.params ?? {}).length > 0;
    if (hasParams || operation.unknownQuery) {
      const params = operation.unknownParams ?? (hasParams ? madeUp(operation.params ?? {}) : operation.params);
      const query = operation.unknownQuery ?? operation.query;
      const explicit = operation.unknownParams !== undefined || operation.unknownQuery !== undefined;
      const allowed = explicit ? [404] : [400, 404, 422];
      const notFound = { params, query, body: operation.body };
      const one = await send(operation.method, operation.path, { ...notFound, ...(write ? { idempotencyKey: freshKey(name) } : {}) });
      const two = await send(operation.method, operation.path, { ...notFound, ...(write ? { idempotencyKey: freshKey(name) } : {}) });
      if (typeof one === 'string' || typeof two === 'string') record(name, 'not-found', false, typeof one === 'string' ? one : String(two));
      else {
        const a = problemOf(one, allowed);
        const b = problemOf(two, allowed);
        if (!a.ok) record(name, 'not-found', false, `asking for an unknown id: ${a.why}`);
        else if (!b.ok) record(name, 'not-found', false, `asking for an unknown id the second time: ${b.why}`);
        else if (a.type !== b.type) record(name, 'not-found', false, `the problem type is not stable: "${a.type}" then "${b.type}"`);
        else record(name, 'not-found', true, `an unknown id gives HTTP ${one.status} problem+json, type ${a.type}`);
      }
    }

    if (write && operation.body !== undefined) {
      const invalid = await send(operation.method, operation.path, {
        params: operation.params,
        query: operation.query,
        body: operation.invalidBody ?? {},
        idempotencyKey: freshKey(name),
      });
      if (typeof invalid === 'string') record(name, 'invalid-body', false, invalid);
      else {
        const verdict = problemOf(invalid, [400, 422]);
        record(name, 'invalid-body', verdict.ok, verdict.ok ? `an invalid body gives HTTP ${invalid.status} problem+json, type ${verdict.type}` : `sending an invalid body: ${verdict.why}`);
      }
    }
  }

  if (description.updates && options.operations === undefined) {
    const path = description.updates.path ?? '/updates';
    const first = await send('GET', path, {});
    const page = typeof first === 'string' ? undefined : updatesPageSchema.safeParse(first.json);
    if (typeof first === 'string') record('updates', 'page', false, first);
    else if (first.status !== 200) record('updates', 'page', false, `GET ${path} gave HTTP ${first.status}${excerpt(first.text)}`);
    else if (!page?.success) record('updates', 'page', false, `GET ${path} body is not an updates page: ${page ? describeIssues(page.error.issues) : ''}`);
    else {
      record('updates', 'page', true, `GET ${path} gave ${page.data.updates.length} update(s) and a cursor`);
      const outside = page.data.updates.filter((update) => !isBackOfficeStatus(update.status));
      record(
        'updates',
        'statuses',
        outside.length === 0,
        outside.length === 0 ? 'every update status is in the vocabulary' : `update statuses not in the vocabulary: ${outside.map((u) => `"${u.status}" (${u.id})`).join(', ')}`,
      );
      const second = await send('GET', path, { query: { since: page.data.cursor } });
      const next = typeof second === 'string' ? undefined : updatesPageSchema.safeParse(second.json);
      if (typeof second === 'string') record('updates', 'since', false, second);
      else if (second.status !== 200 || !next?.success) {
        record('updates', 'since', false, `GET ${path}?since=${page.data.cursor} gave HTTP ${second.status}${next && !next.success ? `: ${describeIssues(next.error.issues)}` : excerpt(second.text)}`);
      } else {
        const seen = new Set(page.data.updates.map((update) => update.id));
        const repeated = next.data.updates.filter((update) => seen.has(update.id));
        record(
          'updates',
          'since',
          repeated.length === 0,
          repeated.length === 0
            ? `since=<cursor> returned only newer updates (${next.data.updates.length})`
            : `since=<cursor> repeated update(s) already returned: ${repeated.map((u) => u.id).join(', ')}`,
        );
      }
    }
  }

  const report = {
    interface: description.name,
    version: description.version,
    baseUrl,
    passed: checks.length > 0 && checks.every((check) => check.ok),
    checks,
    text: '',
  };
  report.text = formatConformanceReport(report);
  return report;
}

function madeUp(params: SampleValues): SampleValues {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, typeof value === 'number' ? unknownNumber : `${String(value)}-unknown`]),
  );
}

function excerpt(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return '';
  return `: ${trimmed.length > 160 ? `${trimmed.slice(0, 160)}...` : trimmed}`;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

function difference(first: unknown, second: unknown, path = ''): string {
  if (stableJson(first) === stableJson(second)) return 'no difference';
  if (first && second && typeof first === 'object' && typeof second === 'object' && !Array.isArray(first) && !Array.isArray(second)) {
    const keys = new Set([...Object.keys(first), ...Object.keys(second)]);
    for (const key of keys) {
      const a = (first as Record<string, unknown>)[key];
      const b = (second as Record<string, unknown>)[key];
      if (stableJson(a) !== stableJson(b)) return difference(a, b, path ? `${path}.${key}` : key);
    }
  }
  const show = (value: unknown) => {
    const text = JSON.stringify(value) ?? 'undefined';
    return text.length > 60 ? `${text.slice(0, 60)}...` : text;
  };
  return `${path || 'body'} was ${show(first)}, then ${show(second)}`;
}
