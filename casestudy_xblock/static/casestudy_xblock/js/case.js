/* DX Quest case-study block, learner side: answers, hints, data pages and charts.
   Plain ES2017 without libraries; every text shown comes translated from the server. */
function DxqCaseStudent(runtime, element, init) {
  'use strict';
  var root = element && element.jquery ? element[0] : element;
  var strings = (init && init.strings) || {};
  var lang = document.documentElement.getAttribute('lang') || undefined;

  function fmt(text, values) {
    return String(text || '').replace(/%\((\w+)\)s/g, function (all, key) {
      return values[key] === undefined ? all : values[key];
    });
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function post(handler, data) {
    return fetch(runtime.handlerUrl(root, handler), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrfToken()},
      body: JSON.stringify(data)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) { return {ok: false, message: body.message || body.error || strings.networkError}; }
        return body;
      });
    }, function () { return {ok: false, message: strings.networkError}; });
  }

  function node(name, text, className) {
    var el = document.createElement(name);
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    if (className) { el.className = className; }
    return el;
  }

  /* ---- questions ------------------------------------------------------------------------ */

  function answerOf(form) {
    var kind = form.getAttribute('data-kind');
    var inputs = Array.prototype.slice.call(form.querySelectorAll('[name="answer"]'));
    if (kind === 'multiple') {
      return inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    }
    if (kind === 'single') {
      var checked = inputs.filter(function (i) { return i.checked; })[0];
      return checked ? checked.value : '';
    }
    return inputs[0] ? inputs[0].value : '';
  }

  function showFeedback(box, result) {
    box.textContent = '';
    box.classList.remove('is-correct', 'is-incorrect', 'is-error');
    if (!result.ok) {
      box.classList.add('is-error');
      box.appendChild(node('p', result.message, 'dxq-question__verdict'));
      return;
    }
    var feedback = result.feedback;
    box.classList.add(feedback.correct ? 'is-correct' : 'is-incorrect');
    box.appendChild(node('p', feedback.correct ? strings.correct : strings.incorrect,
      'dxq-question__verdict'));
    if (feedback.html) {
      var rich = node('div', null, 'dxq-case__md');
      rich.setAttribute('lang', feedback.lang);
      rich.innerHTML = feedback.html; /* sanitised on the server (nh3) */
      box.appendChild(rich);
    } else if (feedback.text) {
      box.appendChild(node('p', feedback.text));
    }
    (feedback.detail || []).forEach(function (line) { box.appendChild(node('p', line)); });
  }

  function showHints(list, hints) {
    list.textContent = '';
    hints.forEach(function (hint, index) {
      var item = node('li', null, 'dxq-case__md');
      item.appendChild(node('strong', fmt(strings.hintTitle, {n: index + 1})));
      var body = node('div');
      body.setAttribute('lang', hint.lang);
      body.innerHTML = hint.html; /* sanitised on the server (nh3) */
      item.appendChild(body);
      list.appendChild(item);
    });
  }

  function setupQuestion(form) {
    var qid = form.getAttribute('data-question');
    var box = form.querySelector('[data-role="feedback"]');
    var submit = form.querySelector('button[type="submit"]');
    var hintButton = form.querySelector('[data-action="hint"]');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (init.preview || submit.disabled) { return; }
      submit.disabled = true;
      box.classList.remove('is-correct', 'is-incorrect', 'is-error');
      box.textContent = strings.submitting;
      post('submit_answer', {question: qid, answer: answerOf(form)}).then(function (result) {
        showFeedback(box, result);
        if (result.ok) {
          form.querySelector('[data-role="attempts"]').textContent = result.attempts_text;
          var score = root.querySelector('[data-role="score"]');
          if (score) { score.textContent = result.score_text; }
          if (result.done) {
            form.classList.add('is-done');
            form.querySelector('fieldset').disabled = true;
            return;
          }
        }
        submit.disabled = false;
      });
    });
    if (hintButton) {
      hintButton.addEventListener('click', function () {
        if (init.preview) { return; }
        hintButton.disabled = true;
        post('get_hint', {question: qid}).then(function (result) {
          if (result.ok) {
            showHints(form.querySelector('[data-role="hints"]'), result.hints);
            hintButton.disabled = result.hints_left < 1;
          } else {
            showFeedback(box, result);
          }
        });
      });
    }
  }

  /* ---- datasets: pages of rows ---------------------------------------------------------- */

  function datasetInfo(slug) {
    return (init.datasets || []).filter(function (d) { return d.slug === slug; })[0] || {};
  }

  function renderRows(target, slug, state, result) {
    target.textContent = '';
    if (!result.ok) { target.appendChild(node('p', result.message, 'dxq-case__notice')); return; }
    var wrap = node('div', null, 'dxq-case__scroll');
    var table = node('table', null, 'dxq-case__table');
    table.appendChild(node('caption', fmt(strings.tableCaption, {title: datasetInfo(slug).title})));
    var head = document.createElement('tr');
    result.columns.forEach(function (column) {
      var th = node('th');
      th.setAttribute('scope', 'col');
      th.setAttribute('aria-sort', state.sort === column ?
        (state.descending ? 'descending' : 'ascending') : 'none');
      var button = node('button', column);
      button.type = 'button';
      button.setAttribute('aria-label', fmt(strings.sortBy, {column: column}));
      button.addEventListener('click', function () {
        state.descending = state.sort === column ? !state.descending : false;
        state.sort = column;
        state.page = 1;
        loadRows(target, slug, state);
      });
      th.appendChild(button);
      head.appendChild(th);
    });
    table.appendChild(node('thead')).appendChild(head);
    var body = table.appendChild(node('tbody'));
    result.rows.forEach(function (row) {
      var tr = body.appendChild(node('tr'));
      row.forEach(function (cell) { tr.appendChild(node('td', cell === null ? '–' : cell)); });
    });
    wrap.appendChild(table);
    target.appendChild(wrap);
    if (!result.rows.length) { target.appendChild(node('p', strings.noData)); }
    var pager = node('div', null, 'dxq-dataset__pager');
    [[strings.previous, -1, state.page <= 1], [strings.next, 1,
      result.pages !== null ? state.page >= result.pages : result.rows.length < result.page_size]
    ].forEach(function (spec) {
      var button = node('button', spec[0], 'dxq-case__button');
      button.type = 'button';
      button.disabled = spec[2];
      button.addEventListener('click', function () { state.page += spec[1]; loadRows(target, slug, state); });
      pager.appendChild(button);
    });
    pager.appendChild(node('span', result.pages !== null ?
      fmt(strings.pageOf, {page: state.page, pages: result.pages}) : fmt(strings.page, {page: state.page})));
    if (result.total !== null && result.total !== undefined) {
      pager.appendChild(node('span', fmt(strings.rowsTotal, {total: result.total.toLocaleString(lang)})));
    }
    target.appendChild(pager);
  }

  function loadRows(target, slug, state) {
    target.setAttribute('aria-busy', 'true');
    post('dataset_page', {dataset: slug, page: state.page, sort: state.sort,
      descending: state.descending}).then(function (result) {
      target.removeAttribute('aria-busy');
      renderRows(target, slug, state, result);
    });
  }

  function setupDataset(article) {
    var slug = article.getAttribute('data-dataset');
    var show = article.querySelector('[data-action="show-rows"]');
    var rows = article.querySelector('[data-role="rows"]');
    if (show && rows) {
      show.addEventListener('click', function () {
        show.hidden = true;
        rows.textContent = strings.loading;
        loadRows(rows, slug, {page: 1, sort: null, descending: false});
      });
    }
    var form = article.querySelector('[data-role="chart-form"]');
    if (!form) { return; }
    var agg = form.elements.agg, y = form.elements.y;
    var syncMeasure = function () { y.disabled = agg.value === 'count' || !y.value; };
    agg.addEventListener('change', syncMeasure);
    syncMeasure();
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var chart = form.querySelector('[data-role="chart"]');
      chart.textContent = strings.loading;
      post('dataset_chart', {dataset: slug, x: form.elements.x.value, agg: agg.value,
        y: y.disabled ? null : y.value, kind: form.elements.kind.value}).then(function (result) {
        if (!result.ok) { chart.textContent = result.message; return; }
        result.lang = lang;
        window.DxqChart.draw(chart, result, strings);
      });
    });
  }

  Array.prototype.forEach.call(root.querySelectorAll('form[data-question]'), setupQuestion);
  Array.prototype.forEach.call(root.querySelectorAll('[data-dataset]'), setupDataset);
  return {};
}
