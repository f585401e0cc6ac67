/* DX Quest case-study editor (Studio): the questions' correct choices, dataset upload and status.
   The form, the skill picker and saving are the shared editor's (DxqForm in studio_form.js):
   nothing is saved while the server reports a problem, and the form keeps the input. */
function DxqCaseStudio(runtime, element, init) {
  'use strict';
  var root = element && element.jquery ? element[0] : element;
  var F = window.DxqForm, el = F.el, strings = init.strings;
  var io = F.requests(runtime, root, strings), post = io.post, send = io.send;

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

  F.studio(runtime, root, init, io, {
    state: fromContent(JSON.parse(JSON.stringify(init.content))),
    widgets: {correct: correctWidget, dataset: datasetWidget},
    toContent: toContent
  });
  return {};
}
