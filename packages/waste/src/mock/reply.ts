import { WASTE_PROBLEM_TYPES } from '../errors.js';
import type { WasteProblemKind } from '../errors.js';

/** A reply from a mock operation, before it is turned into HTTP. */
export interface Reply {
  status: number;
  body?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Build an RFC 9457 problem reply with a stable `type`. */
export function problemReply(kind: WasteProblemKind, status: number, title: string, detail?: string, extra: Record<string, unknown> = {}): Reply {
  return {
    status,
    contentType: 'application/problem+json',
    body: { type: WASTE_PROBLEM_TYPES[kind], title, status, ...(detail === undefined ? {} : { detail }), ...extra },
  };
}
