// Year over year: any metric of one year against any metric of another, per unit and area, as a
// table (change and percentage) and a bar chart of the two years (Chart.js).
import { $, api, formatNumber, h, L, queryOf } from '../lib.js';

let chart = null;

const signed = (value, suffix = '') => (value === null ? '—' : `${value > 0 ? '+' : ''}${formatNumber(value)}${suffix}`);
const yearLabel = (side) => `${side.year} ${L.metrics[side.metric] ?? side.metric}`;

/** The rows in the unit most rows count (đơn vị máu, usually), as bars of both years per unit or area. */
function draw(rows) {
  chart?.destroy();
  chart = null;
  const counts = new Map();
  for (const r of rows) counts.set(r.unit, (counts.get(r.unit) ?? 0) + 1);
  const [unit] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  const shown = rows.filter((r) => r.unit === unit);
  $('#compare-figure').hidden = shown.length === 0;
  if (shown.length === 0) return;
  const first = shown[0].from;
  const second = shown.find((r) => r.to)?.to ?? { year: '', metric: '' };
  const caption = `${yearLabel(first)} và ${second.year ? yearLabel(second) : 'năm sau'} theo đơn vị (${unit})`;
  $('#compare-caption').textContent = caption;
  $('#compare-chart').setAttribute('aria-label', `${caption}: ${shown.map((r) => `${r.scope ?? 'toàn địa bàn'} ${formatNumber(r.from.value)} → ${r.to ? formatNumber(r.to.value) : 'không có'}`).join('; ')}`);
  chart = new Chart($('#compare-chart'), {
    type: 'bar',
    data: {
      labels: shown.map((r) => r.scope ?? 'toàn địa bàn'),
      datasets: [
        { label: yearLabel(first), data: shown.map((r) => r.from.value), backgroundColor: '#7aa6d6' },
        { label: second.year ? yearLabel(second) : 'năm sau', data: shown.map((r) => r.to?.value ?? null), backgroundColor: '#12355b' },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: 'vi-VN',
      indexAxis: shown.length > 8 ? 'y' : 'x',
      plugins: { tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatNumber(item.raw)}` } } },
    },
  });
}

$('#compare-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const { rows } = await api(`/api/compare?${queryOf(event.target)}`);
    $('#compare-rows').replaceChildren(
      ...(rows.length
        ? rows.map((r) =>
            h('tr', {},
              h('td', {}, r.scope ?? 'toàn địa bàn'), h('td', {}, r.unit),
              h('td', { class: 'number' }, `${yearLabel(r.from)}: ${formatNumber(r.from.value)}`),
              h('td', { class: 'number' }, r.to ? `${yearLabel(r.to)}: ${formatNumber(r.to.value)}` : 'không có'),
              h('td', { class: 'number' }, signed(r.change)),
              h('td', { class: 'number' }, signed(r.change_percent, '%')),
              h('td', { class: 'number' }, r.ratio === null ? '—' : `${formatNumber(Math.round(r.ratio * 1000) / 10)}%`)))
        : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'Không có số liệu để so sánh.'))]),
    );
    draw(rows);
  } catch (error) {
    $('#compare-rows').replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'failed' }, error.message)));
    draw([]);
  }
});
