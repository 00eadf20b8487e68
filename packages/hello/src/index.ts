/**
 * The copy-me template package. Copy this folder to contribute a module:
 * see `docs/contributing-a-package.md`.
 *
 * @packageDocumentation
 */
export { createGreeter, HelloError } from './greeter.js';
export type { Greeter, GreeterOptions, HelloErrorReason } from './greeter.js';
