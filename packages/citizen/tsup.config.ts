import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'matching/index': 'src/matching/index.ts', 'synthetic/index': 'src/synthetic/index.ts', 'search/index': 'src/search/index.ts', 'gdpr/index': 'src/gdpr/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  tsconfig: 'tsconfig.build.json',
  clean: true,
  sourcemap: true,
  target: 'node20',
});
