import { z } from 'zod';

/**
 * Forms generated from a case type's zod schema. The schema is read through
 * its JSON Schema (`z.toJSONSchema`), which is zod's public description of
 * itself, and the answers are validated with the zod schema itself, so the
 * form can never accept what the case type would refuse.
 */

/** One question on a generated form, ready for a GOV.UK macro. */
export interface FormField {
  /** Form field name; nested objects use dots (`address.line1`). */
  name: string;
  /** DOM id: the name with dots turned into dashes. */
  id: string;
  label: string;
  hint: string | undefined;
  /**
   * `lines` is a list of short strings, typed one a line in a textarea.
   * `select` is a string chosen from a list given to {@link fieldsFor} (`choices`).
   * `rows` is a list of small objects, asked as a fixed number of repeated rows of `columns`.
   */
  kind: 'text' | 'number' | 'textarea' | 'lines' | 'date' | 'radios' | 'checkboxes' | 'email' | 'select' | 'rows';
  required: boolean;
  options: Array<{ value: string; text: string }>;
  maxLength: number | undefined;
  /** For `rows`: the questions in each row, named relative to the row (`itemId`). */
  columns?: FormField[];
  /** For `rows`: how many rows the form offers. Blank rows are left out of the answer. */
  rowCount?: number;
}

/** What a person typed, by field name, ready to put back in the form. */
export type FormValues = Record<string, string | string[]>;

/** A field error in the GOV.UK style: the message and the field it belongs to. */
export interface FieldError {
  name: string;
  /** Link target for the error summary. */
  href: string;
  text: string;
}

interface JsonSchemaNode {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  maxLength?: number;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  maxItems?: number;
}

/** "missedOn" or "missed-on" -> "Missed on". */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase();
  const text = words.charAt(0).toUpperCase() + words.slice(1);
  return text.replace(/\buprn\b/gi, 'UPRN').replace(/\bvrm\b/gi, 'VRM').replace(/\bpcn\b/gi, 'PCN').replace(/\busrn\b/gi, 'USRN');
}

/** How {@link fieldsFor} words and shapes questions beyond what the schema says. */
export interface FieldOptions {
  /** Labels by field name (dotted for nested objects and row columns: `items.quantity`). */
  labels?: Record<string, string>;
  /** Top-level properties not to ask (the page supplies them: see `fixed` in {@link readForm}). */
  omit?: string[];
  /** Words for enum values, by field name then value. */
  optionLabels?: Record<string, Record<string, string>>;
  /** Turn a string field into a choice from this list, by field name (`items.itemId` for a row column). */
  choices?: Record<string, Array<{ value: string; text: string }>>;
  /** Rows offered for a list of objects, by field name. Default: 3, or fewer when the schema allows fewer. */
  rows?: Record<string, number>;
}

function fieldFrom(name: string, node: JsonSchemaNode, required: boolean, options: FieldOptions, path = name): FormField[] {
  const labels = options.labels ?? {};
  const optionLabels = options.optionLabels ?? {};
  // Optional-with-null shows up as anyOf [x, null]: take the non-null branch.
  const chosen = node.anyOf?.find((branch) => branch.type !== 'null') ?? node;
  const base = {
    name,
    id: name.replaceAll('.', '-'),
    label: labels[path] ?? chosen.title ?? node.title ?? humanise(name.split('.').pop() ?? name),
    hint: chosen.description ?? node.description,
    required,
    options: [] as FormField['options'],
    maxLength: chosen.maxLength,
  };
  if (chosen.const !== undefined) return [];
  if (chosen.type === 'object' && chosen.properties) {
    const inner = new Set(chosen.required ?? []);
    return Object.entries(chosen.properties).flatMap(([key, child]) =>
      fieldFrom(`${name}.${key}`, child, required && inner.has(key), options, `${path}.${key}`),
    );
  }
  if (chosen.type === 'array' && chosen.items?.type === 'object' && chosen.items.properties) {
    const inner = new Set(chosen.items.required ?? []);
    const columns = Object.entries(chosen.items.properties).flatMap(([key, child]) => fieldFrom(key, child, inner.has(key), options, `${path}.${key}`));
    const rowCount = Math.max(1, Math.min(options.rows?.[path] ?? 3, chosen.maxItems ?? Number.POSITIVE_INFINITY));
    return [{ ...base, kind: 'rows', columns, rowCount }];
  }
  const choices = options.choices?.[path];
  if (choices && chosen.type === 'string') return [{ ...base, kind: 'select', options: choices }];
  if (Array.isArray(chosen.enum)) {
    return [{ ...base, kind: 'radios', options: chosen.enum.map((v) => ({ value: String(v), text: optionLabels[path]?.[String(v)] ?? humanise(String(v)) })) }];
  }
  if (chosen.type === 'array' && Array.isArray(chosen.items?.enum)) {
    return [{ ...base, kind: 'checkboxes', options: chosen.items.enum.map((v) => ({ value: String(v), text: optionLabels[path]?.[String(v)] ?? humanise(String(v)) })) }];
  }
  if (chosen.type === 'array' && chosen.items?.type === 'string') return [{ ...base, kind: 'lines', maxLength: chosen.items.maxLength }];
  if (chosen.type === 'boolean') {
    return [{ ...base, kind: 'radios', options: [{ value: 'true', text: 'Yes' }, { value: 'false', text: 'No' }] }];
  }
  if (chosen.type === 'integer' || chosen.type === 'number') return [{ ...base, kind: 'number' }];
  if (chosen.type === 'string' && chosen.format === 'date') return [{ ...base, kind: 'date' }];
  if (chosen.type === 'string' && chosen.format === 'email') return [{ ...base, kind: 'email' }];
  if (chosen.type === 'string') return [{ ...base, kind: (chosen.maxLength ?? 1000) > 200 ? 'textarea' : 'text' }];
  return [];
}

/**
 * The questions for a zod object schema, in the schema's order.
 *
 * @example
 * ```ts
 * fieldsFor(z.object({ service: z.enum(['refuse', 'recycling']) }));
 * // [{ name: 'service', kind: 'radios', options: [{ value: 'refuse', text: 'Refuse' }, ...] }]
 * ```
 */
export function fieldsFor(schema: z.ZodType, options: FieldOptions = {}): FormField[] {
  return fieldsFromJson(inputJsonSchema(schema) as JsonSchemaNode, options);
}

function fieldsFromJson(json: JsonSchemaNode, options: FieldOptions): FormField[] {
  const required = new Set(json.required ?? []);
  const omit = new Set(options.omit ?? []);
  return Object.entries(json.properties ?? {})
    .filter(([key]) => !omit.has(key))
    .flatMap(([key, node]) => fieldFrom(key, node, required.has(key), options));
}

/**
 * The JSON Schema of what a form or an API caller sends for a zod schema
 * (its input side). Parts JSON Schema cannot express, such as transforms and
 * custom checks, come out as `{}` instead of failing; the zod schema itself
 * still checks every answer.
 *
 * @example
 * ```ts
 * inputJsonSchema(z.object({ uprn: z.string() })); // { type: 'object', properties: { uprn: { type: 'string' } }, required: ['uprn'], ... }
 * ```
 */
export function inputJsonSchema(schema: z.ZodType) {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

/**
 * The required top-level answers a generated form cannot ask: empty when
 * {@link fieldsFor} covers everything the schema requires.
 *
 * @example
 * ```ts
 * const raiseFromRecord = unaskedRequired(caseType.schema).length > 0; // no form can ask it: raise it where its record is looked up
 * ```
 */
export function unaskedRequired(schema: z.ZodType): string[] {
  const json = inputJsonSchema(schema) as JsonSchemaNode;
  const asked = new Set(fieldsFromJson(json, {}).map((field) => field.name.split('.')[0]));
  return (json.required ?? []).filter((key) => !asked.has(key));
}

/** Collect a field's raw value from a submitted form, joining the three parts of a GOV.UK date input. */
function rawValue(field: FormField, form: URLSearchParams): string | string[] {
  if (field.kind === 'checkboxes') return form.getAll(field.name).map((v) => v.trim());
  if (field.kind === 'date') {
    const day = (form.get(`${field.name}-day`) ?? '').trim();
    const month = (form.get(`${field.name}-month`) ?? '').trim();
    const year = (form.get(`${field.name}-year`) ?? '').trim();
    if (!day && !month && !year) return '';
    return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  }
  return (form.get(field.name) ?? '').trim();
}

function coerce(field: FormField, raw: string | string[]): unknown {
  if (Array.isArray(raw)) return raw;
  // A required list left blank is an empty list (nothing outstanding), not a missing answer.
  if (raw === '') return field.kind === 'lines' && field.required ? [] : undefined;
  if (field.kind === 'lines') return raw.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (field.kind === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (field.options.length === 2 && field.options[0]?.value === 'true') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  if (value !== undefined) node[path[path.length - 1]!] = value;
}

// An optional nested object left blank must be absent, not an empty object the schema would refuse.
function pruneEmpty(node: Record<string, unknown>): boolean {
  for (const [key, value] of Object.entries(node)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && pruneEmpty(value as Record<string, unknown>)) delete node[key];
  }
  return Object.keys(node).length === 0;
}

function messageFor(field: FormField | undefined, issue: z.core.$ZodIssue, input: unknown): string {
  // A rule the schema words itself ("Enter the date the discount should end") says it best.
  if (issue.code === 'custom' && field) return issue.message;
  const label = field?.label.toLowerCase() ?? 'this';
  if (field?.kind === 'rows' && (issue.code === 'too_small' || input === undefined)) return `Enter at least one row of ${label}`;
  if (field?.kind === 'rows' && issue.code === 'too_big') return `Enter no more than ${field.rowCount} rows of ${label}`;
  const missing = issue.code === 'invalid_type' && input === undefined;
  if (missing) return field?.kind === 'radios' || field?.kind === 'checkboxes' || field?.kind === 'select' ? `Select ${label}` : `Enter ${label}`;
  if (field?.kind === 'date') return `Enter a real date for ${label}`;
  if (field?.kind === 'number' && issue.code === 'invalid_type') return `${field.label} must be a number`;
  if (field?.kind === 'number' && issue.code === 'too_big') return `${field.label} must be ${String(issue.maximum)} or less`;
  if (field?.kind === 'number' && issue.code === 'too_small') return `${field.label} must be ${String(issue.minimum)} or more`;
  if (issue.code === 'too_big' && field?.maxLength) return `${field.label} must be ${field.maxLength} characters or fewer`;
  if (issue.code === 'invalid_value' || issue.code === 'invalid_format' || issue.code === 'invalid_type') return `Enter a valid ${label}`;
  return issue.message;
}

/** The outcome of reading a generated form. */
export type FormResult<T> =
  | { ok: true; data: T; values: FormValues }
  | { ok: false; errors: FieldError[]; values: FormValues };

/** A list-of-objects field: one entry per row with any answer, and where each entry came from on the form. */
function readRows(field: FormField, form: URLSearchParams, values: FormValues): { items: Array<Record<string, unknown>>; formRows: number[] } {
  const items: Array<Record<string, unknown>> = [];
  const formRows: number[] = [];
  for (let row = 0; row < (field.rowCount ?? 0); row += 1) {
    const item: Record<string, unknown> = {};
    let answered = false;
    for (const column of field.columns ?? []) {
      const raw = rawValue({ ...column, name: `${field.name}.${row}.${column.name}` }, form);
      values[`${field.name}.${row}.${column.name}`] = raw;
      if (raw !== '' && !(Array.isArray(raw) && raw.length === 0)) answered = true;
      const value = coerce({ ...column, required: false }, raw);
      if (value !== undefined) item[column.name] = value;
    }
    if (answered) {
      items.push(item);
      formRows.push(row);
    }
  }
  return { items, formRows };
}

/** What {@link readForm} adds to the answers before validating. */
export interface ReadOptions {
  /**
   * Data the page supplies rather than asks (an account's adults, a slot the
   * back office held), merged under the answers. A problem with it links to
   * the top of the page.
   */
  fixed?: Record<string, unknown>;
}

/**
 * Read a submitted form against the zod schema it was generated from.
 * Never throws: every problem becomes a GOV.UK field error.
 *
 * @example
 * ```ts
 * const fields = fieldsFor(schema);
 * const result = readForm(schema, fields, new URLSearchParams(await request.text()));
 * if (!result.ok) showErrors(result.errors, result.values);
 * ```
 */
export function readForm<S extends z.ZodType>(schema: S, fields: FormField[], form: URLSearchParams, options: ReadOptions = {}): FormResult<z.output<S>> {
  const values: FormValues = {};
  const input: Record<string, unknown> = {};
  const rowsOf = new Map<string, number[]>();
  for (const field of fields) {
    if (field.kind === 'rows') {
      const { items, formRows } = readRows(field, form, values);
      rowsOf.set(field.name, formRows);
      input[field.name] = items;
      continue;
    }
    const raw = rawValue(field, form);
    values[field.name] = raw;
    if (field.kind === 'date') {
      values[`${field.name}-day`] = form.get(`${field.name}-day`) ?? '';
      values[`${field.name}-month`] = form.get(`${field.name}-month`) ?? '';
      values[`${field.name}-year`] = form.get(`${field.name}-year`) ?? '';
    }
    setPath(input, field.name.split('.'), coerce(field, raw));
  }
  pruneEmpty(input);
  const result = schema.safeParse({ ...options.fixed, ...input });
  if (result.success) return { ok: true, data: result.data, values };
  const byName = new Map(fields.map((f) => [f.name, f]));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    const rows = byName.get(path[0] ?? '');
    // A problem inside one row belongs to that row's question, as numbered on the form.
    if (rows?.kind === 'rows' && path.length >= 3) {
      const row = rowsOf.get(rows.name)?.[Number(path[1])] ?? 0;
      const column = rows.columns?.find((col) => col.name === path[2]);
      const name = `${rows.name}.${row}.${path[2]}`;
      if (seen.has(name)) continue;
      seen.add(name);
      const given = (input[rows.name] as Array<Record<string, unknown>>)[Number(path[1])]?.[path[2]!];
      const text = messageFor(column && { ...column, label: `${column.label} in row ${row + 1}` }, issue, given);
      errors.push({ name, href: `#${rows.id}-${row}-${(column?.id ?? path[2])!}`, text });
      continue;
    }
    // An item of a list belongs to the list's field; a rule on a whole nested object links to its first question.
    while (path.length > 1 && !byName.has(path.join('.')) && /^\d+$/.test(path[path.length - 1]!)) path.pop();
    const name = path.join('.');
    if (seen.has(name)) continue;
    seen.add(name);
    const field = byName.get(name);
    const target = field ?? fields.find((f) => f.name.startsWith(`${name}.`));
    const given = path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key], input);
    const id = target ? (target.kind === 'date' ? `${target.id}-day` : target.kind === 'rows' ? `${target.id}-0-${target.columns?.[0]?.id ?? ''}` : target.id) : 'main-content';
    errors.push({ name: field ? name : (target?.name ?? name), href: `#${id}`, text: messageFor(field ?? (issue.code === 'custom' ? undefined : target), issue, given) });
  }
  return { ok: false, errors, values };
}
