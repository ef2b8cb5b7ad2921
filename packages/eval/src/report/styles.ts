/** The report's stylesheet: system-independent font stack, readable tables, a responsive chart grid. */
export const REPORT_CSS = `
:root { --ink:#1f2933; --muted:#52606d; --line:#e4e7eb; --bg:#f5f7fa; --card:#fff; --a:#4C78A8; --b:#F58518; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink); font: 14px/1.5 "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
header.top { background:#102a43; color:#f0f4f8; padding:28px 40px 22px; }
header.top h1 { margin:0 0 4px; font-size:26px; font-weight:700; letter-spacing:.2px; }
header.top .sub { color:#bcccdc; font-size:14px; }
header.top .policies { margin-top:14px; display:flex; gap:12px; flex-wrap:wrap; }
.pill { display:inline-flex; align-items:center; gap:8px; background:rgba(255,255,255,.08); border-radius:999px; padding:4px 12px 4px 6px; font-size:13px; }
.dot { width:12px; height:12px; border-radius:50%; display:inline-block; }
.dot-a { background:var(--a); } .dot-b { background:var(--b); }
nav.toc { position:sticky; top:0; z-index:2; background:#fff; border-bottom:1px solid var(--line); padding:8px 40px; display:flex; gap:18px; flex-wrap:wrap; font-size:13px; }
nav.toc a { color:var(--muted); text-decoration:none; } nav.toc a:hover { color:var(--ink); }
main { max-width:1280px; margin:0 auto; padding:24px 40px 60px; }
section { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:20px 24px; margin:0 0 22px; }
section h2 { margin:0 0 4px; font-size:19px; }
section p.lead { margin:0 0 14px; color:var(--muted); }
.cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(220px, 1fr)); gap:12px; margin:8px 0 18px; }
.card { border:1px solid var(--line); border-radius:8px; padding:12px 14px; min-width:0; }
.card .badge { white-space:normal; max-width:100%; }
.card .k { font-size:12px; color:var(--muted); font-weight:600; }
.card .v { font-size:16px; margin:4px 0 6px; font-variant-numeric: tabular-nums; }
table { border-collapse:collapse; width:100%; font-size:13px; font-variant-numeric: tabular-nums; }
th, td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:12px; color:var(--muted); font-weight:600; background:#fafbfc; }
table caption { caption-side:top; text-align:left; color:var(--muted); font-size:12px; padding:6px 10px; }
th button.sort { all:unset; cursor:pointer; display:inline-flex; align-items:center; gap:4px; }
th button.sort:focus-visible { outline:2px solid var(--a); outline-offset:2px; border-radius:3px; }
th button.sort .arrow::after { content:'↕'; color:#9aa5b1; font-size:11px; }
th[aria-sort="ascending"] button.sort .arrow::after { content:'▲'; color:var(--ink); }
th[aria-sort="descending"] button.sort .arrow::after { content:'▼'; color:var(--ink); }
th.num button.sort { flex-direction:row; }
td.num { text-align:right; white-space:nowrap; } th.num { text-align:right; }
/* Narrow windows: tighter cells keep many-column tables (checks and power) inside the page. */
@media (max-width: 1100px) { th, td { padding:6px 6px; } }
td .ci { color:var(--muted); font-size:12px; }
tr.skipped td { color:#9aa5b1; }
tr.diff td { border-top:2px solid var(--line); text-align:center; }
.na { color:#9aa5b1; font-style:italic; white-space:nowrap; }
/* Tables grow with their rows (no inner scroll box); only a table wider than the page scrolls sideways. */
.table-flow { overflow-x:auto; border:1px solid var(--line); border-radius:8px; }
/* A wide sortable table scrolls sideways on a narrow window with its first column (the row's name) in view. */
table.sortable th:first-child, table.sortable td:first-child { position:sticky; left:0; background:#fff; z-index:1; min-width:10em; }
table.sortable th:first-child { background:#fafbfc; }
section h3 { margin:22px 0 8px; font-size:15px; }
.badge { display:inline-block; padding:1px 9px; border-radius:999px; font-size:12px; font-weight:600; white-space:nowrap; }
.badge-a { background:#dbe7f3; color:#1d4f7c; } .badge-b { background:#fde6d0; color:#9a4a05; } .badge-none { background:#eceff1; color:#52606d; }
.badge-secondary { background:#fff4ce; color:#7a5b00; font-weight:500; margin-top:3px; }
.card .d { font-size:12px; margin:0 0 6px; font-variant-numeric: tabular-nums; }
.verdict { border-radius:10px; padding:14px 18px; margin:6px 0 12px; border-left:6px solid #7b8794; background:#f5f7fa; }
.verdict .kicker { font-size:12px; color:var(--muted); letter-spacing:.4px; }
.verdict .headline { font-size:22px; font-weight:700; line-height:1.3; }
.verdict-ship { border-left-color:#2f9e44; background:#ebfbee; }
.verdict-continue { border-left-color:#e8a100; background:#fff9db; }
.verdict-fix-assignment { border-left-color:#c92a2a; background:#fff5f5; }
.need { display:flex; gap:14px; align-items:center; border:1px solid var(--line); border-radius:8px; padding:10px 14px; margin:0 0 10px; }
.need .n { font-size:24px; font-weight:700; font-variant-numeric: tabular-nums; white-space:nowrap; }
ul.reasons { margin:0 0 14px; padding-left:20px; } ul.reasons li { margin:3px 0; }
table.evidence th[scope="row"] { white-space:nowrap; background:none; color:var(--ink); font-size:13px; }
details.rule { margin-top:12px; color:var(--muted); } details.rule summary { cursor:pointer; color:var(--ink); }
details.rule li.applied { color:var(--ink); }
.grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(470px, 1fr)); gap:16px; margin-top:14px; }
/* min-width:0 lets a grid cell be narrower than its chart's first layout, so charts follow the cell. */
.chart { border:1px solid var(--line); border-radius:8px; padding:8px; min-height:120px; min-width:0; overflow:auto; background:#fff; }
.chart.wide { grid-column: 1 / -1; }
/* Charts are sized to their container (width "container"), so the embed must span it. */
.chart > .chart-host { display:block; width:100%; padding:0; }
.chart .err { color:#b42318; font-size:13px; }
.placeholder { border:2px dashed var(--line); border-radius:8px; padding:18px; color:var(--muted); }
ul.notes { margin:0 0 12px; padding-left:18px; color:var(--muted); }
footer { text-align:center; color:#9aa5b1; font-size:12px; padding:10px 0 30px; }
`;
