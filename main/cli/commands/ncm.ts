import { InputError } from '../../core/errors';
import { nearestCorrelation, requireCorrelationShape, squareMatrixFromRows } from '../../core/market/ncm';
import type { Command } from '../command';
import { requiredString } from '../flags';
import { rowsOf } from '../../services/correlation';
import { readUserFile } from './data';

/** Input tolerance of `mwb ncm`: asymmetry and diagonal deviation above this are refused (as the engine's default). */
const INPUT_TOLERANCE = 1e-12;

/**
 * A JSON array of rows → numbers. JSON cannot carry NaN: null, strings ("NaN" included), booleans and
 * anything else that is not a JSON number are read as NaN, so the matrix check names the entry.
 */
export function matrixRowsFromJson(json: unknown, what: string): number[][] {
  if (!Array.isArray(json)) throw new InputError(`${what}: must be a JSON array of rows (arrays of numbers)`);
  return json.map((row, i) => {
    if (!Array.isArray(row)) throw new InputError(`${what}: row ${i} is not an array`);
    return row.map((x) => (typeof x === 'number' ? x : NaN));
  });
}

/** `mwb ncm`: the nearest correlation matrix (Higham 2002) and what the repair changed. */
export const ncmCommand: Command = {
  path: ['ncm'],
  summary: 'Nearest correlation matrix (Higham 2002 alternating projections): repaired matrix, iterations, changes, eigenvalues',
  usage: 'mwb ncm --matrix FILE [--json]   (FILE: a JSON array of rows, symmetric with unit diagonal)',
  options: { matrix: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(_ctx, args) {
    const file = requiredString(args, 'matrix');
    let json: unknown;
    try {
      json = JSON.parse(readUserFile(file));
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`--matrix ${file}: not valid JSON (${(err as Error).message})`);
    }
    const { matrix, n } = squareMatrixFromRows(matrixRowsFromJson(json, `--matrix ${file}`), `--matrix ${file}`);
    const checked = requireCorrelationShape(matrix, n, INPUT_TOLERANCE, `--matrix ${file}`);
    const r = nearestCorrelation(checked, n, { inputTolerance: INPUT_TOLERANCE });
    return {
      matrix: rowsOf(r.matrix, n),
      iterations: r.iterations,
      frobeniusChange: r.frobeniusChange,
      maxChange: r.maxChange,
      eigenvaluesBefore: Array.from(r.eigenvaluesBefore),
      eigenvaluesAfter: Array.from(r.eigenvaluesAfter),
    };
  },
  text(result) {
    const r = result as { matrix: number[][]; iterations: number; frobeniusChange: number; maxChange: number; eigenvaluesBefore: number[]; eigenvaluesAfter: number[] };
    return [
      ...r.matrix.map((row) => row.map((x) => x.toFixed(6).padStart(10)).join(' ')),
      `iterations ${r.iterations}, Frobenius change ${r.frobeniusChange.toPrecision(6)}, max change ${r.maxChange.toPrecision(6)}`,
      `eigenvalues before ${r.eigenvaluesBefore.map((x) => x.toPrecision(6)).join(', ')}`,
      `eigenvalues after  ${r.eigenvaluesAfter.map((x) => x.toPrecision(6)).join(', ')}`,
    ].join('\n');
  },
};
