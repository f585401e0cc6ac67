/* DX Quest deliverable editor (Studio): every field and the rubric (criteria with options; add,
   remove, reorder), drawn by the case block's shared editor (DxqForm in studio_form.js, which also
   holds the skill picker and saving). Nothing is saved while the server reports a problem, and the
   form keeps what was typed; after a save, the ids the server filled in are drawn. */
function DxqDeliverableStudio(runtime, element, init) {
  'use strict';
  var root = element && element.jquery ? element[0] : element;
  var F = window.DxqForm, el = F.el;
  var state = JSON.parse(JSON.stringify(init.content));

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

  F.studio(runtime, root, init, F.requests(runtime, root, init.strings), {
    state: state,
    widgets: {checkbox: checkboxWidget, datetime: datetimeWidget},
    saved: function (result, editor) {
      if (result.content) {  /* ids filled by the server: draw them */
        Object.keys(result.content).forEach(function (key) { state[key] = result.content[key]; });
        editor.render();
      }
    }
  });
  return {};
}
