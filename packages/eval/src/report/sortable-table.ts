import { esc } from './html';

export interface SortableColumn {
  /** Header text (plain, escaped here). */
  readonly label: string;
  /** Right-aligned, sorted as numbers. */
  readonly numeric?: boolean;
  /** Longer explanation shown as the header's tooltip. */
  readonly title?: string;
}

export interface SortableRow {
  /** The row's cells, trusted HTML (built with `esc`); may use colspan. */
  readonly cells: string;
  /** One sort key per column: numbers for numeric columns, text otherwise; null sorts last. */
  readonly keys: readonly (string | number | null)[];
  readonly className?: string;
}

/**
 * A table whose columns sort on a click of their header (a real button, so Tab, Enter and Space work),
 * with `aria-sort` on the sorted column. Sort keys travel on each row, so cells may span columns and show
 * intervals. Needs {@link SORT_SCRIPT} on the page; without script the table is still a plain table.
 */
export function sortableTable(id: string, columns: readonly SortableColumn[], rows: readonly SortableRow[], caption?: string): string {
  const head = columns
    .map(
      (c, i) =>
        `<th scope="col"${c.numeric ? ' class="num"' : ''} aria-sort="none"${c.title ? ` title="${esc(c.title)}"` : ''}><button type="button" class="sort" data-col="${i}"${c.numeric ? ' data-numeric=""' : ''}>${esc(c.label)}<span class="arrow" aria-hidden="true"></span></button></th>`,
    )
    .join('');
  const body = rows
    .map((r) => {
      const keys = r.keys.map((k) => (typeof k === 'number' && !Number.isFinite(k) ? null : k));
      return `<tr${r.className ? ` class="${esc(r.className)}"` : ''} data-keys="${esc(JSON.stringify(keys))}">${r.cells}</tr>`;
    })
    .join('\n');
  return `<div class="table-flow"><table id="${esc(id)}" class="sortable" data-sortable="">${caption ? `<caption>${esc(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div>`;
}

/**
 * Sorts `table[data-sortable]` by the clicked column: ascending first, then toggling; missing keys last;
 * ties keep their current order (Array.prototype.sort is stable).
 */
export const SORT_SCRIPT = `(function () {
  document.querySelectorAll('table[data-sortable]').forEach(function (table) {
    var headers = table.querySelectorAll('thead th');
    table.querySelectorAll('thead button.sort').forEach(function (button) {
      button.addEventListener('click', function () {
        var col = Number(button.getAttribute('data-col'));
        var numeric = button.hasAttribute('data-numeric');
        var th = button.parentElement;
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (tr) { var k = JSON.parse(tr.getAttribute('data-keys') || '[]')[col]; return k === undefined ? null : k; };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
          var c = numeric ? x - y : String(x).localeCompare(String(y));
          return dir === 'ascending' ? c : -c;
        });
        rows.forEach(function (tr) { body.appendChild(tr); });
      });
    });
  });
})();`;
