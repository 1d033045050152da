// The page's chart, drawn from the run's figures: per-invocation median as a multiple of the
// floor for every scenario (log scale), then cold start and bundle size per contender.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { LIMITS } from './figures.mjs';

const COLOURS = {
  floor: '#9e9e9e',
  gatefold: '#1b7f5b',
  middy: '#e07b00',
  'middy-runtime': '#f4b266',
  powertools: '#3b6fd1',
  hono: '#c2185b',
};

const FONT = 'font-family="Helvetica, Arial, sans-serif"';
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function text(x, y, content, attributes = '') {
  const size = attributes.includes('font-size') ? '' : ' font-size="12"';
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${FONT}${size} ${attributes}>${escape(content)}</text>`;
}

function bar(x, y, width, height, colour) {
  return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(width, 1).toFixed(1)}" height="${height}" fill="${colour}"/>`;
}

const LEFT = 230;
const PLOT = 560;
const WIDTH = LEFT + PLOT + 110;

/** Per-invocation ratios to the floor, one group of bars per scenario, on a log scale. */
function invocationPanel(top, contenders, scenarios, invocation) {
  const shown = contenders.filter(({ id, timed }) => timed && id !== 'floor');
  const ratios = scenarios.flatMap((scenario) =>
    shown.map(({ id }) => invocation[scenario.id][id].p50 / invocation[scenario.id].floor.p50),
  );
  const decades = Math.max(1, Math.ceil(Math.log10(Math.max(...ratios))));
  const x = (value) => LEFT + (Math.log10(Math.max(value, 1)) / decades) * PLOT;
  const barHeight = 7;
  const groupHeight = shown.length * barHeight + 10;
  const parts = [
    text(
      10,
      top + 14,
      'Per invocation: median time as a multiple of the hand-written floor (log scale)',
      'font-weight="bold"',
    ),
  ];
  const plotTop = top + 36;
  const plotBottom = plotTop + scenarios.length * groupHeight;
  for (let decade = 0; decade <= decades; decade++) {
    const value = 10 ** decade;
    parts.push(
      `<line x1="${x(value).toFixed(1)}" y1="${plotTop}" x2="${x(value).toFixed(1)}" y2="${plotBottom}" stroke="#ddd"/>`,
      text(x(value) - 8, plotBottom + 14, `${value}×`, 'fill="#555"'),
    );
  }
  // The geomean's aim and target, drawn where a scenario's own ratio would meet them.
  for (const value of [LIMITS.geomeanAim, LIMITS.geomean]) {
    parts.push(
      `<line x1="${x(value).toFixed(1)}" y1="${plotTop}" x2="${x(value).toFixed(1)}" y2="${plotBottom}" stroke="#1b7f5b" stroke-dasharray="4 3"/>`,
    );
  }
  parts.push(
    text(
      x(LIMITS.geomean) + 3,
      plotTop - 3,
      `geomean: ${LIMITS.geomeanAim}× aim, ${LIMITS.geomean}× target`,
      'font-size="10" fill="#1b7f5b"',
    ),
  );
  scenarios.forEach((scenario, row) => {
    const y = plotTop + row * groupHeight;
    parts.push(
      text(
        10,
        y + groupHeight / 2,
        `${scenario.label} · ${scenario.kind === 'rest' ? 'v1' : 'v2'}`,
      ),
    );
    shown.forEach(({ id }, i) => {
      const value = invocation[scenario.id][id].p50 / invocation[scenario.id].floor.p50;
      const barTop = y + 3 + i * barHeight;
      parts.push(bar(LEFT, barTop, x(value) - LEFT, barHeight - 1, COLOURS[id]));
      parts.push(
        text(
          x(value) + 4,
          barTop + barHeight - 1,
          `${value.toFixed(1)}×`,
          'font-size="8" fill="#333"',
        ),
      );
    });
  });
  return { svg: parts.join('\n'), bottom: plotBottom + 24 };
}

/** One bar per contender for a single figure, on a linear scale. */
function contenderPanel(top, title, contenders, valueOf, format) {
  const values = contenders.map(({ id }) => valueOf(id));
  const largest = Math.max(...values);
  const barHeight = 16;
  const parts = [text(10, top + 14, title, 'font-weight="bold"')];
  contenders.forEach(({ id, label }, i) => {
    const y = top + 26 + i * (barHeight + 4);
    const width = (values[i] / largest) * PLOT;
    parts.push(text(10, y + barHeight - 4, label));
    parts.push(bar(LEFT, y, width, barHeight, COLOURS[id]));
    parts.push(text(LEFT + width + 6, y + barHeight - 4, format(values[i]), 'fill="#333"'));
  });
  return { svg: parts.join('\n'), bottom: top + 26 + contenders.length * (barHeight + 4) + 16 };
}

function legend(top, contenders) {
  const parts = [];
  let x = 10;
  for (const { id, label } of contenders) {
    parts.push(bar(x, top, 12, 12, COLOURS[id]), text(x + 16, top + 10, label));
    x += 30 + label.length * 6.5;
  }
  return { svg: parts.join('\n'), bottom: top + 24 };
}

/** The whole chart as an SVG document, from one run's results (the primary Node version's). */
export function chart(run, contenders, scenarios) {
  const { invocation, coldStart, bundles, machine } = run;
  const sections = [];
  let top = 10;
  for (const draw of [
    (at) => legend(at, contenders),
    (at) => invocationPanel(at, contenders, scenarios, invocation),
    (at) =>
      contenderPanel(
        at,
        'Cold start: first response from process start, median of fresh processes (ms)',
        contenders,
        (id) => coldStart[id].fromProcessStartMs,
        (value) => `${value.toFixed(1)} ms`,
      ),
    (at) =>
      contenderPanel(
        at,
        'Bundle: minified and gzipped handler, ES modules first (KB of 1,000 bytes)',
        contenders,
        (id) => bundles[id].gzipBytes / 1000,
        (value) => `${value.toFixed(1)} KB`,
      ),
  ]) {
    const section = draw(top);
    sections.push(section.svg);
    top = section.bottom + 8;
  }
  sections.push(
    text(
      10,
      top + 4,
      `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}`,
      'fill="#777" font-size="10"',
    ),
  );
  const height = Math.ceil(top + 14);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...sections,
    '</svg>',
    '',
  ].join('\n');
}
