import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Every folder under packages/ and examples/ is a Vitest project named after
 * its package. Tests import sibling packages through the `@councilkit/source`
 * export condition, so they run against source with no build step.
 */
const projectDirs = ['packages', 'examples'].flatMap((group) =>
  existsSync(group)
    ? readdirSync(group, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(group, entry.name, 'package.json')))
        .map((entry) => join(group, entry.name))
    : [],
);

// Only our own condition plus 'node': Vite adds import/require itself, and an explicit
// 'import' leaks into Node's own resolution of external CommonJS packages such as pg.
const sourceConditions = ['@councilkit/source', 'node'];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@councilkit/source'] } },
  test: {
    // PGlite boots a whole PostgreSQL in WebAssembly and the browser tests start
    // Chromium: seconds each on a 2-core CI machine. Speed targets live in
    // benchmarks, never in test timeouts.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: projectDirs.map((dir) => ({
      extends: true,
      test: {
        name: dir.split('/')[1],
        root: dir,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        environment: 'node',
      },
    })),
  },
});
