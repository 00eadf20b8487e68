import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {index:'src/index.ts','testing/index':'src/testing/index.ts'},
  format: ['esm', 'cjs'],
  dts: true,
  tsconfig: 'tsconfig.build.json',
  clean: true,
  sourcemap: true,
  target: 'node20',
});
