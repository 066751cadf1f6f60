// Hand-drawn SVG charts: a light curve, a sky plot and a coverage bar. They scale with their container
// (viewBox), so the same drawing serves a wide screen and a phone.

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value);
  }
  children.flat().forEach((child) => child && el.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return el;
}

function scale(domainMin, domainMax, rangeMin, rangeMax) {
  const span = domainMax - domainMin || 1;
  return (value) => rangeMin + ((value - domainMin) / span) * (rangeMax - rangeMin);
}

/** Round tick values (1, 2 or 5 times a power of ten) covering [min, max]. */
export function ticks(min, max, count = 5) {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw);
  const first = Math.ceil(min / step) * step;
  const values = [];
  for (let v = first; v <= max + step * 1e-9; v += step) values.push(Number(v.toPrecision(12)));
  return values;
}

function padded(min, max, fraction = 0.05) {
  if (min === max) return [min - 1, max + 1];
  const pad = (max - min) * fraction;
  return [min - pad, max + pad];
}

const MARGIN = {left: 64, right: 40, top: 16, bottom: 44};

/** Axes with grid lines and labels; returns the group to draw into. */
function frame(svg, width, height, x, y, xTicks, yTicks, xLabel, yLabel, xFormat = String, yFormat = String) {
  const grid = s('g', {class: 'grid'});
  for (const t of xTicks) {
    grid.append(s('line', {x1: x(t), x2: x(t), y1: MARGIN.top, y2: height - MARGIN.bottom}),
      s('text', {x: x(t), y: height - MARGIN.bottom + 16, 'text-anchor': 'middle'}, xFormat(t)));
  }
  for (const t of yTicks) {
    grid.append(s('line', {x1: MARGIN.left, x2: width - MARGIN.right, y1: y(t), y2: y(t)}),
      s('text', {x: MARGIN.left - 6, y: y(t) + 4, 'text-anchor': 'end'}, yFormat(t)));
  }
  svg.append(grid,
    s('text', {class: 'axis-label', x: (MARGIN.left + width - MARGIN.right) / 2, y: height - 6, 'text-anchor': 'middle'}, xLabel),
    s('text', {class: 'axis-label', x: 14, y: (MARGIN.top + height - MARGIN.bottom) / 2, 'text-anchor': 'middle',
      transform: `rotate(-90 14 ${(MARGIN.top + height - MARGIN.bottom) / 2})`}, yLabel));
}

/**
 * The light curve: normalised flux (each image's gain taken out) with its 1σ error, the flux as measured as
 * faint rings behind it, points still waiting for normalisation as grey crosses at their measured flux, the
 * source's NVSS flux as a dashed line, and each located departure (evidence) as a shaded band.
 */
export function lightCurve(points, nvssFluxMjy, departures = []) {
  const width = 1000;
  const height = 340;
  const svg = s('svg', {class: 'chart light-curve', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `light curve of ${points.length} measurements`});
  if (points.length === 0) {
    svg.append(s('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle'}, 'no measurements yet'));
    return svg;
  }
  const shown = (p) => (p.flux_norm_mjy ?? p.flux_mjy);
  const error = (p) => (p.flux_norm_mjy !== null && p.flux_norm_mjy !== undefined ? p.error_norm_mjy : p.error_mjy) || 0;
  const lows = points.flatMap((p) => [shown(p) - error(p), p.flux_mjy]);
  const highs = points.flatMap((p) => [shown(p) + error(p), p.flux_mjy]);
  if (nvssFluxMjy !== null && nvssFluxMjy !== undefined) {
    lows.push(nvssFluxMjy);
    highs.push(nvssFluxMjy);
  }
  const [x0, x1] = padded(points[0].mjd, points[points.length - 1].mjd, 0.03);
  const [y0, y1] = padded(Math.min(...lows), Math.max(...highs), 0.08);
  const x = scale(x0, x1, MARGIN.left, width - MARGIN.right);
  const y = scale(y0, y1, height - MARGIN.bottom, MARGIN.top);
  const xTicks = ticks(x0, x1, 6);
  const step = xTicks.length > 1 ? xTicks[1] - xTicks[0] : 1;
  const digits = Math.max(0, Math.min(6, -Math.floor(Math.log10(step))));
  frame(svg, width, height, x, y, xTicks, ticks(y0, y1, 5), 'MJD', 'flux (mJy)', (t) => t.toFixed(digits), (t) => String(t));
  for (const d of departures) {
    const from = Math.max(x0, d.start_mjd);
    const to = Math.min(x1, d.end_mjd ?? x1);
    if (!(to >= from)) continue;
    svg.append(s('rect', {class: `departure ${d.direction || ''}`, x: x(from), y: MARGIN.top, width: Math.max(2, x(to) - x(from)),
      height: height - MARGIN.top - MARGIN.bottom}, s('title', {}, d.label)));
  }
  if (nvssFluxMjy !== null && nvssFluxMjy !== undefined) {
    svg.append(s('line', {class: 'nvss', x1: MARGIN.left, x2: width - MARGIN.right, y1: y(nvssFluxMjy), y2: y(nvssFluxMjy)}),
      s('text', {class: 'nvss-label', x: width - MARGIN.right - 4, y: y(nvssFluxMjy) - 6, 'text-anchor': 'end'},
        `NVSS ${nvssFluxMjy.toFixed(1)} mJy`));
  }
  const raw = s('g', {class: 'raw'});
  const marks = s('g', {class: 'measurements'});
  for (const p of points) {
    const normalised = p.flux_norm_mjy !== null && p.flux_norm_mjy !== undefined;
    if (!normalised) {
      const cx = x(p.mjd);
      const cy = y(p.flux_mjy);
      marks.append(s('path', {class: 'pending', d: `M${cx - 4},${cy - 4}L${cx + 4},${cy + 4}M${cx - 4},${cy + 4}L${cx + 4},${cy - 4}`},
        s('title', {}, `MJD ${p.mjd.toFixed(5)}: ${p.flux_mjy.toFixed(2)} mJy as measured, waiting for normalisation (${p.normalisation})`)));
      continue;
    }
    raw.append(s('circle', {class: 'raw-point', cx: x(p.mjd), cy: y(p.flux_mjy), r: 3}));
    const e = p.error_norm_mjy || 0;
    marks.append(
      s('line', {class: 'error-bar', x1: x(p.mjd), x2: x(p.mjd), y1: y(p.flux_norm_mjy - e), y2: y(p.flux_norm_mjy + e)}),
      s('circle', {class: 'point', cx: x(p.mjd), cy: y(p.flux_norm_mjy), r: 3.5},
        s('title', {}, `MJD ${p.mjd.toFixed(5)}: ${p.flux_norm_mjy.toFixed(2)} ± ${e.toFixed(2)} mJy normalised (${p.flux_mjy.toFixed(2)} as measured)`)));
  }
  svg.append(raw, marks);
  return svg;
}

/** RA (increasing to the left, as on the sky) against Dec: pointing history and ESE candidates. */
export function skyPlot(pointing, candidates, onPick) {
  const width = 900;
  const height = 520;
  const svg = s('svg', {class: 'chart sky', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `sky plot: ${pointing.length} pointings, ${candidates.length} candidates`});
  const ras = [...pointing.map((p) => p.ra_deg), ...candidates.map((c) => c.ra_deg)];
  const decs = [...pointing.map((p) => p.dec_deg), ...candidates.map((c) => c.dec_deg)];
  if (ras.length === 0) {
    svg.append(s('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle'}, 'no pointing or candidates yet'));
    return svg;
  }
  const [ra0, ra1] = padded(Math.max(0, Math.min(...ras)), Math.min(360, Math.max(...ras)), 0.05);
  const [dec0, dec1] = padded(Math.max(-90, Math.min(...decs)), Math.min(90, Math.max(...decs)), 0.08);
  const x = scale(ra1, ra0, MARGIN.left, width - MARGIN.right);
  const y = scale(dec0, dec1, height - MARGIN.bottom, MARGIN.top);
  frame(svg, width, height, x, y, ticks(ra0, ra1, 8), ticks(dec0, dec1, 6), 'RA (deg)', 'Dec (deg)');
  svg.append(s('polyline', {class: 'pointing-track', points: pointing.map((p) => `${x(p.ra_deg)},${y(p.dec_deg)}`).join(' ')}));
  const pointings = s('g', {class: 'pointings'});
  for (const p of pointing) {
    pointings.append(s('circle', {class: 'pointing', cx: x(p.ra_deg), cy: y(p.dec_deg), r: 3},
      s('title', {}, `pointing ${p.field_name || ''} RA ${p.ra_deg.toFixed(2)} Dec ${p.dec_deg.toFixed(2)} (MJD ${p.mjd ? p.mjd.toFixed(4) : '?'})`)));
  }
  const marks = s('g', {class: 'candidates'});
  for (const c of candidates) {
    const r = 3 + Math.min(9, Math.log10(1 + (c.significance || 0)) * 3);
    marks.append(s('circle', {class: 'candidate', cx: x(c.ra_deg), cy: y(c.dec_deg), r, tabindex: 0,
      onclick: () => onPick(c), onkeydown: (e) => e.key === 'Enter' && onPick(c)},
    s('title', {}, `${c.source_id}: ${c.flag_type}, significance ${(c.significance || 0).toFixed(1)}`)));
  }
  svg.append(pointings, marks);
  return svg;
}

/**
 * Where every required table type is calibrated in green, where only some are in amber, where none is in red,
 * across [startMjd, endMjd], labelled in UTC hours.
 */
export function coverageBar(coverage, startMjd, endMjd, toDate) {
  const width = 900;
  const height = 64;
  const left = 8;
  const right = width - 8;
  const x = scale(startMjd, endMjd, left, right);
  const svg = s('svg', {class: 'chart coverage', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `calibration coverage ${(coverage.covered_fraction * 100).toFixed(0)} percent`});
  const band = (cls, interval) => s('rect', {class: cls, x: x(interval.start_mjd), y: 8, height: 28,
    width: Math.max(1, x(interval.end_mjd) - x(interval.start_mjd))},
  s('title', {}, `${cls.split(' ').pop()}: ${toDate(interval.start_mjd).toISOString().slice(11, 16)}–${toDate(interval.end_mjd).toISOString().slice(11, 16)} UTC`));
  (coverage.missing || coverage.gaps).forEach((gap) => svg.append(band('gap missing', gap)));
  (coverage.partial || []).forEach((partial) => svg.append(band('gap partial', partial)));
  coverage.covered.forEach((covered) => svg.append(band('covered', covered)));
  for (let hour = 0; hour <= 24; hour += 3) {
    const mjd = startMjd + (hour / 24) * (endMjd - startMjd);
    svg.append(s('text', {x: x(mjd), y: 54, 'text-anchor': hour === 0 ? 'start' : hour === 24 ? 'end' : 'middle'},
      toDate(mjd).toISOString().slice(11, 16)));
  }
  return svg;
}
