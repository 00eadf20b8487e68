import { hashPassword, verifyPassword } from './password.js';

/** Who is using the desktop. `teams` decide which queues and cases they see. */
export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  teams: string[];
  roles: string[];
}

/** A user to seed, with a plain password that is hashed on the way in and never kept. */
export interface SeedUser extends StaffUser {
  password: string;
}

/** The seeded demonstration users: an agent, a supervisor, a social care worker and a data protection officer. */
export const defaultSeedUsers: SeedUser[] = [
  {
    id: 'user-agent',
    username: 'agent',
    displayName: 'Alex Agent',
    teams: ['contact-centre'],
    roles: ['agent'],
    password: 'agent-password-demo',
  },
  {
    id: 'user-supervisor',
    username: 'supervisor',
    displayName: 'Sam Supervisor',
    teams: ['contact-centre', 'waste', 'revenues', 'parking'],
    roles: ['agent', 'supervisor'],
    password: 'supervisor-password-demo',
  },
  {
    id: 'user-social-care',
    username: 'socialcare',
    displayName: 'Jo Social Worker',
    teams: ['social-care'],
    roles: ['agent'],
    password: 'socialcare-password-demo',
  },
  {
    // Runs the data-protection desk: subject access exports, restriction and erasure.
    id: 'user-dpo',
    username: 'dpo',
    displayName: 'Dee Protection Officer',
    teams: ['data-protection'],
    roles: ['dpo'],
    password: 'dpo-password-demo',
  },
];

/** Staff sign-in: plain verbs over hashed passwords. */
export interface UserDirectory {
  /** The user when the password matches, otherwise `undefined`. Takes the same time either way. */
  authenticate(username: string, password: string): Promise<StaffUser | undefined>;
  byId(id: string): StaffUser | undefined;
  list(): StaffUser[];
}

/**
 * Build the user directory from seed users, hashing every password with
 * scrypt and a per-user salt.
 */
export async function createUserDirectory(options: { users?: SeedUser[] } = {}): Promise<UserDirectory> {
  const seeds = options.users ?? defaultSeedUsers;
  const records = await Promise.all(
    seeds.map(async ({ password, ...user }) => ({ user, hash: await hashPassword(password) })),
  );
  // A real hash to check against when the username is unknown, so a caller
  // cannot tell unknown usernames from wrong passwords by timing.
  const decoy = await hashPassword('decoy-password-never-valid');
  const byUsername = new Map(records.map((record) => [record.user.username.toLowerCase(), record]));
  const byId = new Map(records.map((record) => [record.user.id, record.user]));
  return {
    async authenticate(username, password) {
      const record = byUsername.get(username.trim().toLowerCase());
      const ok = await verifyPassword(password, record?.hash ?? decoy);
      return ok && record ? record.user : undefined;
    },
    byId: (id) => byId.get(id),
    list: () => [...byId.values()],
  };
}
