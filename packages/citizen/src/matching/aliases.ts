import { normaliseValue } from './normalise.js';

/**
 * Nickname alias sets, compiled for fast look-up. Two names are aliases when
 * they appear together in at least one set. Sets are deliberately not merged:
 * `Rob` is in the Robert set and in the Robin set, yet Robin and Robert are
 * not aliases of each other. Aliasing is not transitive.
 *
 * @example
 * ```ts
 * const aliases: AliasSets = createAliasSets([['margaret', 'maggie', 'peggy']]);
 * aliases.areAliases('Peggy', 'Margaret'); // true
 * ```
 */
export interface AliasSets {
  /** The sets as given, names normalised (lower case). */
  readonly sets: readonly (readonly string[])[];
  /** Whether `a` and `b` (raw or normalised) share an alias set. Identical names are not aliases: that is an exact match. */
  areAliases(a: string, b: string): boolean;
  /** Indexes of the sets holding a normalised name, or `undefined` when it is in none. */
  setsOf(name: string): readonly number[] | undefined;
}

/**
 * Compile alias sets. Each inner array is one group of names that may stand for
 * one another (a formal name and its nicknames).
 *
 * @example
 * ```ts
 * const aliases = createAliasSets([
 *   ['robert', 'rob', 'bob'],
 *   ['robin', 'rob'],
 * ]);
 * aliases.areAliases('Rob', 'Robert'); // true
 * aliases.areAliases('Rob', 'Robin'); // true
 * aliases.areAliases('Robin', 'Robert'); // false
 * ```
 */
export function createAliasSets(sets: readonly (readonly string[])[]): AliasSets {
  const normalised = sets.map((set) => [...new Set(set.map((name) => normaliseValue('name', name)).filter((name): name is string => name !== null))]);
  const index = new Map<string, number[]>();
  normalised.forEach((set, setIndex) => {
    for (const name of set) {
      const holders = index.get(name);
      if (holders) holders.push(setIndex);
      else index.set(name, [setIndex]);
    }
  });
  const lookup = (name: string): number[] | undefined => index.get(name) ?? index.get(normaliseValue('name', name) ?? '');
  return {
    sets: normalised,
    setsOf: (name) => index.get(name),
    areAliases(a, b) {
      const left = lookup(a);
      const right = lookup(b);
      if (!left || !right) return false;
      if ((normaliseValue('name', a) ?? a) === (normaliseValue('name', b) ?? b)) return false;
      for (const set of left) if (right.includes(set)) return true;
      return false;
    },
  };
}

/**
 * Common English given names and their usual short forms, one set per formal
 * name. Short forms shared by several formal names (Rob, Alex, Sam, Chris,
 * Jo, Fred, Ted, Pat, Nicky…) appear in each set they belong to, which keeps
 * the formal names apart from one another.
 *
 * @example
 * ```ts
 * const matcher = createMatcher({
 *   comparisons: [nameComparison({ field: 'first_name', aliases: createAliasSets(ukNicknames) })],
 *   blocking: [{ keys: ['dob'] }],
 * });
 * ```
 */
export const ukNicknames: readonly (readonly string[])[] = [
  ['robert', 'rob', 'robbie', 'bob', 'bobby', 'bert'],
  ['robin', 'rob', 'robbie'],
  ['roberta', 'bobbie', 'berta'],
  ['william', 'will', 'bill', 'billy', 'liam', 'willie'],
  ['wilfred', 'wilf', 'fred'],
  ['frederick', 'fred', 'freddie', 'freddy'],
  ['alfred', 'alf', 'alfie', 'fred'],
  ['edward', 'ed', 'eddie', 'ted', 'teddy', 'ned'],
  ['edmund', 'ed', 'eddie', 'ted'],
  ['edwin', 'ed', 'eddie'],
  ['theodore', 'theo', 'ted', 'teddy'],
  ['richard', 'rich', 'richie', 'rick', 'dick'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['john', 'jack', 'johnny', 'jonny'],
  ['jonathan', 'jon', 'jonny', 'jonty'],
  ['jacob', 'jake', 'jack'],
  ['joseph', 'joe', 'joey'],
  ['josephine', 'jo', 'josie'],
  ['joanna', 'jo', 'jojo'],
  ['joanne', 'jo'],
  ['michael', 'mike', 'mick', 'mickey'],
  ['thomas', 'tom', 'tommy'],
  ['christopher', 'chris', 'kit'],
  ['christine', 'chris', 'chrissie', 'tina'],
  ['christina', 'chris', 'tina'],
  ['alexander', 'alex', 'sandy', 'xander'],
  ['alexandra', 'alex', 'lexi', 'sandra', 'sandy'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammie'],
  ['daniel', 'dan', 'danny'],
  ['danielle', 'dani'],
  ['david', 'dave', 'davey'],
  ['anthony', 'tony', 'ant'],
  ['antonia', 'toni'],
  ['andrew', 'andy', 'drew'],
  ['stephen', 'steve', 'stevie'],
  ['steven', 'steve', 'stevie'],
  ['matthew', 'matt', 'matty'],
  ['nicholas', 'nick', 'nicky'],
  ['nicola', 'nicky', 'nikki'],
  ['patrick', 'pat', 'paddy'],
  ['patricia', 'pat', 'patty', 'trish'],
  ['peter', 'pete'],
  ['benjamin', 'ben', 'benny'],
  ['charles', 'charlie', 'chas', 'chuck'],
  ['charlotte', 'charlie', 'lottie'],
  ['henry', 'harry', 'hal'],
  ['harold', 'harry', 'hal'],
  ['oliver', 'ollie', 'olly'],
  ['olivia', 'liv', 'livvy', 'ollie'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'bess', 'eliza', 'libby'],
  ['margaret', 'maggie', 'meg', 'peggy', 'maisie'],
  ['katherine', 'kate', 'katie', 'kath', 'kathy', 'kat'],
  ['catherine', 'cath', 'cathy', 'kate', 'katie', 'cat'],
  ['rebecca', 'becky', 'becca', 'bex'],
  ['jennifer', 'jen', 'jenny'],
  ['susan', 'sue', 'susie'],
  ['deborah', 'debbie', 'deb'],
  ['victoria', 'vicky', 'tori'],
  ['amelia', 'millie', 'amy'],
  ['emily', 'em', 'emmy'],
  ['emma', 'em'],
  ['isabella', 'bella', 'izzy', 'issy'],
  ['isabel', 'izzy', 'bel'],
  ['gerald', 'gerry', 'jerry'],
  ['geraldine', 'gerry'],
  ['lawrence', 'larry', 'laurie'],
  ['leonard', 'len', 'lenny', 'leo'],
  ['terence', 'terry'],
  ['timothy', 'tim', 'timmy'],
  ['kenneth', 'ken', 'kenny'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donny'],
  ['gregory', 'greg'],
  ['philip', 'phil', 'pip'],
  ['phillip', 'phil'],
  ['raymond', 'ray'],
  ['douglas', 'doug', 'dougie'],
  ['gareth', 'gaz', 'gary'],
  ['dylan', 'dyl'],
  ['rhys', 'reece'],
  ['megan', 'meg'],
  ['sian', 'shan'],
  ['alison', 'ali'],
  ['alistair', 'ali', 'al'],
  ['albert', 'al', 'bert', 'bertie'],
  ['alan', 'al'],
  ['angela', 'angie'],
  ['barbara', 'barb', 'babs'],
  ['dorothy', 'dot', 'dotty'],
  ['frances', 'fran', 'frankie'],
  ['francis', 'frank', 'frankie'],
  ['mohammed', 'mohammad', 'muhammad', 'mo'],
];
