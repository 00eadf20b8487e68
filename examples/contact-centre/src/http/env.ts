import type { Session } from '../auth/session-store.js';
import type { StaffUser } from '../auth/user-directory.js';

/** Per-request values the middleware hands to route handlers. */
export interface AppEnv {
  Variables: {
    /** Nonce for the one inline script govuk-frontend's template needs. */
    nonce: string;
    session: Session | undefined;
    user: StaffUser | undefined;
    /** The parsed urlencoded form of an HTML POST, already CSRF-checked. */
    form: Record<string, string>;
    /** The same form with repeated fields (checkboxes) kept. */
    formData: URLSearchParams;
  };
}
