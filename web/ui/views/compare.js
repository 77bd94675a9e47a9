// Year over year: any metric of one year against any metric of another, per unit and area.
import { $, api, formatNumber, h, L, queryOf } from '../lib.js';

$('#compare-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const { rows } = await api(`/api/compare?${queryOf(event.target)}`);
    $('#compare-rows').replaceChildren(
      ...(rows.length
        ? rows.map((r) =>
            h('tr', {},
              h('td', {}, r.scope ?? 'toàn địa bàn'), h('td', {}, r.unit),
              h('td', { class: 'number' }, `${r.from.year} ${L.metrics[r.from.metric] ?? r.from.metric}: ${formatNumber(r.from.value)}`),
              h('td', { class: 'number' }, r.to ? `${r.to.year} ${L.metrics[r.to.metric] ?? r.to.metric}: ${formatNumber(r.to.value)}` : 'không có'),
              h('td', { class: 'number' }, r.change === null ? '—' : `${r.change > 0 ? '+' : ''}${formatNumber(r.change)}`),
              h('td', { class: 'number' }, r.change_percent === null ? '—' : `${r.change_percent > 0 ? '+' : ''}${formatNumber(r.change_percent)}%`)))
        : [h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'Không có số liệu để so sánh.'))]),
    );
  } catch (error) {
    $('#compare-rows').replaceChildren(h('tr', {}, h('td', { colspan: 6, class: 'failed' }, error.message)));
  }
});

