import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Server-side session state. The cookie carries only a signed id. */
export interface Session {
  id: string;
  csrfToken: string;
  userId: string | undefined;
  createdAt: number;
  lastSeenAt: number;
  /** Answers a resident has given so far in a portal journey, by journey name. */
  journeys: Record<string, Record<string, unknown>>;
  /** One-shot message shown on the next page. */
  flash: string | undefined;
}

/** Options for {@link createSessionStore}. */
export interface SessionStoreOptions {
  /** Secret for signing session ids. At least 32 characters. */
  secret: string;
  /** Idle timeout. Default: 30 minutes. */
  idleMs?: number;
  /** Absolute lifetime. Default: 8 hours, a working shift. */
  absoluteMs?: number;
  /** Clock, for tests. Default: `Date.now`. */
  now?: () => number;
}

/** Sessions held in server memory, with signed cookie values. */
export interface SessionStore {
  create(): Session;
  /** The session named by a signed cookie value, if the signature is good and it has not expired. */
  fromCookie(value: string | undefined): Session | undefined;
  /** The signed cookie value for a session. */
  cookieValue(session: Session): string;
  /** A fresh id and CSRF token for the same state: call on sign-in to stop session fixation. */
  rotate(session: Session): Session;
  destroy(session: Session): void;
  size(): number;
}

const token = () => randomBytes(32).toString('base64url');

/** Create the in-memory session store. */
export function createSessionStore(options: SessionStoreOptions): SessionStore {
  if (options.secret.length < 32) throw new Error('The session secret must be at least 32 characters.');
  const idleMs = options.idleMs ?? 30 * 60_000;
  const absoluteMs = options.absoluteMs ?? 8 * 3_600_000;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();

  const sign = (id: string) => createHmac('sha256', options.secret).update(id).digest('base64url');

  const sweep = () => {
    const t = now();
    for (const [id, s] of sessions) {
      if (t - s.lastSeenAt > idleMs || t - s.createdAt > absoluteMs) sessions.delete(id);
    }
  };

  return {
    create() {
      if (sessions.size > 10_000) sweep();
      const t = now();
      const session: Session = {
        id: token(),
        csrfToken: token(),
        userId: undefined,
        createdAt: t,
        lastSeenAt: t,
        journeys: {},
        flash: undefined,
      };
      sessions.set(session.id, session);
      return session;
    },
    fromCookie(value) {
      if (!value) return undefined;
      const dot = value.lastIndexOf('.');
      if (dot <= 0) return undefined;
      const id = value.slice(0, dot);
      const signature = Buffer.from(value.slice(dot + 1));
      const expected = Buffer.from(sign(id));
      if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return undefined;
      const session = sessions.get(id);
      if (!session) return undefined;
      const t = now();
      if (t - session.lastSeenAt > idleMs || t - session.createdAt > absoluteMs) {
        sessions.delete(id);
        return undefined;
      }
      session.lastSeenAt = t;
      return session;
    },
    cookieValue: (session) => `${session.id}.${sign(session.id)}`,
    rotate(session) {
      sessions.delete(session.id);
      const t = now();
      const next: Session = { ...session, id: token(), csrfToken: token(), createdAt: t, lastSeenAt: t };
      sessions.set(next.id, next);
      return next;
    },
    destroy(session) {
      sessions.delete(session.id);
    },
    size: () => sessions.size,
  };
}

/** Compare two CSRF tokens in constant time. */
export function tokensMatch(expected: string, actual: unknown): boolean {
  if (typeof actual !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}
