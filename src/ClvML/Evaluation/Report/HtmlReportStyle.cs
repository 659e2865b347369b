namespace ClvML.Evaluation.Report;

/// <summary>
/// The report's style sheet, inlined into every page. Typography follows the usual advice for
/// screen reading: system fonts (nothing to download), ~16 px body, line height ~1.55, a text
/// measure of ~75 characters, numbers in tabular figures so columns line up.
/// </summary>
internal static class HtmlReportStyle
{
    public const string Css = """
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --rule: #d0d7de; --zebra: #f6f8fa; --accent: #0072b2; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #ffffff; color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
header { border-bottom: 1px solid var(--rule); margin-bottom: 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .35rem; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.2rem; margin: 2rem 0 .6rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
p, dl { max-width: 75ch; }
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
nav.toc { background: var(--zebra); border: 1px solid var(--rule); border-radius: 6px; padding: .75rem 1.25rem; margin: 0 0 2rem; }
nav.toc h2 { font-size: 1rem; margin: 0 0 .4rem; border: 0; padding: 0; }
nav.toc ol { margin: 0; padding-left: 1.25rem; }
nav.toc li { margin: .1rem 0; }
.table-wrap { overflow-x: auto; margin: 1rem 0 1.5rem; }
table { border-collapse: collapse; font-size: .9rem; font-variant-numeric: tabular-nums; min-width: 50%; }
caption { caption-side: top; text-align: left; color: var(--muted); font-size: .9rem; padding-bottom: .4rem; }
th, td { padding: .4rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; vertical-align: bottom; }
tbody tr:nth-child(even) { background: var(--zebra); }
tbody tr:hover { background: #eaeef2; }
.num { text-align: right; }
td { white-space: nowrap; }
.center { text-align: center; }
figure { margin: 1.5rem 0 2rem; }
figure svg { display: block; max-width: 100%; height: auto; }
.chart-error { border-left: 4px solid #d55e00; background: #fff4ec; padding: .6rem .9rem; }
.warning { max-width: 75ch; border-left: 4px solid #e69f00; background: #fff8e6; padding: .6rem .9rem; margin: 1rem 0; }
figcaption { color: var(--muted); font-size: .9rem; margin-top: .4rem; max-width: 75ch; }
dl.kv { display: grid; grid-template-columns: max-content auto; gap: .25rem 1.5rem; margin: 1rem 0 1.5rem; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; font-variant-numeric: tabular-nums; }
@media (max-width: 600px) { main { padding: 1rem .75rem 3rem; } h1 { font-size: 1.6rem; } dl.kv { grid-template-columns: 1fr; } dl.kv dd { margin-bottom: .4rem; } }
@media print { main { max-width: none; } nav.toc { display: none; } figure, table { break-inside: avoid; } }

""";
}
