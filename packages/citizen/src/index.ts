/**
 * The citizen model: zod schemas and types for people, addresses, contact points, identifiers, consents and households, with UK validation and normalisation.
 *
 * @packageDocumentation
 */
export {};
