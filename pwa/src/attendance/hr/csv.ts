/** A small RFC 4180 reader (quotes, doubled quotes, CRLF, a BOM; `;` or tab also separate cells, as
 * spreadsheets in some locales export them). Each record keeps its 1-based line for error messages. */
export type CsvRecord = { line: number; cells: string[] };

export function parseCsv(text: string): CsvRecord[] {
  const src = text.replace(/^\uFEFF/, '');
  const out: CsvRecord[] = [];
  let cells: string[] = [], cell = '', quoted = false, line = 1, start = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line++; cell += c; }
    } else if (c === '"' && !cell.trim()) { quoted = true; cell = ''; }
    else if (c === ',' || c === ';' || c === '\t') { cells.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      out.push({ line: start, cells: [...cells, cell] });
      cells = []; cell = ''; line++; start = line;
    } else cell += c;
  }
  if (cell || cells.length) out.push({ line: start, cells: [...cells, cell] });
  return out;
}
