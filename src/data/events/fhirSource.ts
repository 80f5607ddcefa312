import type { StagedTable } from '../../extract/tables.js';
import type { Duck } from './duck.js';
import type { TableSource } from './omopSource.js';

export async function registerFhir(_duck: Duck, _dir: string, _tables: readonly StagedTable[]): Promise<TableSource[]> {
  throw new Error('registerFhir: not yet');
}
