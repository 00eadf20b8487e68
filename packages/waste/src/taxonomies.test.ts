import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createWasteClient } from './client.js';
import { COLLECTION_EVENT_DETAILS, COLLECTION_EVENT_TYPES, MATERIAL_STREAMS } from './taxonomies.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** A small CSV reader for the LWSS files (quoted fields may hold commas). */
function csv(text: string): Record<string, string>[] {
  const rows = text
    .trim()
    .split(/\r?\n/)
    .map((line) => [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[2] ?? m[1] ?? ''));
  const [header, ...body] = rows;
  return body.map((row) => Object.fromEntries((header ?? []).map((name, i) => [name, row[i] ?? ''])));
}

type Spec = {
  paths: Record<string, Record<string, { operationId: string; parameters?: { $ref?: string; name?: string }[] }>>;
  components: { schemas: Record<string, { enum?: string[] }> };
};
const spec = parse(read('../openapi/waste.yaml')) as Spec;

describe('LWSS taxonomies', () => {
  const streams = [...new Set(csv(read('../openapi/lwss/material_streams.csv')).map((r) => r.name ?? ''))];
  const events = csv(read('../openapi/lwss/collection_event_types.csv'));

  it('copies every material stream name, in order, into the code and the spec', () => {
    expect(MATERIAL_STREAMS).toEqual(streams);
    expect(spec.components.schemas.MaterialStream?.enum).toEqual(streams);
  });

  it('copies the collection event types (level 1 and level 2) into the code and the spec', () => {
    const level1 = events.map((r) => r.level_1).filter(Boolean);
    const level2 = events.map((r) => r.level_2).filter(Boolean);
    expect(COLLECTION_EVENT_TYPES).toEqual(level1);
    expect(COLLECTION_EVENT_DETAILS).toEqual(level2);
    expect(spec.components.schemas.CollectionEventType?.enum).toEqual(level1);
    expect(spec.components.schemas.CollectionEventDetail?.enum).toEqual(level2);
    expect(level1).toEqual(expect.arrayContaining(['Not presented', 'Contaminated', 'Too heavy', 'Inaccessible container store']));
  });

  it('keeps the LWSS licence beside the copies', () => {
    expect(read('../openapi/lwss/LICENSE')).toContain('Copyright (c) 2015 Folk Labs');
  });
});

describe('the OpenAPI contract', () => {
  const operations = Object.entries(spec.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, ...op })));

  it('requires an Idempotency-Key on every write', () => {
    const writes = operations.filter((op) => op.method !== 'get');
    expect(writes.length).toBe(14);
    for (const op of writes) {
      expect(op.parameters?.some((p) => p.$ref === '#/components/parameters/IdempotencyKey'), op.operationId).toBe(true);
    }
  });

  it('has a client method for every operation and no other', () => {
    const client = createWasteClient({ baseUrl: 'https://waste.test' });
    expect(Object.keys(client).sort()).toEqual(operations.map((op) => op.operationId).sort());
  });
});
