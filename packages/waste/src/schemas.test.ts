import { describe, expect, expectTypeOf, it } from 'vitest';
import type { components } from './generated/waste.js';
import type * as Domain from './schemas.js';
import { postcodeSchema, propertySchema, uprnSchema } from './schemas.js';

type Wire = components['schemas'];

describe('zod schemas and the generated OpenAPI types', () => {
  // Checked by `tsc` (CI typecheck): every domain type the client returns fits the contract's
  // type, and every input the client accepts is a valid request body, so the zod schemas
  // cannot drift from openapi/waste.yaml without the build failing.
  it('domain types fit the contract', () => {
    expectTypeOf<Domain.Property>().toExtend<Wire['Property']>();
    expectTypeOf<Domain.WasteService>().toExtend<Wire['Service']>();
    expectTypeOf<Domain.PropertyServices>().toExtend<Wire['PropertyServices']>();
    expectTypeOf<Domain.ContainerType>().toExtend<Wire['ContainerType']>();
    expectTypeOf<Domain.ServiceRequest>().toExtend<Wire['ServiceRequest']>();
    expectTypeOf<Domain.GardenQuote>().toExtend<Wire['GardenQuote']>();
    expectTypeOf<Domain.GardenSubscription>().toExtend<Wire['GardenSubscription']>();
    expectTypeOf<Domain.BulkyItem>().toExtend<Wire['BulkyItem']>();
    expectTypeOf<Domain.BulkySlot>().toExtend<Wire['BulkySlot']>();
    expectTypeOf<Domain.BulkyReservation>().toExtend<Wire['BulkyReservation']>();
    expectTypeOf<Domain.BulkyBooking>().toExtend<Wire['BulkyBooking']>();
    expectTypeOf<Domain.BulkyCancellation>().toExtend<Wire['BulkyCancellation']>();
    expectTypeOf<Domain.AssistedCollection>().toExtend<Wire['AssistedCollection']>();
    expectTypeOf<Domain.StatusUpdate>().toExtend<Wire['StatusUpdate']>();
    expectTypeOf<Domain.UpdatePage>().toExtend<Wire['UpdatePage']>();
    expectTypeOf<Domain.MaterialStream>().toEqualTypeOf<Wire['MaterialStream']>();
    expectTypeOf<Domain.CollectionEventType>().toEqualTypeOf<Wire['CollectionEventType']>();
    expectTypeOf<Domain.RequestStatus>().toEqualTypeOf<Wire['RequestStatus']>();
  });

  it('wire types are accepted back as domain types (no field the contract allows is refused)', () => {
    expectTypeOf<Wire['ServiceRequest']>().toExtend<Domain.ServiceRequest>();
    expectTypeOf<Wire['BulkyBooking']>().toExtend<Domain.BulkyBooking>();
    expectTypeOf<Wire['GardenSubscription']>().toExtend<Domain.GardenSubscription>();
  });

  it('normalises postcodes and bounds UPRNs at runtime', () => {
    expect(postcodeSchema.parse(' sw1a1aa ')).toBe('SW1A 1AA');
    expect(postcodeSchema.parse('M1 1AE')).toBe('M1 1AE');
    expect(postcodeSchema.safeParse('SW1A 1AA; --').success).toBe(false);
    expect(uprnSchema.safeParse(999_999_999_999).success).toBe(true);
    expect(uprnSchema.safeParse(1_000_000_000_000).success).toBe(false);
    expect(propertySchema.safeParse({}).success).toBe(false);
  });
});
