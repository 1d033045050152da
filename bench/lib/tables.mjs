// Tables for the terminal and for Markdown. Markdown tables are padded the way Prettier pads
// them, so the generated page passes `prettier --check` as it is written.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */

/** Display width; the page's tables use only characters one column wide. */
const width = (text) => [...text].length;

function pad(text, size, align) {
  const room = size - width(text);
  return align === 'right' ? ' '.repeat(room) + text : text + ' '.repeat(room);
}

/**
 * A Markdown table. `columns` are `{ title, align? }` (`right` for figures); `rows` are arrays
 * of cell texts.
 */
export function markdownTable(columns, rows) {
  const escape = (cell) => String(cell).replace(/\|/g, '\\|');
  const cells = rows.map((row) => row.map(escape));
  const sizes = columns.map((column, i) =>
    Math.max(3, width(column.title), ...cells.map((row) => width(row[i]))),
  );
  const line = (row) =>
    `| ${row.map((cell, i) => pad(cell, sizes[i], columns[i].align)).join(' | ')} |`;
  const rule = `| ${sizes
    .map((size, i) =>
      columns[i].align === 'right' ? `${'-'.repeat(size - 1)}:` : '-'.repeat(size),
    )
    .join(' | ')} |`;
  return [line(columns.map((column) => column.title)), rule, ...cells.map(line)].join('\n');
}

/** The same table for the terminal: aligned columns, no Markdown. */
export function terminalTable(columns, rows) {
  const sizes = columns.map((column, i) =>
    Math.max(width(column.title), ...rows.map((row) => width(String(row[i])))),
  );
  const line = (row) =>
    row.map((cell, i) => pad(String(cell), sizes[i], columns[i].align)).join('  ');
  return [
    line(columns.map((column) => column.title)),
    sizes.map((size) => '-'.repeat(size)).join('  '),
    ...rows.map(line),
  ].join('\n');
}
