import type { CaseType } from './define-case-type.js';
import type { JsonObject } from './records.js';

/** Mermaid state ids must be plain words; names like `in-progress` are mapped. */
function id(state: string): string {
  return state.replace(/[^A-Za-z0-9_]/g, '_');
}

function label(text: string): string {
  return text.replace(/"/g, "'").replace(/[:;]/g, ' ');
}

/**
 * Render a case type as a Mermaid `stateDiagram-v2`, for READMEs, wikis and
 * service design reviews. Guards appear in square brackets after the
 * transition name; terminal states lead to `[*]`.
 *
 * @example
 * ```ts
 * import { toMermaid } from '@councilkit/cases';
 *
 * console.log(toMermaid(missedBin));
 * // stateDiagram-v2
 * //   [*] --> received
 * //   received --> referred : refer [hasBins]
 * //   ...
 * ```
 */
export function toMermaid<TData extends JsonObject>(caseType: CaseType<TData>): string {
  const lines = ['stateDiagram-v2', `  %% ${label(caseType.title)} (${caseType.name} v${caseType.version})`];
  for (const [name, state] of Object.entries(caseType.states)) {
    const title = state.title ?? name;
    if (title !== name || id(name) !== name) lines.push(`  state "${label(title)}" as ${id(name)}`);
  }
  lines.push(`  [*] --> ${id(caseType.initial)}`);
  for (const [name, transition] of Object.entries(caseType.transitions)) {
    const froms = typeof transition.from === 'string' ? [transition.from] : transition.from;
    const guards = transition.guards && transition.guards.length > 0 ? ` [${transition.guards.join(', ')}]` : '';
    for (const from of froms) lines.push(`  ${id(from)} --> ${id(transition.to)} : ${label(transition.title ?? name)}${label(guards)}`);
  }
  for (const [name, state] of Object.entries(caseType.states)) {
    if (state.terminal) lines.push(`  ${id(name)} --> [*]`);
  }
  for (const [name, state] of Object.entries(caseType.states)) {
    if (state.pausesSla) lines.push(`  note right of ${id(name)} : SLA clock paused`);
  }
  return `${lines.join('\n')}\n`;
}
