import { isInternalCustomerError } from '../../core/errors.js';
import { inspectFile } from '../../load/inspectFile.js';
import { dataError } from '../errors.js';
import type { CliIo } from '../io.js';
import { writeFileAtomic } from '../output.js';

/** Options of `internal-customer init-mapping`. @internal */
export interface InitMappingOptions {
  readonly output?: string | undefined;
}

const ENCODING_NAMES = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' };
const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/**
 * Writes a starter mapping file for an export (to standard output or `--output`): the encoding,
 * delimiter, fields, day formats and value maps found in the file's header and values, each
 * listed in `toConfirm`. A summary goes to standard error. @internal
 */
export async function initMappingCommand(
  file: string,
  options: InitMappingOptions,
  io: CliIo,
): Promise<void> {
  let found: Awaited<ReturnType<typeof inspectFile>>;
  try {
    found = await inspectFile(file);
  } catch (error) {
    if (isInternalCustomerError(error)) throw dataError(`cannot read ${file}: ${error.message}`);
    throw error;
  }
  const text = `${JSON.stringify(found.mapping.mapping, null, 2)}\n`;
  if (options.output === undefined) io.stdout.write(text);
  else await writeFileAtomic(options.output, text);
  const points = (found.mapping.mapping.toConfirm as string[]).length;
  io.stderr.write(
    `${file}: ${ENCODING_NAMES[found.encoding]}${found.byteOrderMark ? ' with a byte-order mark' : ''}, ${DELIMITER_NAMES[found.delimiter]}-separated, ${found.lineEnd} line ends, ${found.header.length} columns, ${found.rows.length} rows looked at.\n` +
      `Wrote a starter mapping${options.output === undefined ? '' : ` to ${options.output}`} of kind "${String(found.mapping.mapping.kind)}" with ${points} point${points === 1 ? '' : 's'} to confirm: check each one in "toConfirm", edit the mapping, then empty that list (the mapping is refused until then).\n`,
  );
}
