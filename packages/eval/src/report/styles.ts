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
.card .k { font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.5px; }
.card .v { font-size:16px; margin:4px 0 6px; font-variant-numeric: tabular-nums; }
table { border-collapse:collapse; width:100%; font-size:13px; font-variant-numeric: tabular-nums; }
th, td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.4px; background:#fafbfc; position:sticky; top:0; z-index:1; }
td.num { text-align:right; white-space:nowrap; } th.num { text-align:right; }
td .ci { color:var(--muted); font-size:12px; }
tr.skipped td { color:#9aa5b1; }
.table-wrap { overflow:auto; max-height:720px; border:1px solid var(--line); border-radius:8px; }
.badge { display:inline-block; padding:1px 9px; border-radius:999px; font-size:12px; font-weight:600; white-space:nowrap; }
.badge-a { background:#dbe7f3; color:#1d4f7c; } .badge-b { background:#fde6d0; color:#9a4a05; } .badge-none { background:#eceff1; color:#52606d; }
.grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(470px, 1fr)); gap:16px; margin-top:14px; }
.chart { border:1px solid var(--line); border-radius:8px; padding:8px; min-height:120px; overflow:auto; background:#fff; }
.chart.wide { grid-column: 1 / -1; }
.chart > .vega-embed { display:block; width:fit-content; margin:0 auto; }
.chart .err { color:#b42318; font-size:13px; }
.placeholder { border:2px dashed var(--line); border-radius:8px; padding:18px; color:var(--muted); }
ul.notes { margin:10px 0 0; padding-left:18px; color:var(--muted); }
footer { text-align:center; color:#9aa5b1; font-size:12px; padding:10px 0 30px; }
`;
