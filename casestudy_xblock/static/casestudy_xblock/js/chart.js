/* DX Quest: a small SVG bar/line chart with its data table beside it (for screen readers and
   for reading exact values). No library, no network; every text comes from the caller. */
(function (global) {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var W = 640, H = 340, LEFT = 70, RIGHT = 16, TOP = 24, BOTTOM = 90;
  var counter = 0;

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function html(name, text, parent) {
    var node = document.createElement(name);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function toNumber(value) {
    var number = typeof value === 'number' ? value : parseFloat(value);
    return isFinite(number) ? number : null;
  }

  function format(value, lang) {
    var number = toNumber(value);
    if (number === null) { return '–'; }
    return number.toLocaleString(lang || undefined, {maximumFractionDigits: 2});
  }

  function niceStep(range, ticks) {
    var raw = range / Math.max(1, ticks);
    var power = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (raw <= steps[i] * power) { return steps[i] * power; }
    }
    return 10 * power;
  }

  function scale(values) {
    var numbers = values.map(toNumber).filter(function (v) { return v !== null; });
    var min = Math.min.apply(null, [0].concat(numbers));
    var max = Math.max.apply(null, [0].concat(numbers));
    if (min === max) { max = min + 1; }
    var step = niceStep(max - min, 5);
    min = Math.floor(min / step) * step;
    max = Math.ceil(max / step) * step;
    var plot = H - TOP - BOTTOM;
    return {
      min: min, max: max, step: step,
      y: function (v) { return TOP + plot - ((v - min) / (max - min)) * plot; }
    };
  }

  function shorten(text) {
    text = String(text === null || text === undefined ? '–' : text);
    return text.length > 14 ? text.slice(0, 13) + '…' : text;
  }

  function axes(svg, s, data, lang) {
    el('line', {x1: LEFT, y1: TOP, x2: LEFT, y2: H - BOTTOM, 'class': 'dxq-chart__axis'}, svg);
    el('line', {x1: LEFT, y1: s.y(0), x2: W - RIGHT, y2: s.y(0), 'class': 'dxq-chart__axis'}, svg);
    for (var v = s.min; v <= s.max + s.step / 2; v += s.step) {
      var tick = el('text', {x: LEFT - 6, y: s.y(v) + 4, 'text-anchor': 'end',
        'class': 'dxq-chart__label'}, svg);
      tick.textContent = format(v, lang);
      el('line', {x1: LEFT - 3, y1: s.y(v), x2: LEFT, y2: s.y(v), 'class': 'dxq-chart__axis'}, svg);
    }
    var band = (W - LEFT - RIGHT) / Math.max(1, data.labels.length);
    var every = Math.max(1, Math.ceil(data.labels.length / 25));
    data.labels.forEach(function (label, i) {
      if (i % every) { return; }
      var x = LEFT + band * (i + 0.5), y = H - BOTTOM + 12;
      var text = el('text', {x: x, y: y, 'text-anchor': 'end', 'class': 'dxq-chart__label',
        transform: 'rotate(-40 ' + x + ' ' + y + ')'}, svg);
      text.textContent = shorten(label);
    });
    return band;
  }

  function marks(svg, s, data, band) {
    var points = [];
    data.values.forEach(function (value, i) {
      var number = toNumber(value);
      if (number === null) { return; }
      var x = LEFT + band * (i + 0.5);
      var title = String(data.labels[i]) + ': ' + format(number, data.lang);
      if (data.kind === 'line') {
        points.push(x + ',' + s.y(number));
        el('title', {}, el('circle', {cx: x, cy: s.y(number), r: 3, 'class': 'dxq-chart__dot'}, svg))
          .textContent = title;
      } else {
        var top = Math.min(s.y(number), s.y(0));
        var rect = el('rect', {x: x - band * 0.4, y: top, width: Math.max(1, band * 0.8),
          height: Math.max(1, Math.abs(s.y(number) - s.y(0))), 'class': 'dxq-chart__bar'}, svg);
        el('title', {}, rect).textContent = title;
      }
    });
    if (points.length > 1) {
      el('polyline', {points: points.join(' '), 'class': 'dxq-chart__line'}, svg);
    }
  }

  function table(data, strings) {
    var wrap = html('div');
    wrap.className = 'dxq-case__scroll';
    var t = html('table', null, wrap);
    t.className = 'dxq-case__table';
    html('caption', strings.chartTable || '', t);
    var head = html('tr', null, html('thead', null, t));
    html('th', data.x, head).setAttribute('scope', 'col');
    html('th', data.y, head).setAttribute('scope', 'col');
    var body = html('tbody', null, t);
    data.labels.forEach(function (label, i) {
      var row = html('tr', null, body);
      html('th', label === null ? '–' : label, row).setAttribute('scope', 'row');
      html('td', format(data.values[i], data.lang), row);
    });
    return wrap;
  }

  /* data: {labels, values, kind: 'bar'|'line', title, x, y, lang}; strings: {chartTable}. */
  function draw(container, data, strings) {
    counter += 1;
    var id = 'dxq-chart-' + counter;
    container.textContent = '';
    var figure = html('figure', null, container);
    figure.className = 'dxq-chart__figure';
    var svg = el('svg', {viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img',
      'aria-labelledby': id, focusable: 'false'}, figure);
    el('title', {id: id}, svg).textContent = data.title || '';
    var s = scale(data.values);
    marks(svg, s, data, axes(svg, s, data, data.lang));
    html('figcaption', data.title || '', figure);
    container.appendChild(table(data, strings || {}));
    return figure;
  }

  global.DxqChart = {draw: draw, format: format};
}(window));
