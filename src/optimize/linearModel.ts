/**
 * A solver-neutral sparse linear model (rows in CSR), the single source every exporter and solver adapter
 * reads, so the LP file, the MPS file and the internal solve are the same model by construction.
 */

export interface LinearModel {
  readonly name: string;
  readonly sense: 'max' | 'min';
  readonly colNames: readonly string[];
  readonly colCost: Float64Array;
  /** Lower bounds are 0 for every column; upper bound per column (Infinity = none). */
  readonly colUpper: Float64Array;
  /** 1 = binary, 0 = continuous. */
  readonly colBinary: Uint8Array;
  readonly rowNames: readonly string[];
  /** -Infinity = no lower bound. */
  readonly rowLower: Float64Array;
  /** Infinity = no upper bound. */
  readonly rowUpper: Float64Array;
  readonly rowStart: Int32Array;
  readonly rowIndex: Int32Array;
  readonly rowValue: Float64Array;
}

/** Incremental builder: add columns, then rows over existing columns. Cost: O(nonzeros). */
export class ModelBuilder {
  private readonly colNames: string[] = [];
  private readonly colCost: number[] = [];
  private readonly colUpper: number[] = [];
  private readonly colBinary: number[] = [];
  private readonly rowNames: string[] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];
  private readonly rowStart: number[] = [0];
  private readonly rowIndex: number[] = [];
  private readonly rowValue: number[] = [];

  constructor(readonly name: string, readonly sense: 'max' | 'min') {}

  get cols(): number {
    return this.colNames.length;
  }

  /** Add a column with bounds [0, upper]; returns its index. */
  addCol(name: string, cost: number, upper: number, binary: boolean): number {
    if (!Number.isFinite(cost)) throw new Error(`ModelBuilder.addCol: non-finite cost ${cost} for ${name}`);
    this.colNames.push(name);
    this.colCost.push(cost);
    this.colUpper.push(upper);
    this.colBinary.push(binary ? 1 : 0);
    return this.colNames.length - 1;
  }

  /** Add `lower ≤ Σ values·x[indices] ≤ upper`; duplicate indices are not allowed. */
  addRow(name: string, lower: number, upper: number, indices: readonly number[], values: readonly number[]): number {
    if (indices.length !== values.length) throw new Error(`ModelBuilder.addRow: ${indices.length} indices vs ${values.length} values in ${name}`);
    this.rowNames.push(name);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    for (let i = 0; i < indices.length; i++) {
      this.rowIndex.push(indices[i]!);
      this.rowValue.push(values[i]!);
    }
    this.rowStart.push(this.rowIndex.length);
    return this.rowNames.length - 1;
  }

  build(): LinearModel {
    return {
      name: this.name,
      sense: this.sense,
      colNames: this.colNames,
      colCost: Float64Array.from(this.colCost),
      colUpper: Float64Array.from(this.colUpper),
      colBinary: Uint8Array.from(this.colBinary),
      rowNames: this.rowNames,
      rowLower: Float64Array.from(this.rowLower),
      rowUpper: Float64Array.from(this.rowUpper),
      rowStart: Int32Array.from(this.rowStart),
      rowIndex: Int32Array.from(this.rowIndex),
      rowValue: Float64Array.from(this.rowValue),
    };
  }
}

/** Neumaier-compensated sum of c·x (d3's fsum idea). Cost: O(cols). */
export function objectiveValue(model: LinearModel, x: ArrayLike<number>): number {
  let sum = 0;
  let comp = 0;
  for (let j = 0; j < model.colCost.length; j++) {
    const term = model.colCost[j]! * x[j]!;
    const t = sum + term;
    comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  return sum + comp;
}

/** Row activities A·x. Cost: O(nonzeros). */
export function rowActivities(model: LinearModel, x: ArrayLike<number>): Float64Array {
  const act = new Float64Array(model.rowNames.length);
  for (let i = 0; i < act.length; i++) {
    let s = 0;
    for (let k = model.rowStart[i]!; k < model.rowStart[i + 1]!; k++) s += model.rowValue[k]! * x[model.rowIndex[k]!]!;
    act[i] = s;
  }
  return act;
}

/** Number of nonzeros. */
export function nonzeros(model: LinearModel): number {
  return model.rowIndex.length;
}
