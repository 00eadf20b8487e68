import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  tsconfig: 'tsconfig.build.json',
  clean: true,
  sourcemap: true,
  target: 'node20',
  // pg-pool.ts resolves pg with createRequire(import.meta.url); the shim gives the CommonJS build a working import.meta.url.
  shims: true,
});
