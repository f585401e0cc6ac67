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

  /* ---- datasets: pages of rows -------------------------------------------------------- */

  /* Each dataset has one view: the page and sort of its table, the filters applied to both the
     table and the chart, and the chart last drawn (redrawn when the filters change). */

  function datasetInfo(slug) {
    return (init.datasets || []).filter(function (d) { return d.slug === slug; })[0] || {};
  }

  function count(value) {
    return typeof value === 'number' ? value.toLocaleString(lang) : '–';
  }

  function renderRows(target, slug, view, result) {
    target.textContent = '';
    if (!result.ok) { target.appendChild(node('p', result.message, 'dxq-case__notice')); return; }
    var wrap = node('div', null, 'dxq-case__scroll');
    var table = node('table', null, 'dxq-case__table');
    table.appendChild(node('caption', fmt(strings.tableCaption, {title: datasetInfo(slug).title})));
    var head = document.createElement('tr');
    result.columns.forEach(function (column) {
      var th = node('th');
      th.setAttribute('scope', 'col');
      th.setAttribute('aria-sort', view.sort === column ?
        (view.descending ? 'descending' : 'ascending') : 'none');
      var button = node('button', column);
      button.type = 'button';
      button.setAttribute('aria-label', fmt(strings.sortBy, {column: column}));
      button.addEventListener('click', function () {
        view.descending = view.sort === column ? !view.descending : false;
        view.sort = column;
        view.page = 1;
        loadRows(target, slug, view);
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
    [[strings.previous, -1, view.page <= 1], [strings.next, 1,
      result.pages !== null ? view.page >= result.pages : result.rows.length < result.page_size]
    ].forEach(function (spec) {
      var button = node('button', spec[0], 'dxq-case__button');
      button.type = 'button';
      button.disabled = spec[2];
      button.addEventListener('click', function () { view.page += spec[1]; loadRows(target, slug, view); });
      pager.appendChild(button);
    });
    pager.appendChild(node('span', result.pages !== null ?
      fmt(strings.pageOf, {page: view.page, pages: result.pages}) : fmt(strings.page, {page: view.page})));
    if (result.total !== null && result.total !== undefined) {
      pager.appendChild(node('span', result.filtered ?
        fmt(strings.rowsMatch, {count: count(result.total), total: count(result.rows_total)}) :
        fmt(strings.rowsTotal, {total: count(result.total)})));
    }
    target.appendChild(pager);
  }

  function pageRequest(slug, view, filters) {
    return post('dataset_page', {dataset: slug, page: view.page, sort: view.sort,
      descending: view.descending, filters: filters || view.filters});
  }

  function loadRows(target, slug, view) {
    target.setAttribute('aria-busy', 'true');
    pageRequest(slug, view).then(function (result) {
      target.removeAttribute('aria-busy');
      renderRows(target, slug, view, result);
    });
  }

  /* ---- datasets: charts ------------------------------------------------------------------ */

  function drawChart(chart, slug, view) {
    var spec = view.chart;
    chart.textContent = strings.loading;
    chart.setAttribute('aria-busy', 'true');
    post('dataset_chart', {dataset: slug, x: spec.x, agg: spec.agg, y: spec.y, kind: spec.kind,
      filters: view.filters}).then(function (result) {
      chart.removeAttribute('aria-busy');
      if (!result.ok) { chart.textContent = result.message; return; }
      if (!result.labels.length) {
        chart.textContent = '';
        chart.appendChild(node('p', result.title));
        chart.appendChild(node('p', strings.noData));
        return;
      }
      result.lang = lang;
      window.DxqChart.draw(chart, result, strings);
    });
  }

  /* ---- datasets: the filter builder ------------------------------------------------------ */

  /* conditions: [{column, op, value}] being edited; applied only by the form's submit. */
  function setupFilter(form, slug, apply) {
    var columns = datasetInfo(slug).columns || [];
    var operators = init.operators || {};
    var max = init.maxFilters || 3;
    var list = form.querySelector('[data-role="conditions"]');
    var add = form.querySelector('[data-action="add-condition"]');
    var status = form.querySelector('[data-role="match"]');
    var prefix = (root.id || 'dxq') + '-filter-' + slug + '-';
    var conditions = [];

    function column(name) {
      return columns.filter(function (c) { return c.name === name; })[0] || columns[0] || {};
    }

    function operatorsOf(name) {
      var info = column(name);
      return operators[info.kind || (info.numeric ? 'number' : 'text')] || operators.text || [];
    }

    function labelled(parent, id, text, control) {
      var field = parent.appendChild(node('div', null, 'dxq-filter__field'));
      var label = field.appendChild(node('label', text));
      label.setAttribute('for', id);
      control.id = id;
      field.appendChild(control);
      return control;
    }

    function fillOperators(select, condition) {
      var choices = operatorsOf(condition.column);
      select.textContent = '';
      choices.forEach(function (choice) {
        var option = select.appendChild(node('option', choice[1]));
        option.value = choice[0];
      });
      if (!choices.some(function (c) { return c[0] === condition.op; })) {
        condition.op = choices.length ? choices[0][0] : '=';
      }
      select.value = condition.op;
    }

    function render(focus) {
      list.textContent = '';
      conditions.forEach(function (condition, index) {
        var n = index + 1, id = prefix + index;
        var item = list.appendChild(node('li', null, 'dxq-filter__condition'));
        var group = item.appendChild(node('fieldset'));
        group.appendChild(node('legend', fmt(strings.condition, {n: n})));
        var columnSelect = labelled(group, id + '-column', strings.filterColumn, node('select'));
        columns.forEach(function (c) { columnSelect.appendChild(node('option', c.name)).value = c.name; });
        columnSelect.value = condition.column;
        columnSelect.setAttribute('data-role', 'column');
        var opSelect = labelled(group, id + '-op', strings.filterOperator, node('select'));
        opSelect.setAttribute('data-role', 'op');
        fillOperators(opSelect, condition);
        var value = labelled(group, id + '-value', strings.filterValue, node('input'));
        value.type = 'text';
        value.value = condition.value;
        value.autocomplete = 'off';
        value.maxLength = 200;
        value.setAttribute('data-role', 'value');
        var syncValue = function () {
          value.inputMode = column(condition.column).kind === 'number' ? 'decimal' : 'text';
        };
        syncValue();
        var remove = group.appendChild(node('button', strings.remove, 'dxq-case__button'));
        remove.type = 'button';
        remove.setAttribute('data-action', 'remove-condition');
        remove.setAttribute('aria-label', fmt(strings.removeCondition, {n: n}));
        columnSelect.addEventListener('change', function () {
          condition.column = columnSelect.value;
          fillOperators(opSelect, condition);
          syncValue();
        });
        opSelect.addEventListener('change', function () { condition.op = opSelect.value; });
        value.addEventListener('input', function () {
          condition.value = value.value;
          if (value.getAttribute('aria-invalid')) { value.removeAttribute('aria-invalid'); }
        });
        remove.addEventListener('click', function () {
          conditions.splice(index, 1);
          render(conditions.length ? Math.min(index, conditions.length - 1) : null);
        });
      });
      add.disabled = conditions.length >= max;
      if (focus === null) {
        add.focus();
      } else if (focus !== undefined) {
        list.querySelectorAll('select[data-role="column"]')[focus].focus();
      }
    }

    add.addEventListener('click', function () {
      if (conditions.length >= max || !columns.length) { return; }
      conditions.push({column: columns[0].name, op: '', value: ''});
      render(conditions.length - 1);
    });

    function showStatus(text, error) {
      status.textContent = text;
      status.classList.toggle('is-error', !!error);
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var inputs = list.querySelectorAll('input[data-role="value"]');
      for (var i = 0; i < conditions.length; i++) {
        if (!String(conditions[i].value).trim()) {
          inputs[i].setAttribute('aria-invalid', 'true');
          showStatus(fmt(strings.valueMissing, {n: i + 1}), true);
          inputs[i].focus();
          return;
        }
      }
      var filters = conditions.map(function (c) {
        return {column: c.column, op: c.op, value: String(c.value).trim()};
      });
      showStatus(strings.loading, false);
      apply(filters).then(function (result) {
        if (!result.ok) { showStatus(result.message, true); return; }
        showStatus(fmt(strings.rowsMatch, {count: count(result.total),
          total: count(result.rows_total)}), false);
      });
    });
    render();
  }

  function setupDataset(article) {
    var slug = article.getAttribute('data-dataset');
    var view = {page: 1, sort: null, descending: false, filters: [], chart: null};
    var show = article.querySelector('[data-action="show-rows"]');
    var rows = article.querySelector('[data-role="rows"]');
    var chartForm = article.querySelector('[data-role="chart-form"]');
    var chart = chartForm && chartForm.querySelector('[data-role="chart"]');
    if (show && rows) {
      show.addEventListener('click', function () {
        show.hidden = true;
        rows.textContent = strings.loading;
        loadRows(rows, slug, view);
      });
    }
    var filterForm = article.querySelector('[data-role="filter-form"]');
    if (filterForm && rows) {
      /* The first page with the new filters: the filters are kept only when it is served. */
      setupFilter(filterForm, slug, function (filters) {
        return pageRequest(slug, {page: 1, sort: view.sort, descending: view.descending},
          filters).then(function (result) {
          if (!result.ok) { return result; }
          view.filters = filters;
          view.page = 1;
          if (show) { show.hidden = true; }
          renderRows(rows, slug, view, result);
          if (view.chart && chart) { drawChart(chart, slug, view); }
          return result;
        });
      });
    }
    if (!chartForm) { return; }
    var agg = chartForm.elements.agg, y = chartForm.elements.y;
    var syncMeasure = function () { y.disabled = agg.value === 'count' || !y.value; };
    agg.addEventListener('change', syncMeasure);
    syncMeasure();
    chartForm.addEventListener('submit', function (event) {
      event.preventDefault();
      view.chart = {x: chartForm.elements.x.value, agg: agg.value, y: y.disabled ? null : y.value,
        kind: chartForm.elements.kind.value};
      drawChart(chart, slug, view);
    });
  }

  Array.prototype.forEach.call(root.querySelectorAll('form[data-question]'), setupQuestion);
  Array.prototype.forEach.call(root.querySelectorAll('[data-dataset]'), setupDataset);
  return {};
}
