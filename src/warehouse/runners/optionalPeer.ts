import { InternalCustomerError } from '../../core/errors.js';

/**
 * Loads an optional peer dependency by dynamic `import()`, so that the library never needs it and
 * a runner only when it is created; a missing package fails with the command that installs it.
 * @internal
 */
export async function optionalPeer<T>(
  load: () => Promise<T>,
  runner: string,
  packageName: string,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${runner} requires the optional peer dependency ${packageName} (npm install ${packageName}): ${(error as Error).message}`,
    );
  }
}

/**
 * Fails unless the query is written for the runner's dialect: SQL of one dialect sent to another
 * engine can run and quietly mean something else (periods, quoting, integer division).
 * @internal
 */
export function checkDialect(runner: string, expected: string, actual: string): void {
  if (actual !== expected) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${runner} requires a query of dialect ${expected}, got ${actual}`,
    );
  }
}
