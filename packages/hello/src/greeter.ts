import { z } from 'zod';

/** The reasons a greeting can be refused. A string literal, so callers can `switch` on it. */
export type HelloErrorReason = 'invalid-name' | 'invalid-options';

/**
 * Thrown when a caller hands the greeter something it cannot use.
 *
 * Every councilkit error extends `Error`, sets `name`, and carries a
 * string-literal `reason` so that code can branch without parsing messages.
 *
 * @example
 * ```ts
 * try {
 *   greeter.greet('');
 * } catch (error) {
 *   if (error instanceof HelloError && error.reason === 'invalid-name') {
 *     console.log(error.message); // "Enter a name"
 *   }
 * }
 * ```
 */
export class HelloError extends Error {
  override readonly name = 'HelloError';
  /** Why the call was refused. */
  readonly reason: HelloErrorReason;

  constructor(reason: HelloErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Options for {@link createGreeter}. Every option has a documented default. */
export interface GreeterOptions {
  /** The council's name as residents know it. Default: `"your council"`. */
  council?: string;
  /**
   * Welsh councils greet bilingually. Default: `false`.
   */
  bilingual?: boolean;
}

/** What {@link createGreeter} gives back: plain verbs, no classes to extend. */
export interface Greeter {
  /** Greet a resident by name. Throws {@link HelloError} with reason `invalid-name` for a blank name. */
  greet(name: string): string;
  /** How many greetings this greeter has given. */
  count(): number;
}

const optionsSchema = z.object({
  council: z.string().trim().min(1).max(200).default('your council'),
  bilingual: z.boolean().default(false),
});

const nameSchema = z.string().trim().min(1, 'Enter a name').max(500, 'Name must be 500 characters or fewer');

/**
 * Create a greeter. This is the shape of every councilkit factory: one
 * `createX(options)`, one options object validated at the boundary with zod,
 * and plain verbs back.
 *
 * @example
 * ```ts
 * import { createGreeter } from '@councilkit/hello';
 *
 * const greeter = createGreeter({ council: 'Anytown Borough Council' });
 * greeter.greet('Ada'); // "Hello Ada, welcome to Anytown Borough Council."
 * ```
 */
export function createGreeter(options: GreeterOptions = {}): Greeter {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new HelloError('invalid-options', `Invalid greeter options: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const { council, bilingual } = parsed.data;
  let given = 0;

  return {
    greet(name) {
      const checked = nameSchema.safeParse(name);
      if (!checked.success) {
        throw new HelloError('invalid-name', checked.error.issues[0]?.message ?? 'Enter a name');
      }
      given += 1;
      const english = `Hello ${checked.data}, welcome to ${council}.`;
      // Welsh Language Standards require Welsh to be no less favourable, so it comes first.
      return bilingual ? `Shwmae ${checked.data}. ${english}` : english;
    },
    count: () => given,
  };
}
