import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

it('runs the README example as written', async () => {
  const readme = readFileSync(join(here, '..', 'README.md'), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toContain('createCaseEngine');
  // Point the package import at source; keep everything else as a council developer would paste it.
  const code = (example as string).replaceAll("from '@councilkit/cases'", `from ${JSON.stringify(join(here, 'index.ts'))}`);
  const dir = join(here, '..', 'node_modules', '.readme-example');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'example.ts');
  writeFileSync(file, code);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await import(/* @vite-ignore */ file);
    const lines = log.mock.calls.map((call) => call.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
    expect(lines[0]).toBe('referred on-track ["opened","transitioned"]');
    expect(lines[1]).toContain('"operation":"reportMissedCollection"');
    expect(lines[2]).toContain('stateDiagram-v2');
    // The README's diagram is exactly what toMermaid prints.
    expect(readme).toContain(`\`\`\`mermaid\n${log.mock.calls[2]?.[0] as string}\`\`\``);
  } finally {
    log.mockRestore();
  }
});
