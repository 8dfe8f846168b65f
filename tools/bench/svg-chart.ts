import { escapeHtml } from '../../src/render/results';
/** Hand-written SVG line charts (no chart library): log-scaled axes, one polyline per series, a legend. */

export interface Series {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
  color: string;
  dashed?: boolean;
}

export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  /** Horizontal reference lines, e.g. the Worker's 128 MB. */
  rules?: ReadonlyArray<{ y: number; label: string }>;
}

const WIDTH = 440;
const HEIGHT = 320;
const MARGIN = { left: 62, right: 16, top: 34, bottom: 92 };


/** Powers of ten (and 2×, 5× where there is room) between lo and hi: the ticks of a log axis. */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  const decades = Math.log10(hi) - Math.log10(lo);
  const steps = decades <= 2 ? [1, 2, 5] : [1];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of steps) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
    }
  }
  return ticks;
}

function formatTick(v: number): string {
  if (v >= 1000) return `${v / 1000}k`;
  if (v >= 1) return String(v);
  return String(Number(v.toPrecision(1)));
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/** One panel as an SVG group at (x, y). Values ≤ 0 cannot sit on a log axis and are left out. */
export function panelSvg(panel: Panel, x: number, y: number): string {
  const points = panel.series.flatMap((s) => s.points).filter(([px, py]) => px > 0 && py > 0);
  const ruleYs = (panel.rules ?? []).map((r) => r.y);
  const xs = points.map(([px]) => px);
  const ys = [...points.map(([, py]) => py), ...ruleYs];
  const [x0, x1] = pad(xs.length ? Math.min(...xs) : 1, xs.length ? Math.max(...xs) : 10);
  const [y0, y1] = pad(ys.length ? Math.min(...ys) : 1, ys.length ? Math.max(...ys) : 10);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (v: number) => MARGIN.left + ((Math.log10(v) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0))) * plotW;
  const sy = (v: number) => MARGIN.top + plotH - ((Math.log10(v) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0))) * plotH;
  const out: string[] = [`<g transform="translate(${x},${y})">`];
  out.push(`<text x="${WIDTH / 2}" y="18" text-anchor="middle" font-weight="bold">${escapeHtml(panel.title)}</text>`);
  out.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  for (const t of logTicks(x0, x1)) {
    out.push(`<line x1="${fmt(sx(t))}" y1="${MARGIN.top}" x2="${fmt(sx(t))}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`);
    out.push(`<text x="${fmt(sx(t))}" y="${MARGIN.top + plotH + 14}" text-anchor="middle">${formatTick(t)}</text>`);
  }
  for (const t of logTicks(y0, y1)) {
    out.push(`<line x1="${MARGIN.left}" y1="${fmt(sy(t))}" x2="${MARGIN.left + plotW}" y2="${fmt(sy(t))}" stroke="#eee"/>`);
    out.push(`<text x="${MARGIN.left - 4}" y="${fmt(sy(t) + 4)}" text-anchor="end">${formatTick(t)}</text>`);
  }
  out.push(`<text x="${MARGIN.left + plotW / 2}" y="${MARGIN.top + plotH + 30}" text-anchor="middle">${escapeHtml(panel.xLabel)}</text>`);
  out.push(
    `<text transform="translate(14,${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(panel.yLabel)}</text>`,
  );
  for (const rule of panel.rules ?? []) {
    out.push(`<line x1="${MARGIN.left}" y1="${fmt(sy(rule.y))}" x2="${MARGIN.left + plotW}" y2="${fmt(sy(rule.y))}" stroke="#c00" stroke-dasharray="2,3"/>`);
    out.push(`<text x="${MARGIN.left + plotW - 4}" y="${fmt(sy(rule.y) - 4)}" text-anchor="end" fill="#c00">${escapeHtml(rule.label)}</text>`);
  }
  panel.series.forEach((s, i) => {
    const pts = s.points.filter(([px, py]) => px > 0 && py > 0);
    const dash = s.dashed ? ' stroke-dasharray="6,4"' : '';
    if (pts.length > 1) {
      out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${pts.map(([px, py]) => `${fmt(sx(px))},${fmt(sy(py))}`).join(' ')}"/>`);
    }
    for (const [px, py] of pts) out.push(`<circle cx="${fmt(sx(px))}" cy="${fmt(sy(py))}" r="3" fill="${s.color}"/>`);
    const ly = MARGIN.top + plotH + 46 + Math.floor(i / 2) * 15;
    const lx = MARGIN.left + (i % 2) * (plotW / 2);
    out.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 18}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${lx + 22}" y="${ly}">${escapeHtml(s.name)}</text>`);
  });
  out.push('</g>');
  return out.join('\n');
}

/** A little room beyond the data on a log axis. */
function pad(lo: number, hi: number): [number, number] {
  return [lo / 1.3, hi * 1.3];
}

/** Panels side by side in one standalone SVG document. */
export function chartSvg(panels: readonly Panel[], caption: string): string {
  const width = WIDTH * panels.length;
  const height = HEIGHT + 22;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...panels.map((p, i) => panelSvg(p, i * WIDTH, 0)),
    `<text x="8" y="${height - 6}" fill="#555">${escapeHtml(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
