import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldsFor, humanise, readForm } from './schema-form.js';

const schema = z.object({
  uprn: z.number().int().min(1).max(999_999_999_999).meta({ title: 'UPRN' }),
  service: z.enum(['refuse', 'garden-waste']).describe('Which bin was missed'),
  missedOn: z.iso.date(),
  sidewaste: z.boolean(),
  notes: z.string().max(500).optional(),
  location: z.object({ where: z.string().min(1).max(100) }),
  tags: z.array(z.enum(['a', 'b'])).default([]),
});

describe('fieldsFor', () => {
  const fields = fieldsFor(schema);

  it('turns each property into the right GOV.UK question', () => {
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['uprn', 'number', true],
      ['service', 'radios', true],
      ['missedOn', 'date', true],
      ['sidewaste', 'radios', true],
      ['notes', 'textarea', false],
      ['location.where', 'text', true],
      ['tags', 'checkboxes', false],
    ]);
  });

  it('labels from meta titles or the key, hints from descriptions', () => {
    expect(fields[0]?.label).toBe('UPRN');
    expect(fields[1]?.hint).toBe('Which bin was missed');
    expect(fields[1]?.options.map((o) => o.text)).toEqual(['Refuse', 'Garden waste']);
    expect(fields[2]?.label).toBe('Missed on');
    expect(fields[5]?.id).toBe('location-where');
  });

  it('can leave fields out', () => {
    expect(fieldsFor(schema, { omit: ['uprn', 'tags'] }).map((f) => f.name)).not.toContain('uprn');
  });
});

describe('readForm', () => {
  const fields = fieldsFor(schema);

  it('coerces and validates a good submission', () => {
    const form = new URLSearchParams('uprn=100023336956&service=refuse&missedOn-day=3&missedOn-month=11&missedOn-year=2026&sidewaste=false&location.where=kerb&tags=a&tags=b');
    const result = readForm(schema, fields, form);
    expect(result).toMatchObject({
      ok: true,
      data: { uprn: 100023336956, service: 'refuse', missedOn: '2026-11-03', sidewaste: false, location: { where: 'kerb' }, tags: ['a', 'b'] },
    });
  });

  it('gives GOV.UK-style errors and keeps what was typed', () => {
    const form = new URLSearchParams('uprn=abc&service=nonsense&missedOn-day=31&missedOn-month=2&missedOn-year=2026&notes=' + 'x'.repeat(600));
    const result = readForm(schema, fields, form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byName = Object.fromEntries(result.errors.map((e) => [e.name, e.text]));
    expect(byName).toMatchObject({
      uprn: 'UPRN must be a number',
      service: 'Enter a valid service',
      missedOn: 'Enter a real date for missed on',
      sidewaste: 'Select sidewaste',
      notes: 'Notes must be 500 characters or fewer',
      'location.where': 'Enter where',
    });
    expect(result.errors.find((e) => e.name === 'missedOn')?.href).toBe('#missedOn-day');
    expect(result.values['uprn']).toBe('abc');
  });
});

describe('humanise', () => {
  it('reads keys as sentence case and keeps UK acronyms', () => {
    expect(humanise('pcnNumber')).toBe('PCN number');
    expect(humanise('garden-waste')).toBe('Garden waste');
  });
});

describe('lists and optional nested objects', () => {
  const listSchema = z.object({
    outstanding: z.array(z.string().max(200)).max(20),
    seen: z.array(z.string().min(1)).optional(),
    forwarding: z.object({ lines: z.array(z.string().min(1)).min(1), postcode: z.string().min(5).max(10) }).optional(),
  });
  const fields = fieldsFor(listSchema);

  it('asks for a list of strings one a line, and leaves a blank optional address out', () => {
    expect(fields.map((f) => [f.name, f.kind])).toEqual([
      ['outstanding', 'lines'],
      ['seen', 'lines'],
      ['forwarding.lines', 'lines'],
      ['forwarding.postcode', 'text'],
    ]);
    const result = readForm(listSchema, fields, new URLSearchParams('outstanding=Payslips%0D%0A%0D%0A Bank statement &seen=&forwarding.lines=&forwarding.postcode='));
    expect(result).toMatchObject({ ok: true, data: { outstanding: ['Payslips', 'Bank statement'] } });
    if (result.ok) expect(result.data).toEqual({ outstanding: ['Payslips', 'Bank statement'] });
  });

  it('a required list left blank is an empty list; a half-filled address is refused on its own question', () => {
    const result = readForm(listSchema, fields, new URLSearchParams('outstanding=&forwarding.lines=1 High Street'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ name: 'forwarding.postcode', href: '#forwarding-postcode', text: 'Enter postcode' }]);
  });
});

describe('lists of small objects as repeated rows, and choices', () => {
  const booking = z.object({
    items: z.array(z.object({ itemId: z.string().min(1).max(64), quantity: z.int().min(1).max(20) })).min(1).max(50),
    location: z.string().min(1).max(100),
    slot: z.string().min(1),
  });
  const catalogue = [{ value: 'sofa', text: 'Sofa (£18)' }, { value: 'fridge', text: 'Fridge (£25)' }];
  const fields = fieldsFor(booking, { omit: ['slot'], choices: { 'items.itemId': catalogue }, rows: { items: 4 }, labels: { 'items.itemId': 'Item' } });

  it('asks a list of objects as a fixed number of rows, with a choice list where one is given', () => {
    expect(fields.map((f) => [f.name, f.kind])).toEqual([['items', 'rows'], ['location', 'text']]);
    expect(fields[0]).toMatchObject({ rowCount: 4, required: true });
    expect(fields[0]?.columns?.map((c) => [c.name, c.kind, c.label])).toEqual([['itemId', 'select', 'Item'], ['quantity', 'number', 'Quantity']]);
    expect(fields[0]?.columns?.[0]?.options).toEqual(catalogue);
  });

  it('reads the answered rows, skips blank ones, and merges what the page supplies', () => {
    const form = new URLSearchParams('items.0.itemId=sofa&items.0.quantity=1&items.1.itemId=&items.1.quantity=&items.2.itemId=fridge&items.2.quantity=2&location=Front+garden');
    const result = readForm(booking, fields, form, { fixed: { slot: 'slot-1' } });
    expect(result).toMatchObject({ ok: true, data: { items: [{ itemId: 'sofa', quantity: 1 }, { itemId: 'fridge', quantity: 2 }], location: 'Front garden', slot: 'slot-1' } });
  });

  it('links a problem in a row to that row as numbered on the form, and asks for at least one row', () => {
    const form = new URLSearchParams('items.0.itemId=&items.0.quantity=&items.2.itemId=fridge&items.2.quantity=99&location=Drive');
    const result = readForm(booking, fields, form, { fixed: { slot: 'slot-1' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ name: 'items.2.quantity', href: '#items-2-quantity', text: expect.stringContaining('row 3') }]);
    expect(result.values['items.2.quantity']).toBe('99');
    const none = readForm(booking, fields, new URLSearchParams('location=Drive'), { fixed: { slot: 'slot-1' } });
    expect(none.ok ? [] : none.errors).toEqual([{ name: 'items', href: '#items-0-itemId', text: 'Enter at least one row of items' }]);
  });

  it('shows a rule the schema words itself in its own words', () => {
    const ending = z.object({ endDate: z.iso.date().optional() }).superRefine((v, ctx) => {
      if (!v.endDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Enter the date the discount should end' });
    });
    const result = readForm(ending, fieldsFor(ending), new URLSearchParams(''));
    expect(result.ok ? [] : result.errors.map((e) => e.text)).toEqual(['Enter the date the discount should end']);
  });
});
