/* DX Quest Studio editors (the case block's studio.js and the deliverable block's
   deliverable_studio.js): builds the form from a schema sent by the server (labels already
   translated) and keeps a plain object in step with it. It also holds what both editors share:
   requests to the block, the DSS-P skill picker, and saving and cancelling (`studio`). Widgets
   of one editor only (a question's correct choices, datasets, checkboxes, dates) are given by
   that editor through `widgets`. */
(function (global) {
  'use strict';
  var uid = 0;

  function fmt(text, values) {
    return String(text || '').replace(/%\((\w+)\)s/g, function (all, key) {
      return values[key] === undefined ? all : values[key];
    });
  }

  function get(obj, key) {
    return String(key).split('.').reduce(function (o, k) { return o == null ? undefined : o[k]; }, obj);
  }

  function set(obj, key, value) {
    var keys = String(key).split('.'), last = keys.pop();
    keys.forEach(function (k) {
      if (obj[k] === null || typeof obj[k] !== 'object') { obj[k] = {}; }
      obj = obj[k];
    });
    obj[last] = value;
  }

  function el(name, attrs, text) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== undefined && attrs[k] !== null && attrs[k] !== false) { node.setAttribute(k, attrs[k]); }
    });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function nextId() { uid += 1; return 'dxq-ed-' + uid; }

  function Form(container, schema, state, strings, widgets, onStructure) {
    this.container = container;
    this.schema = schema;
    this.state = state;
    this.strings = strings;
    this.widgets = widgets || {};
    this.onStructure = onStructure || function () {};
  }

  Form.prototype.render = function (focusPath) {
    var self = this;
    this.container.textContent = '';
    this.schema.forEach(function (section) {
      var box = el('fieldset', {'class': 'dxq-editor__section'});
      box.appendChild(el('legend', {}, section.title));
      section.fields.forEach(function (field) { self.field(box, field, self.state, '', {section: section.title}); });
      self.container.appendChild(box);
    });
    if (focusPath) {
      var target = this.container.querySelector('[data-path="' + focusPath + '"]') ||
        this.container.querySelector('[data-path="' + focusPath.replace(/:\w+$/, ':remove') + '"]');
      if (target) { target.focus(); }
    }
  };

  Form.prototype.structure = function (focusPath) {
    this.render(focusPath);
    this.onStructure();
  };

  Form.prototype.input = function (wrap, label, value, path, options) {
    var id = nextId(), kind = options.kind || 'text';
    wrap.appendChild(el('label', {'for': id}, label));
    var input;
    if (kind === 'textarea') {
      input = el('textarea', {id: id, rows: options.rows || 4, lang: options.lang,
        'class': options.code ? 'is-code' : null, spellcheck: options.code ? 'false' : null});
      input.value = value == null ? '' : value;
    } else if (kind === 'select') {
      input = el('select', {id: id});
      options.choices.forEach(function (c) {
        var option = el('option', {value: c[0]}, c[1]);
        option.selected = String(value == null ? '' : value) === String(c[0]);
        input.appendChild(option);
      });
    } else {
      input = el('input', {id: id, type: 'text', lang: options.lang, inputmode: options.inputmode});
      input.value = value == null ? '' : String(value);
    }
    input.setAttribute('data-field', path);
    input.setAttribute('data-path', path);
    if (options.help) {
      var help = el('p', {'class': 'dxq-editor__help', id: id + '-help'}, options.help);
      wrap.appendChild(help);
      input.setAttribute('aria-describedby', help.id);
    }
    wrap.insertBefore(input, options.help ? wrap.lastChild : null);
    return input;
  };

  Form.prototype.localized = function (wrap, field, base, path, long) {
    var self = this, labelId = nextId();
    wrap.appendChild(el('span', {'class': 'dxq-editor__label', id: labelId}, field.label));
    var pair = el('div', {'class': 'dxq-editor__pair', role: 'group', 'aria-labelledby': labelId});
    ['ja', 'en'].forEach(function (code) {
      var cell = el('div', {'data-field': path + '.' + code});
      var key = field.key + '.' + code;
      var input = self.input(cell, self.strings[code], get(base, key), path + '.' + code,
        {kind: long ? 'textarea' : 'text', lang: code, rows: 5});
      input.addEventListener('input', function () { set(base, key, input.value); });
      pair.appendChild(cell);
    });
    wrap.appendChild(pair);
  };

  Form.prototype.tools = function (list, index, path, label) {
    var self = this, bar = el('div', {'class': 'dxq-editor__tools'});
    [['moveUp', -1], ['moveDown', 1], ['remove', 0]].forEach(function (spec) {
      var target = index + spec[1];
      if (spec[1] && (target < 0 || target >= list.length)) { return; }
      var button = el('button', {type: 'button', 'class': 'dxq-case__button',
        'data-path': path + ':' + spec[0], 'aria-label': self.strings[spec[0]] + ': ' + label},
        self.strings[spec[0]]);
      button.addEventListener('click', function () {
        var item = list.splice(index, 1)[0];
        if (spec[1]) { list.splice(target, 0, item); }
        var parent = path.replace(/\.\d+$/, '');
        self.structure(spec[1] ? parent + '.' + target + ':' + spec[0] : parent + ':add');
      });
      bar.appendChild(button);
    });
    return bar;
  };

  Form.prototype.list = function (wrap, field, base, path, ctx) {
    var self = this;
    var list = get(base, field.key);
    if (!Array.isArray(list)) { list = []; set(base, field.key, list); }
    if (field.label !== ctx.section) { wrap.appendChild(el('span', {'class': 'dxq-editor__label'}, field.label)); }
    list.forEach(function (item, index) {
      var itemPath = path + '.' + index, label = fmt(field.item_label, {n: index + 1});
      var box = el('fieldset', {'class': 'dxq-editor__item', 'data-field': itemPath});
      box.appendChild(el('legend', {}, label));
      if (field.type === 'lt_list') {
        var holder = {value: item};
        self.localized(box, {key: 'value', label: label}, holder, itemPath, true);
        list[index] = holder.value;
        box.addEventListener('input', function () { list[index] = holder.value; });
      } else {
        var inner = field.key === 'questions' ? {question: item} : ctx;
        field.fields.forEach(function (sub) { self.field(box, sub, item, itemPath, inner); });
      }
      box.appendChild(self.tools(list, index, itemPath, label));
      wrap.appendChild(box);
    });
    var add = el('button', {type: 'button', 'class': 'dxq-case__button', 'data-path': path + ':add'},
      field.add_label);
    add.addEventListener('click', function () {
      list.push(field.type === 'lt_list' ? {ja: '', en: ''} : (field.key === 'questions' ?
        {id: 'q' + (list.length + 1), kind: 'numeric', weight: 1} : {}));
      self.structure(path + '.' + (list.length - 1) + ':remove');
    });
    wrap.appendChild(add);
  };

  Form.prototype.field = function (parent, field, base, basePath, ctx) {
    var self = this, path = basePath ? basePath + '.' + field.key : field.key;
    if (field.kinds && ctx.question && field.kinds.indexOf(ctx.question.kind) < 0) { return; }
    var wrap = el('div', {'class': 'dxq-editor__field', 'data-field': path});
    parent.appendChild(wrap);
    var type = field.type, value = get(base, field.key);
    if (type === 'lt' || type === 'lt_md') { return self.localized(wrap, field, base, path, type === 'lt_md'); }
    if (type === 'list' || type === 'lt_list') { return self.list(wrap, field, base, path, ctx); }
    if (self.widgets[type]) { return self.widgets[type](wrap, field, base, path, ctx, self); }
    var options = {help: field.help};
    if (type === 'select') { options.kind = 'select'; options.choices = field.options; }
    if (type === 'sql') { options.kind = 'textarea'; options.code = true; }
    if (type === 'number') { options.inputmode = 'decimal'; }
    if (type === 'lines') {
      options.kind = 'textarea';
      value = Array.isArray(value) ? value.join('\n') : (value || '');
    }
    var input = self.input(wrap, field.label, value, path, options);
    input.addEventListener(type === 'select' ? 'change' : 'input', function () {
      var v = input.value;
      if (type === 'lines') { v = v.split('\n'); }
      set(base, field.key, v);
      if (field.rerender) { self.structure(path); }
    });
  };

  Form.prototype.clearErrors = function () {
    Array.prototype.forEach.call(this.container.querySelectorAll('.dxq-editor__error'), function (n) {
      n.parentNode.removeChild(n);
    });
    Array.prototype.forEach.call(this.container.querySelectorAll('[aria-invalid]'), function (n) {
      n.removeAttribute('aria-invalid');
      n.setAttribute('aria-describedby', (n.getAttribute('aria-describedby') || '')
        .split(' ').filter(function (id) { return id.indexOf('-error') < 0; }).join(' '));
    });
  };

  /* errors: [{field: "questions.0.prompt.ja", message}]; returns the first invalid control. */
  Form.prototype.showErrors = function (errors) {
    var self = this, first = null;
    this.clearErrors();
    errors.forEach(function (error) {
      var path = error.field, target = null;
      while (path && !target) {
        target = self.container.querySelector('[data-field="' + path + '"]') ||
          self.container.querySelector('[data-field="' + path.replace(/\.answer$/, '.choices') + '"]');
        path = path.indexOf('.') > 0 ? path.replace(/\.[^.]*$/, '') : '';
      }
      if (!target) { target = self.container; }
      var control = /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) ? target :
        target.querySelector('input, select, textarea, button');
      var message = el('p', {'class': 'dxq-editor__error', id: nextId() + '-error'}, error.message);
      (control && control.parentNode === target.parentNode ? target.parentNode : target).appendChild(message);
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby',
          ((control.getAttribute('aria-describedby') || '') + ' ' + message.id).trim());
        first = first || control;
      }
    });
    return first;
  };

  /* ---- what both Studio editors share ------------------------------------------------- */

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  /* send(url, body, json) posts JSON (json true) or a FormData; post(handler, data) posts JSON to
     one of the block's handlers. Both give the answer's object; a request that fails or answers an
     error status gives {ok: false, message}. */
  function requests(runtime, root, strings) {
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

    return {send: send, post: post};
  }

  /* The DSS-P skill picker (field type "skills"): the chosen skills as chips, each with a remove
     button, and a search through the block's search_skills handler. `names`: {skill id: label}. */
  function skillsWidget(post, names) {
    return function (wrap, field, base, path, ctx, editor) {
      var strings = editor.strings;
      var list = Array.isArray(base[field.key]) ? base[field.key] : (base[field.key] = []);
      var labelId = nextId();
      wrap.appendChild(el('span', {'class': 'dxq-editor__label', id: labelId}, field.label));
      var chips = el('ul', {'class': 'dxq-editor__chips', 'aria-labelledby': labelId, 'data-field': path});
      list.forEach(function (skillId, index) {
        var name = names[skillId] || skillId, item = el('li', {'data-field': path + '.' + index}, name);
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
      var id = nextId();
      wrap.appendChild(el('label', {'for': id}, strings.searchSkills));
      var search = el('input', {type: 'search', id: id, 'data-path': path + ':search', autocomplete: 'off'});
      var results = el('ul', {'class': 'dxq-editor__chips', 'aria-live': 'polite'});
      var timer = null;
      var asked = 0;  // only the answer to the newest search is shown (a slow older one is dropped)
      search.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          var mine = ++asked;
          post('search_skills', {q: search.value}).then(function (data) {
            if (mine !== asked) { return; }
            results.textContent = '';
            var found = (data.skills || []).filter(function (s) { return list.indexOf(s.id) < 0; });
            if (!found.length) { results.appendChild(el('li', {}, data.ok ? strings.noSkills : data.message)); }
            found.slice(0, 12).forEach(function (skill) {
              var add = el('button', {type: 'button', 'class': 'dxq-case__button'},
                fmt(strings.addSkill, {name: skill.label}));
              add.addEventListener('click', function () {
                names[skill.id] = skill.label;
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
    };
  }

  /* An editor in `root` (its template: form.dxq-editor with the summary, sections and status
     roles and a cancel button): the form over `options.state` with the skill picker and
     `options.widgets`. Saving posts {content: options.toContent(state)} to save_studio; while the
     server reports problems nothing is saved, each problem is shown at its field and the input
     stays. `options.saved(result, form)` runs after a save that succeeded. Returns the Form. */
  function studio(runtime, root, init, io, options) {
    var strings = init.strings;
    var form = root.querySelector('form.dxq-editor');
    var summary = root.querySelector('[data-role="summary"]');
    var status = root.querySelector('[data-role="status"]');
    var state = options.state, toContent = options.toContent || function (data) { return data; };
    var widgets = {skills: skillsWidget(io.post, init.skillNames || {})};
    Object.keys(options.widgets || {}).forEach(function (type) { widgets[type] = options.widgets[type]; });
    var editor = new Form(root.querySelector('[data-role="sections"]'), init.schema, state, strings, widgets);
    editor.render();

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      status.textContent = strings.saving;
      summary.textContent = '';
      if (runtime.notify) { runtime.notify('save', {state: 'start', message: strings.saving}); }
      io.post('save_studio', {content: toContent(state)}).then(function (result) {
        if (result.ok) {
          if (options.saved) { options.saved(result, editor); }
          editor.clearErrors();
          status.textContent = result.message || strings.saved;
          if (runtime.notify) { runtime.notify('save', {state: 'end'}); }
          return;
        }
        status.textContent = '';
        summary.textContent = '';
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
    return editor;
  }

  global.DxqForm = {Form: Form, get: get, set: set, el: el, fmt: fmt, nextId: nextId,
    requests: requests, skillsWidget: skillsWidget, studio: studio};
}(window));
