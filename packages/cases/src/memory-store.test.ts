import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';
import { defineStoreContractTests } from './testing/index.js';
import { sampleCaseRecord } from './testing/fixtures.js';

defineStoreContractTests({ name: 'memory', createStore: () => createMemoryStore() });

describe('createMemoryStore', () => {
  it('can skip copying for benchmarks, sharing records with the caller', async () => {
    const store = createMemoryStore({ copy: false });
    const record = sampleCaseRecord({ id: 'c1' });
    await store.commit({ case: record, expectedVersion: 0, events: [] });
    expect(await store.getCase('c1')).toBe(record);
  });

  it('refuses a commit that does not advance the version by one', async () => {
    const store = createMemoryStore();
    await expect(store.commit({ case: sampleCaseRecord({ id: 'c1', version: 3 }), expectedVersion: 0, events: [] })).rejects.toThrow(RangeError);
  });
});
