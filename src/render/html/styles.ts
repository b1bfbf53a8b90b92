import { INDICATOR_BADGE, INK, LEVEL_BADGE, LINK, MUTED, PAGE, PANEL, GRID, SEVERITY_FILL } from './palette.js';

const badges = [
  ...Object.entries(LEVEL_BADGE).map(([level, c]) => `.level-${level}{color:${c.fg};background:${c.bg};border-color:${c.fg}}`),
  ...Object.entries(INDICATOR_BADGE).map(([s, c]) => `.indicator-badge-${s}{color:${c.fg};background:${c.bg};border-color:${c.fg}}`),
  ...Object.entries(INDICATOR_BADGE).map(([s, c]) => `.indicator-${s}{border-left-color:${c.fg === '#ffffff' ? c.bg : c.fg}}`),
  ...Object.entries(SEVERITY_FILL).map(([s, fill]) => `.sev-${s}::before{background:${fill}}`),
].join('\n');

/** The page's only style sheet: system fonts, no external resource, and a print layout. */
export const PAGE_STYLE = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:${PAGE};color:${INK};font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif;-webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:1.7rem;margin:0 0 12px}
h2{font-size:1.35rem;margin:36px 0 6px;padding-top:8px;border-top:3px solid ${INK}}
h3{font-size:1.08rem;margin:26px 0 8px}
a{color:${LINK}}
a:focus-visible,input:focus-visible+label,summary:focus-visible{outline:3px solid ${LINK};outline-offset:2px}
code{font:0.92em ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace}
.muted,.facts{color:${MUTED}}
.caution{background:${PANEL};border-left:5px solid ${INK};padding:10px 14px;margin:0 0 16px;max-width:75ch}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 14px;padding:0}
.counts div{background:${PANEL};border:1px solid ${GRID};border-radius:6px;padding:6px 12px;min-width:96px}
.counts dt{font-size:.8rem;color:${MUTED}}
.counts dd{margin:0;font-size:1.3rem;font-weight:700}
table{border-collapse:collapse;width:100%;margin:4px 0 12px}
caption{text-align:left;font-weight:700;padding:4px 0}
th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid ${GRID}}
thead th{background:${PANEL};font-size:.85rem;border-bottom:2px solid ${MUTED}}
td.num{text-align:right;font-variant-numeric:tabular-nums}
table.files{width:auto}
.contents{display:flex;flex-wrap:wrap;gap:6px 20px;padding:0;list-style:none}
.contents .badge{margin-left:6px}
.badge{display:inline-block;border:1px solid;border-radius:4px;padding:0 7px;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
.person h2 .pid{color:${MUTED};font-weight:400;margin-right:8px}
.level{margin:6px 0 0;max-width:90ch}
.level span:last-child{color:${INK}}
.lane-switch{border:0;margin:0 0 6px;padding:0;display:flex;gap:6px 14px;align-items:center;flex-wrap:wrap}
.lane-switch legend{float:left;font-weight:700;margin-right:8px;padding:0}
.lane-switch label{margin-left:3px}
.chart-wrap{position:relative}
figure{margin:0}
figcaption{font-size:.85rem;color:${MUTED}}
.by-agency{display:none}
.person:has(input[value="agency"]:checked) .by-agency{display:block}
.person:has(input[value="agency"]:checked) .by-type{display:none}
svg text{font-family:inherit}
.lane-label{font-size:12px;text-anchor:end}
.tick{font-size:11px}
.group-label{font-size:10px;font-weight:700;text-transform:uppercase;letter-spacing:.06em}
.tick.mid{text-anchor:middle}.tick.end{text-anchor:end}
.axis-title{font-size:12px;text-anchor:middle}
.legend-text{font-size:12px}
.digit{font-size:10px;font-weight:700;text-anchor:middle;pointer-events:none}
.legend{max-width:100%;height:auto;margin:4px 0 2px}
.mk{cursor:pointer}
.mk:focus{outline:none}
.mk:focus-visible{outline:2px solid ${LINK};outline-offset:2px}
.mk:focus-visible circle,.mk:focus-visible rect,.mk:hover circle,.mk:hover rect{stroke:${INK};stroke-width:2.5}
.tip{position:absolute;z-index:2;width:340px;background:${PAGE};color:${INK};border:1px solid ${INK};border-radius:6px;box-shadow:0 3px 10px rgba(0,0,0,.25);padding:8px 10px;font-size:.85rem}
.tip p{margin:0 0 4px}.tip ul{margin:0;padding-left:18px}
.no-events{color:${MUTED}}
.dimensions{margin:0}
.dimensions div{display:grid;grid-template-columns:110px 1fr;gap:12px;padding:5px 0;border-bottom:1px solid ${GRID}}
.dimensions dt{font-weight:700}
.dimensions dd{margin:0}
.dimensions ul{margin:0;padding-left:18px}
.indicators{list-style:none;padding:0;margin:0}
.indicator{border:1px solid ${GRID};border-left:6px solid;border-radius:4px;padding:8px 12px;margin:0 0 10px;break-inside:avoid}
.indicator p{margin:0 0 4px}
.indicator-summary{font-weight:600}
.indicator details{color:${MUTED};font-size:.88rem;margin:2px 0 4px}
.indicator summary{cursor:pointer}
.rule{max-width:100ch}
.evidence-title{font-size:.85rem;color:${MUTED}}
.evidence{display:flex;flex-wrap:wrap;gap:4px 6px;list-style:none;padding:0;margin:0;font-size:.82rem}
.evidence li{background:${PANEL};border:1px solid ${GRID};border-radius:3px;padding:0 5px}
.evidence span{color:${MUTED}}
table.chronology{font-size:.86rem}
.chronology th[scope=row]{font-weight:600;white-space:nowrap}
.chronology td.date{white-space:nowrap}
.chronology .what p{margin:0 0 2px}
.chronology .more span{color:${MUTED}}
.chronology .sources{font-size:.8rem;color:${MUTED};overflow-wrap:anywhere;min-width:14em}
.chronology tr:target{background:#fff4e5;outline:2px solid ${LINK}}
.sev{white-space:nowrap}
.sev::before{content:"";display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;vertical-align:-1px}
.sev-none::before{border:1.5px dashed ${MUTED}}
${badges}
@media print{
  body{font-size:10.5pt}
  main{max-width:none;padding:0}
  .lane-switch,.tip,.skip{display:none!important}
  .person{break-before:page}
  h2,h3{break-after:avoid}
  figure,.legend{break-inside:avoid}
  a{color:${INK};text-decoration:none}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  .chronology tr:target{background:none;outline:none}
}
.skip{position:absolute;left:-999px}
.skip:focus{left:8px;top:8px;background:${PAGE};padding:4px 8px;z-index:3}
`;
