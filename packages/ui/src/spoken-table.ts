import { spokenInline } from './spoken-prose.ts';

// A table row as models write them, beginning with a pipe. Rows without one (`a | b`) read like
// prose with a pipe in it and are left to be read as such.
const TABLE_ROW = /^ {0,3}\|/;
// A pipe that separates cells: `\|` is a pipe inside a cell.
const CELL_BORDER = /(?<!\\)\|/;
// A delimiter row's cell (`---`, `:--:`): a row of only these is layout, with nothing to say.
const ALIGNMENT = /^:?-+:?$/;

/** Whether a line, or a line's beginning, is a table row (and so waits for its end to be read). */
export const isTableRow = (line: string): boolean => TABLE_ROW.test(line);

/**
 * A complete table row as it should sound: its cells' words (links by their text, see
 * `spokenInline`) joined by commas, without the pipes; empty cells are skipped, nothing is said for
 * the delimiter row. `undefined` for a line that is no table row.
 *
 * @example
 * spokenTableRow('| **Plan** | [Price](/pricing) |'); // '**Plan**, Price'
 * spokenTableRow('| --- | :-: |'); // ''
 */
export function spokenTableRow(line: string): string | undefined {
  if (!isTableRow(line)) return undefined;
  const cells = line
    .split(CELL_BORDER)
    .slice(1)
    .map((cell) => cell.trim())
    .filter(Boolean);
  if (cells.every((cell) => ALIGNMENT.test(cell))) return '';
  return cells.map((cell) => spokenInline(cell.replaceAll('\\|', '|'))).join(', ');
}
