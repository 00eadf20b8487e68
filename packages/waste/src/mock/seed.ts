import type { BulkyItem, ContainerType, MaterialStream, Property } from '../schemas.js';

// A small deterministic generator: the same seed gives the same council, so
// a council's test can name a UPRN and find it again tomorrow.

/** A seeded pseudo-random source (mulberry32). */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}

/** A stable hash of some parts to a number in [0, 1). */
export function hashUnit(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const char of parts.join('|')) {
    h ^= char.charCodeAt(0);
    h = Math.imul(h, 16777619);
  }
  return createRandom(h >>> 0).next();
}

/** How a service is laid out before schedules are worked out. */
export interface ServicePlan {
  id: string;
  name: string;
  materialStream: MaterialStream;
  frequency: 'weekly' | 'fortnightly';
  /** For fortnightly services: collected in weeks whose index has this parity. */
  parity: 0 | 1;
  containers: { type: string; size: string; quantity: number }[];
}

/** A seeded property with its service plan. */
export interface SeedProperty {
  property: Property;
  /** 1 = Monday ... 5 = Friday. */
  weekday: number;
  roundPrefix: string;
  services: ServicePlan[];
  gardenBins: number;
}

const STREETS = [
  'Acacia Avenue',
  'Station Road',
  'Church Lane',
  'Mill Street',
  'Park Crescent',
  'Victoria Road',
  'Orchard Close',
  'The Green',
  'Queens Walk',
  'Meadow Way',
  'Chapel Row',
  'Bridge End',
] as const;

const TOWN = 'Anytown';

/** The container types the mock council offers. */
export const CONTAINER_TYPES: ContainerType[] = [
  {
    id: 'refuse-240',
    name: 'rubbish wheelie bin',
    materialStream: 'household waste',
    size: '240L',
    maxPerProperty: 1,
    charges: { new: 3000, extra: 3000, replacement: 3000, damaged: 0 },
  },
  {
    id: 'recycling-240',
    name: 'recycling wheelie bin',
    materialStream: 'mixed recyclables',
    size: '240L',
    maxPerProperty: 2,
    charges: { new: 0, extra: 0, replacement: 0, damaged: 0 },
  },
  {
    id: 'food-caddy-23',
    name: 'kerbside food caddy',
    materialStream: 'food waste',
    size: '23L',
    maxPerProperty: 2,
    charges: { new: 0, extra: 0, replacement: 0, damaged: 0 },
  },
  {
    id: 'kitchen-caddy-5',
    name: 'kitchen food caddy',
    materialStream: 'food waste',
    size: '5L',
    maxPerProperty: 2,
    charges: { new: 0, extra: 0, replacement: 0, damaged: 0 },
  },
  {
    id: 'glass-box-55',
    name: 'glass recycling box',
    materialStream: 'mixed glass',
    size: '55L',
    maxPerProperty: 3,
    charges: { new: 500, extra: 500, replacement: 500, damaged: 0 },
  },
];

/** The mock council's bulky waste catalogue (prices in pence). */
export const BULKY_ITEMS: BulkyItem[] = [
  { id: 'sofa-2-seat', name: 'Sofa (2 seater)', materialStream: 'furniture', price: 1800, maxQuantity: 2 },
  { id: 'sofa-3-seat', name: 'Sofa (3 seater)', materialStream: 'furniture', price: 2200, maxQuantity: 2 },
  { id: 'armchair', name: 'Armchair', materialStream: 'furniture', price: 1200, maxQuantity: 4 },
  { id: 'wardrobe', name: 'Wardrobe', materialStream: 'furniture', price: 1500, maxQuantity: 3 },
  { id: 'table', name: 'Table', materialStream: 'furniture', price: 1000, maxQuantity: 3 },
  { id: 'mattress-single', name: 'Mattress (single)', materialStream: 'mattresses', price: 1200, maxQuantity: 3 },
  { id: 'mattress-double', name: 'Mattress (double)', materialStream: 'mattresses', price: 1500, maxQuantity: 3 },
  { id: 'fridge-freezer', name: 'Fridge or freezer', materialStream: 'fridges & freezers', price: 2500, maxQuantity: 2 },
  { id: 'washing-machine', name: 'Washing machine', materialStream: 'large appliances - washing machine', price: 1800, maxQuantity: 2 },
  { id: 'television', name: 'Television or monitor', materialStream: 'tv & monitors', price: 1000, maxQuantity: 3 },
  { id: 'bicycle', name: 'Bicycle', materialStream: 'bicycles', price: 800, maxQuantity: 4 },
  { id: 'carpet-roll', name: 'Carpet (rolled, per room)', materialStream: 'carpet', price: 1000, maxQuantity: 4 },
];

/** Most items (counting quantities) in one bulky booking. */
export const MAX_BULKY_ITEMS = 8;

function postcodeFor(streetIndex: number, block: number): string {
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  const district = 1 + (streetIndex % 4);
  const sector = 1 + Math.floor(streetIndex / 4);
  return `AT${district} ${sector}${letters[(streetIndex * 3 + block) % letters.length]}${letters[(streetIndex * 7 + block * 5) % letters.length]}`;
}

/** Build a deterministic council of properties from a seed. */
export function seedProperties(seed: number, count: number): SeedProperty[] {
  const random = createRandom(seed);
  const out: SeedProperty[] = [];
  const perStreet = Math.max(1, Math.ceil(count / STREETS.length));
  const baseLat = 52.2 + random.next() * 0.2;
  const baseLng = -1.2 + random.next() * 0.2;
  for (let i = 0; i < count; i += 1) {
    const streetIndex = Math.floor(i / perStreet) % STREETS.length;
    const street = STREETS[streetIndex] as string;
    const number = (i % perStreet) + 1;
    const block = Math.floor(number / 4);
    const isFlat = random.next() < 0.2;
    const type: Property['type'] = isFlat ? 'flat' : random.pick(['house', 'house', 'house', 'bungalow', 'maisonette'] as const);
    const postcode = postcodeFor(streetIndex, block);
    const uprn = 100_070_000_000 + seed * 10_000 + i + 1;
    const lines = isFlat ? [`Flat ${random.int(1, 6)}`, `${number} ${street}`] : [`${number} ${street}`];
    const weekday = 1 + (streetIndex % 5);
    const parity = (streetIndex % 2) as 0 | 1;
    const services: ServicePlan[] = [
      {
        id: 'refuse',
        name: 'rubbish',
        materialStream: 'household waste',
        frequency: 'fortnightly',
        parity,
        containers: [{ type: 'refuse-240', size: '240L', quantity: 1 }],
      },
      {
        id: 'recycling',
        name: 'mixed recycling',
        materialStream: 'mixed recyclables',
        frequency: 'fortnightly',
        parity: (1 - parity) as 0 | 1,
        containers: [{ type: 'recycling-240', size: '240L', quantity: 1 }],
      },
      {
        id: 'food',
        name: 'food waste',
        materialStream: 'food waste',
        frequency: 'weekly',
        parity: 0,
        containers: [
          { type: 'food-caddy-23', size: '23L', quantity: 1 },
          { type: 'kitchen-caddy-5', size: '5L', quantity: 1 },
        ],
      },
    ];
    const gardenBins = !isFlat && random.next() < 0.4 ? random.int(1, 2) : 0;
    out.push({
      property: {
        uprn,
        usrn: 30_100_000 + seed * 100 + streetIndex,
        address: { lines, town: TOWN, postcode },
        postcode,
        lat: Math.round((baseLat + streetIndex * 0.003 + number * 0.0001) * 1e6) / 1e6,
        lng: Math.round((baseLng + streetIndex * 0.002 - number * 0.0001) * 1e6) / 1e6,
        type,
        nation: 'england-and-wales',
        assistedCollection: random.next() < 0.05,
      },
      weekday,
      roundPrefix: `R${weekday}${streetIndex % 2 === 0 ? 'A' : 'B'}`,
      services,
      gardenBins,
    });
  }
  return out;
}
