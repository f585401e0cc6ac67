/* DX Quest case-study editor (Studio): the form, the skill picker, dataset upload and status,
   and saving. Nothing is saved while the server reports a problem; the form keeps the input. */
function DxqCaseStudio(runtime, element, init) {
  'use strict';
  var root = element && element.jquery ? element[0] : element;
  var F = window.DxqForm, el = F.el, fmt = F.fmt;
  var strings = init.strings, skillNames = init.skillNames || {};
  var form = root.querySelector('form.dxq-editor');
  var summary = root.querySelector('[data-role="summary"]');
  var status = root.querySelector('[data-role="status"]');
  var state = fromContent(JSON.parse(JSON.stringify(init.content)));

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function send(url, body, json) {
    var headers = {'X-CSRFToken': csrfToken()};
    if (json) { headers['Content-Type'] = 'application/json'; }
    return fetch(url, {method: 'POST', credentials: 'same-origin', headers: headers,
      body: json ? JSON.stringify(body) : body}).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) { return {ok: false, message: data.message || data.error || strings.networkError}; }
        return data;
      });
    }, function () { return {ok: false, message: strings.networkError}; });
  }

  function post(handler, data) { return send(runtime.handlerUrl(root, handler), data, true); }

  /* Choices carry a "correct" flag while editing; the answer is rebuilt from it on save. */
  function fromContent(content) {
    (content.questions || []).forEach(function (q) {
      var answer = q.answer;
      (q.choices || []).forEach(function (c) {
        c._correct = Array.isArray(answer) ? answer.indexOf(c.id) >= 0 : answer === c.id;
      });
    });
    return content;
  }

  function toContent(data) {
    var content = JSON.parse(JSON.stringify(data));
    (content.questions || []).forEach(function (q) {
      if (q.kind === 'single' || q.kind === 'multiple') {
        var ids = (q.choices || []).filter(function (c) { return c._correct; })
          .map(function (c) { return c.id; });
        q.answer = q.kind === 'single' ? (ids[0] || null) : ids;
      }
      (q.choices || []).forEach(function (c) { delete c._correct; });
      if (q.tolerance && !q.tolerance.mode) { delete q.tolerance; }
    });
    (content.datasets || []).forEach(function (d) { delete d._dataset; });
    return content;
  }

  /* ---- widgets ------------------------------------------------------------------------- */

  function correctWidget(wrap, field, choice, path, ctx) {
    var id = F.nextId(), single = ctx.question && ctx.question.kind === 'single';
    var box = el('input', {type: 'checkbox', id: id, 'data-field': path, 'data-path': path});
    box.checked = !!choice._correct;
    box.addEventListener('change', function () {
      if (single && box.checked) {
        (ctx.question.choices || []).forEach(function (c) { c._correct = false; });
        Array.prototype.forEach.call(wrap.parentNode.parentNode.querySelectorAll(
          'input[type="checkbox"][data-field$="._correct"]'), function (other) { other.checked = false; });
        box.checked = true;
      }
      choice._correct = box.checked;
    });
    wrap.appendChild(box);
    wrap.appendChild(el('label', {'for': id}, ' ' + field.label));
  }

  function skillsWidget(wrap, field, base, path, ctx, editor) {
    var list = Array.isArray(base[field.key]) ? base[field.key] : (base[field.key] = []);
    var labelId = F.nextId();
    wrap.appendChild(el('span', {'class': 'dxq-editor__label', id: labelId}, field.label));
    var chips = el('ul', {'class': 'dxq-editor__chips', 'aria-labelledby': labelId, 'data-field': path});
    list.forEach(function (skillId, index) {
      var name = skillNames[skillId] || skillId, item = el('li', {'data-field': path + '.' + index}, name);
      var remove = el('button', {type: 'button', 'class': 'dxq-case__button', 'data-path': path + '.' + index,
        'aria-label': fmt(strings.removeSkill, {name: name})}, '×');
      remove.addEventListener('click', function () {
        list.splice(index, 1);
        editor.structure(path + ':search');
      });
      item.appendChild(remove);
      chips.appendChild(item);
    });
    wrap.appendChild(chips);
    var id = F.nextId();
    wrap.appendChild(el('label', {'for': id}, strings.searchSkills));
    var search = el('input', {type: 'search', id: id, 'data-path': path + ':search', autocomplete: 'off'});
    var results = el('ul', {'class': 'dxq-editor__chips', 'aria-live': 'polite'});
    var timer = null;
    search.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        post('search_skills', {q: search.value}).then(function (data) {
          results.textContent = '';
          var found = (data.skills || []).filter(function (s) { return list.indexOf(s.id) < 0; });
          if (!found.length) { results.appendChild(el('li', {}, data.ok ? strings.noSkills : data.message)); }
          found.slice(0, 12).forEach(function (skill) {
            var add = el('button', {type: 'button', 'class': 'dxq-case__button'},
              fmt(strings.addSkill, {name: skill.label}));
            add.addEventListener('click', function () {
              skillNames[skill.id] = skill.label;
              list.push(skill.id);
              editor.structure(path + ':search');
            });
            results.appendChild(el('li')).appendChild(add);
          });
        });
      }, 250);
    });
    wrap.appendChild(search);
    wrap.appendChild(results);
  }

  function datasetWidget(wrap, field, dataset, path) {
    var base = path.replace(/\._dataset$/, '');
    wrap.appendChild(el('span', {'class': 'dxq-editor__label'}, field.label));
    var line = el('p', {role: 'status', 'aria-live': 'polite'});
    var polls = 0;
    function check() {
      if (!/^[0-9a-f]{64}$/.test(String(dataset.sha256 || '').toLowerCase())) { return; }
      post('dataset_status', {sha256: dataset.sha256}).then(function (data) {
        line.textContent = data.ok ? data.summary : data.message;
        if (data.ok && !data.final && polls < 40) { polls += 1; setTimeout(check, 3000); }
      });
    }
    var checkButton = el('button', {type: 'button', 'class': 'dxq-case__button', 'data-action': 'status'},
      strings.checkStatus);
    checkButton.addEventListener('click', function () { polls = 0; check(); });
    wrap.appendChild(line);
    wrap.appendChild(checkButton);
    if (!init.uploadUrl) {
      wrap.appendChild(el('p', {'class': 'dxq-editor__help'}, strings.uploadUnavailable));
    } else {
      var id = F.nextId();
      wrap.appendChild(el('label', {'for': id}, strings.upload));
      var file = el('input', {type: 'file', id: id, accept: '.csv,.xlsx,text/csv'});
      var upload = el('button', {type: 'button', 'class': 'dxq-case__button', 'data-action': 'upload'},
        strings.upload);
      upload.addEventListener('click', function () {
        if (!file.files.length) { file.focus(); return; }
        var body = new FormData();
        body.append('file', file.files[0]);
        line.textContent = strings.uploading;
        send(init.uploadUrl, body, false).then(function (data) {
          var info = data.dataset || data;
          if (!info.sha256) { line.textContent = data.message || data.error || strings.uploadFailed; return; }
          dataset.sha256 = info.sha256;
          dataset.filename = info.filename || file.files[0].name;
          ['sha256', 'filename'].forEach(function (key) {
            var input = root.querySelector('input[data-field="' + base + '.' + key + '"]');
            if (input) { input.value = dataset[key]; }
          });
          polls = 0;
          check();
        });
      });
      wrap.appendChild(file);
      wrap.appendChild(upload);
    }
    check();
  }

  var editor = new F.Form(root.querySelector('[data-role="sections"]'), init.schema, state, strings,
    {correct: correctWidget, skills: skillsWidget, dataset: datasetWidget});
  editor.render();

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    status.textContent = strings.saving;
    summary.textContent = '';
    if (runtime.notify) { runtime.notify('save', {state: 'start', message: strings.saving}); }
    post('save_studio', {content: toContent(state)}).then(function (result) {
      if (result.ok) {
        editor.clearErrors();
        status.textContent = result.message || strings.saved;
        if (runtime.notify) { runtime.notify('save', {state: 'end'}); }
        return;
      }
      status.textContent = '';
      summary.textContent = '';
      summary.appendChild(el('p', {}, result.message || strings.notSaved));
      if (result.errors) {
        summary.appendChild(el('p', {}, fmt(strings.errorCount, {count: result.errors.length})));
      }
      var first = editor.showErrors(result.errors || []);
      if (runtime.notify) { runtime.notify('error', {title: strings.notSaved, message: result.message || ''}); }
      (first || summary).focus();
    });
  });

  root.querySelector('[data-action="cancel"]').addEventListener('click', function () {
    if (runtime.notify) { runtime.notify('cancel', {}); }
  });
  return {};
}
