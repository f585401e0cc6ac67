/* DX Quest deliverable editor (Studio): every field and the rubric (criteria with options; add,
   remove, reorder), drawn by the case block's form engine (DxqForm). Nothing is saved while the
   server reports a problem, and the form keeps what was typed. */
function DxqDeliverableStudio(runtime, element, init) {
  'use strict';
  var root = element && element.jquery ? element[0] : element;
  var F = window.DxqForm, el = F.el, fmt = F.fmt;
  var strings = init.strings, skillNames = init.skillNames || {};
  var form = root.querySelector('form.dxq-editor');
  var summary = root.querySelector('[data-role="summary"]');
  var status = root.querySelector('[data-role="status"]');
  var state = JSON.parse(JSON.stringify(init.content));

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function post(handler, data) {
    return fetch(runtime.handlerUrl(root, handler), {method: 'POST', credentials: 'same-origin',
      headers: {'X-CSRFToken': csrfToken(), 'Content-Type': 'application/json'},
      body: JSON.stringify(data)}).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) { return {ok: false, message: body.message || body.error || strings.networkError}; }
        return body;
      });
    }, function () { return {ok: false, message: strings.networkError}; });
  }

  function checkboxWidget(wrap, field, base, path) {
    var id = F.nextId();
    var box = el('input', {type: 'checkbox', id: id, 'data-field': path, 'data-path': path});
    box.checked = !!F.get(base, field.key);
    box.addEventListener('change', function () { F.set(base, field.key, box.checked); });
    wrap.appendChild(box);
    wrap.appendChild(el('label', {'for': id}, ' ' + field.label));
  }

  function datetimeWidget(wrap, field, base, path) {
    var id = F.nextId();
    wrap.appendChild(el('label', {'for': id}, field.label));
    var input = el('input', {type: 'datetime-local', id: id, 'data-field': path, 'data-path': path});
    input.value = F.get(base, field.key) || '';
    input.addEventListener('input', function () { F.set(base, field.key, input.value); });
    wrap.appendChild(input);
    if (field.help) {
      var help = el('p', {'class': 'dxq-editor__help', id: id + '-help'}, field.help);
      input.setAttribute('aria-describedby', help.id);
      wrap.appendChild(help);
    }
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

  var editor = new F.Form(root.querySelector('[data-role="sections"]'), init.schema, state, strings,
    {checkbox: checkboxWidget, datetime: datetimeWidget, skills: skillsWidget});
  editor.render();

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    status.textContent = strings.saving;
    summary.textContent = '';
    if (runtime.notify) { runtime.notify('save', {state: 'start', message: strings.saving}); }
    post('save_studio', {content: state}).then(function (result) {
      if (result.ok) {
        if (result.content) {  /* ids filled by the server: draw them */
          Object.keys(result.content).forEach(function (key) { state[key] = result.content[key]; });
          editor.render();
        }
        editor.clearErrors();
        status.textContent = result.message || strings.saved;
        if (runtime.notify) { runtime.notify('save', {state: 'end'}); }
        return;
      }
      status.textContent = '';
      summary.appendChild(el('p', {}, result.message || strings.notSaved));
      if (result.errors && result.errors.length) {
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
