/**
 * Seeded synthetic UK residents for tests, demos and benchmarks:
 * `createResidentGenerator({ seed })`. `@faker-js/faker` is not used at
 * runtime; the generator carries its own compact name and place lists.
 *
 * @packageDocumentation
 */
export { createResidentGenerator, SyntheticOptionsError } from './generator.js';
export type { ResidentGenerator, ResidentGeneratorOptions, SyntheticHousehold } from './generator.js';
