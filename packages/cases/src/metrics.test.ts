import { describe, expect, it } from 'vitest';
import { agent, binData, missedBin, setup } from './engine/test-support.js';
import { computeMetrics, DEFAULT_UNIT_COSTS } from './metrics.js';
import { sampleCaseRecord } from './testing/fixtures.js';

const from = new Date('2026-11-01T00:00:00Z');
const to = new Date('2026-12-01T00:00:00Z');

describe('computeMetrics', () => {
  const cases = [
    sampleCaseRecord({ id: '1', channel: 'web', caseType: 'a', openedAt: '2026-11-02T09:00:00.000Z', resolvedAt: '2026-11-02T10:00:00.000Z', status: 'resolved', resolvedAtFirstContact: true, slaMet: true, handlingSeconds: 60 }),
    sampleCaseRecord({ id: '2', channel: 'phone', caseType: 'a', openedAt: '2026-11-03T09:00:00.000Z', resolvedAt: '2026-11-03T12:00:00.000Z', status: 'closed', resolvedAtFirstContact: false, slaMet: false, handlingSeconds: 300 }),
    sampleCaseRecord({ id: '3', channel: 'face-to-face', caseType: 'b', openedAt: '2026-11-04T09:00:00.000Z', resolvedAt: '2026-11-04T11:00:00.000Z', status: 'resolved', resolvedAtFirstContact: true, slaMet: true, reopenCount: 1 }),
    sampleCaseRecord({ id: '4', channel: 'email', caseType: 'b', openedAt: '2026-11-05T09:00:00.000Z' }),
    // Outside the period: ignored.
    sampleCaseRecord({ id: '5', channel: 'phone', caseType: 'a', openedAt: '2026-12-01T00:00:00.000Z' }),
  ];

  it('computes rates, mix, handling time and cost to serve', () => {
    const metrics = computeMetrics({ cases, from, to });
    expect(metrics.volume).toBe(4);
    expect(metrics.byChannel.web).toEqual({ count: 1, share: 0.25 });
    expect(metrics.byCaseType).toEqual({ a: { count: 2, share: 0.5 }, b: { count: 2, share: 0.5 } });
    expect(metrics.resolved).toBe(3);
    // Case 3 resolved at first contact but was reopened, so only case 1 counts.
    expect(metrics.firstTimeResolutionRate).toBeCloseTo(1 / 3);
    expect(metrics.slaMetRate).toBeCloseTo(2 / 3);
    expect(metrics.reopenRate).toBeCloseTo(1 / 3);
    expect(metrics.averageHandlingSeconds).toBe(180);
    expect(metrics.averageTimeToResolveHours).toBe(2);
    expect(metrics.costToServe.total).toBe(22.8); // 0.60 + 4.60 + 17 + 0.60
    expect(metrics.costToServe.byChannel).toEqual({ phone: 4.6, web: 0.6, 'face-to-face': 17, email: 0.6 });
    expect(metrics.costToServe.perCase).toBe(5.7);
    expect(metrics.costToServe.channelShiftSaving).toBeUndefined();
    expect(DEFAULT_UNIT_COSTS).toEqual({ 'face-to-face': 17, phone: 4.6, web: 0.6, email: 0.6 });
  });

  it('reports the saving from channel shift against a baseline mix and honours custom unit costs', () => {
    // Baseline: half face to face, half phone -> £10.80 a contact; 4 contacts = £43.20.
    const metrics = computeMetrics({ cases, from, to, baselineMix: { 'face-to-face': 50, phone: 50 } });
    expect(metrics.costToServe.baselineTotal).toBe(43.2);
    expect(metrics.costToServe.channelShiftSaving).toBe(20.4);
    const custom = computeMetrics({ cases, from, to, unitCosts: { 'face-to-face': 10 } });
    expect(custom.costToServe.total).toBe(15.8);
  });

  it('gives null rates for an empty period and refuses a backwards period', () => {
    const empty = computeMetrics({ cases: [], from, to });
    expect(empty).toMatchObject({ volume: 0, firstTimeResolutionRate: null, slaMetRate: null, reopenRate: null, averageHandlingSeconds: null });
    expect(empty.costToServe.perCase).toBeNull();
    expect(() => computeMetrics({ cases, from: to, to: from })).toThrow(expect.objectContaining({ reason: 'invalid-options' }));
    expect(() => computeMetrics({ cases, from, to, unitCosts: { phone: -1 } })).toThrow(expect.objectContaining({ reason: 'invalid-options' }));
  });

  it('runs over the engine store via engine.metrics', async () => {
    const { engine } = setup();
    const web = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'web', data: binData });
    await engine.resolve({ actor: agent, idempotencyKey: 'k2', caseId: web.caseId });
    await engine.open({ actor: agent, idempotencyKey: 'k3', caseType: missedBin.name, channel: 'phone', data: binData });
    const metrics = await engine.metrics({ from, to, baselineMix: { phone: 1 } });
    expect(metrics).toMatchObject({ volume: 2, resolved: 1, firstTimeResolutionRate: 1, slaMetRate: 1 });
    expect(metrics.costToServe).toMatchObject({ total: 5.2, baselineTotal: 9.2, channelShiftSaving: 4 });
  });
});
