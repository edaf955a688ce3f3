import { defineConfig } from 'tsup';

// One entry per public module (DESIGN.md). Splitting lets the CJS entries share one copy of
// InternalCustomerError and the other core pieces.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    core: 'src/core/index.ts',
    schemas: 'src/schemas/index.ts',
    privacy: 'src/privacy/index.ts',
    satisfaction: 'src/satisfaction/index.ts',
    retention: 'src/retention/index.ts',
    service: 'src/service/index.ts',
    csv: 'src/csv/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  treeshake: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
});
