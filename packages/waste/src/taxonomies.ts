// Values copied from the Local Waste Service Standards taxonomies
// (openapi/lwss/*.csv, MIT licence, Copyright (c) 2015 Folk Labs). The spec's
// enums hold the same values; taxonomies.test.ts keeps all three in step.

/**
 * Local Waste Service Standards material stream names
 * (`taxonomies/material_streams.csv`), in the order the standard lists them.
 *
 * @example
 * ```ts
 * MATERIAL_STREAMS.includes('garden waste'); // true
 * ```
 */
export const MATERIAL_STREAMS = [
  'textiles',
  'clothes',
  'shoes',
  'mixed textiles & clothes',
  'plastics',
  'plastic bottles',
  'plastic bags',
  'household plastics (with film)',
  'household plastics (without film)',
  'hard plastics',
  'paper',
  'newspapers & magazines',
  'cardboard',
  'telephone directories',
  'mixed paper',
  'mixed paper and card',
  'books',
  'corrugated cardboard',
  'glass',
  'mixed glass',
  'clear glass bottles and jars',
  'brown glass bottles and jars',
  'green glass bottles and jars',
  'blue glass bottles and jars',
  'flat glass',
  'household organics',
  'garden waste',
  'food waste',
  'metals',
  'food & drink cans',
  'aluminium cans',
  'steel cans',
  'aerosols',
  'foil',
  'foil (with pie tin)',
  'foil trays',
  'scrap metal',
  'large tins',
  'mixed metals',
  'mixed metals (with foil)',
  'mixed metals (with foil but without aerosol)',
  'automotive waste',
  'used engine oil',
  'car batteries',
  'tyres',
  'building materials',
  'soil',
  'hardcore & rubble',
  'wood & timber',
  'plasterboard',
  'UPVC frames',
  'other recyclables',
  'paint',
  'spectacles',
  'cartons',
  'furniture',
  'tapes and discs',
  'discs',
  'tapes',
  'hand tools',
  'cooking oil',
  'carpet',
  'mattresses',
  'bicycles',
  'electrical',
  'fridges & freezers',
  'batteries',
  'telecoms & computers - phone & mouse',
  'telecoms & computers - fax & cpu',
  'small appliances - irons',
  'small appliances - radios',
  'small appliances - hair dryers',
  'small appliances - mixed',
  'large appliances - mixed',
  'large appliances - washing machine',
  'fluorescent tubes',
  'low energy bulbs',
  'mixed light bulbs',
  'tv & monitors',
  'mobile phones',
  'printer cartridges',
  'household waste',
  'household hazardous waste',
  'hazardous materials',
  'gas bottles',
  'asbestos',
  'household & garden chemicals',
  'mixed recyclables',
] as const;

/**
 * Local Waste Service Standards collection event types, level 1
 * (`taxonomies/collection_event_types.csv`): what an in-cab device records
 * when a crew could not (or could only partly) collect.
 *
 * @example
 * ```ts
 * COLLECTION_EVENT_TYPES.includes('Not presented'); // true
 * ```
 */
export const COLLECTION_EVENT_TYPES = [
  'Not presented',
  'Incorrectly presented',
  'Too heavy',
  'Excess waste',
  'Contaminated',
  'Inaccessible container store',
  'Damaged',
  'Container lost in vehicle',
  'Not on scheme',
  'Inaccessible road',
  'Road closure',
  'Querying assisted',
  'Risk of injury',
  'Street completed',
  'Blocked by vehicles',
  'Roadworks',
  'Gate locked',
  'Part access',
  'Partly completed street',
  'Alarm activated',
  'Breakdown',
] as const;

/**
 * Local Waste Service Standards collection event types, level 2: the detail
 * under a level 1 type (e.g. "Lid open" under "Excess waste").
 *
 * @example
 * ```ts
 * COLLECTION_EVENT_DETAILS.includes('Side waste present'); // true
 * ```
 */
export const COLLECTION_EVENT_DETAILS = [
  'Lid open',
  'Side waste present',
  'Food waste',
  'Garden waste',
  'Refuse waste',
  'Bulky waste',
  'Rubble/DIY',
  'Commercial',
  'Turf/soil',
  'Animal bedding',
  'Lid',
  'Wheels',
  'Body',
] as const;
