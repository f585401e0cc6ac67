/* DX Quest deliverable (learner): the answer editor with autosave, file uploads, submitting,
   reviewing a peer's work (with the lease countdown), rating and flagging reviews received.
   Sections are rendered by the server; this script swaps them in and keeps what was typed when
   the server refuses. No text of its own: every word comes translated in init.strings. */
function DxqDeliverableStudent(runtime, element, init) {
  'use strict';
  var root = element && element.jquery ? element[0] : element;
  if (root && !root.classList.contains('dxq-deliv')) { root = root.querySelector('.dxq-deliv') || root; }
  var strings = init.strings || {};
  var AUTOSAVE_MS = 1500;
  var saveTimer = null, leaseTimer = null, textSent = Promise.resolve();
  if (init.preview || !init.signedIn) { return {}; }

  function fmt(text, values) {
    return String(text || '').replace(/%\((\w+)\)s/g, function (all, key) {
      return values[key] === undefined ? all : values[key];
    });
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function call(handler, body, isForm) {
    var headers = {'X-CSRFToken': csrfToken()};
    if (!isForm) { headers['Content-Type'] = 'application/json'; }
    return fetch(runtime.handlerUrl(element, handler), {method: 'POST', credentials: 'same-origin',
      headers: headers, body: isForm ? body : JSON.stringify(body)}).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) { return {ok: false, message: data.error || data.message || strings.networkError}; }
        return data;
      });
    }, function () { return {ok: false, message: strings.networkError}; });
  }

  /* Requests that carry the answer go to the server one after the other, in the order the
     learner caused them: the autosave that leaving the editor starts (a click on Submit does)
     must not arrive after the submission and leave a draft newer than the work submitted. */
  function inTurn(send) {
    var answered = textSent.then(send);
    textSent = answered.catch(function () {});
    return answered;
  }

  function section(name) { return root.querySelector('[data-section="' + name + '"]'); }
  function find(selector) { return root.querySelector(selector); }

  function swap(sections) {
    Object.keys(sections || {}).forEach(function (name) {
      var box = section(name);
      if (box) { box.innerHTML = sections[name]; }
    });
    startLease();
  }

  function show(node, text, isError) {
    if (!node) { return; }
    node.textContent = text || '';
    node.classList.toggle('is-error', !!isError);
  }

  /* ---- the answer: formatting, autosave ------------------------------------------------ */

  function answer() { return find('[data-role="answer"]'); }
  function answerHtml() { var a = answer(); return a ? a.innerHTML : ''; }

  function saveDraft() {
    clearTimeout(saveTimer);
    saveTimer = null;
    var status = find('[data-role="save-status"]');
    show(status, strings.saving);
    return inTurn(function () { return call('save_draft', {text: answerHtml()}); }).then(function (data) {
      var now = find('[data-role="save-status"]');
      if (data.ok) { show(now, data.status); } else { show(now, data.message || strings.notSaved, true); }
      return data;
    });
  }

  function scheduleSave() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveDraft, AUTOSAVE_MS);
  }

  root.addEventListener('input', function (event) {
    if (event.target.matches && event.target.matches('[data-role="answer"]')) { scheduleSave(); }
  });
  root.addEventListener('focusout', function (event) {
    if (event.target.matches && event.target.matches('[data-role="answer"]') && saveTimer) { saveDraft(); }
  });

  /* Pasted text arrives as plain text: no styles or markup from other programs. */
  root.addEventListener('paste', function (event) {
    if (!event.target.closest || !event.target.closest('[data-role="answer"]')) { return; }
    var data = event.clipboardData || window.clipboardData;
    if (!data) { return; }
    event.preventDefault();
    document.execCommand('insertText', false, data.getData('text/plain'));
    scheduleSave();
  });

  function format(command) {
    var box = answer();
    if (!box || box.getAttribute('contenteditable') !== 'true') { return; }
    box.focus();
    if (command === 'heading') {
      document.execCommand('formatBlock', false, 'h4');
    } else {
      document.execCommand(command, false, null);
    }
    scheduleSave();
  }

  /* ---- files --------------------------------------------------------------------------- */

  function upload(button) {
    var input = find('input[type="file"][name="file"]'), error = find('[data-role="work-error"]');
    if (!input || !input.files.length) { show(error, strings.chooseFile || ''); if (input) { input.focus(); } return; }
    var file = input.files[0], body = new FormData();
    body.append('file', file);
    body.append('text', answerHtml());
    show(find('[data-role="save-status"]'), fmt(strings.uploading, {name: file.name}));
    button.disabled = true;
    inTurn(function () { return call('upload_file', body, true); }).then(function (data) {
      button.disabled = false;
      if (!data.ok) {
        show(find('[data-role="save-status"]'), '');
        show(error, data.message, true);
        input.focus();
        return;
      }
      var typed = answerHtml();
      swap({work: data.sections.work});
      answer().innerHTML = typed;
      show(find('[data-role="save-status"]'), data.message);
    });
  }

  function removeFile(button) {
    var typed = answerHtml();
    inTurn(function () {
      return call('remove_file', {sha256: button.getAttribute('data-sha256'), text: typed});
    }).then(function (data) {
      if (!data.ok) { show(find('[data-role="work-error"]'), data.message, true); return; }
      swap({work: data.sections.work});
      answer().innerHTML = typed;
      var input = find('input[type="file"][name="file"]');
      if (input) { input.focus(); }
    });
  }

  function submitWork(form) {
    var error = find('[data-role="work-error"]'), button = form.querySelector('button[type="submit"]');
    clearTimeout(saveTimer);
    show(error, '');
    show(find('[data-role="save-status"]'), strings.submitting);
    button.disabled = true;
    var text = answerHtml();
    inTurn(function () { return call('submit_work', {text: text}); }).then(function (data) {
      button.disabled = false;
      if (!data.ok) {
        show(find('[data-role="save-status"]'), '');
        show(error, data.message, true);
        answer().focus();
        return;
      }
      swap(data.sections);
      show(find('[data-role="save-status"]'), data.message);
      var status = find('[data-role="submitted"]');
      if (status) { status.setAttribute('tabindex', '-1'); status.focus(); }
    });
  }

  /* ---- reviewing ----------------------------------------------------------------------- */

  function requestReview(button) {
    button.disabled = true;
    call('request_review', {}).then(function (data) {
      button.disabled = false;
      if (!data.ok) { show(find('[data-role="review-error"]'), data.message, true); return; }
      swap(data.sections);
      var work = find('[data-role="peer-work"]');
      if (work) { work.focus(); }
    });
  }

  function startLease() {
    clearInterval(leaseTimer);
    var lease = find('[data-role="lease"]');
    if (!lease) { return; }
    var expires = Date.parse(lease.getAttribute('data-expires')), warned = false;
    function tick() {
      var left = Math.round((expires - Date.now()) / 1000);
      if (left <= 0) {
        clearInterval(leaseTimer);
        lease.textContent = strings.leaseExpired;
        lease.classList.add('is-late');
        lease.setAttribute('aria-live', 'polite');
        return;
      }
      if (left <= 300 && !warned) {
        warned = true;
        lease.classList.add('is-late');
        var note = find('[data-role="review-error"]');
        if (note) { note.textContent = strings.leaseSoon; }
      }
      lease.textContent = fmt(strings.leaseLeft, {minutes: Math.floor(left / 60), seconds: left % 60});
    }
    tick();
    leaseTimer = setInterval(tick, 1000);
  }

  function submitReview(form) {
    var scores = {}, comments = {}, error = form.querySelector('[data-role="review-error"]');
    Array.prototype.forEach.call(form.querySelectorAll('[data-criterion]'), function (box) {
      var id = box.getAttribute('data-criterion');
      var chosen = box.querySelector('input[type="radio"]:checked');
      if (chosen) { scores[id] = chosen.value; }
      comments[id] = box.querySelector('textarea').value;
      var note = box.querySelector('[data-role="criterion-error"]');
      note.hidden = true;
      note.textContent = '';
      box.removeAttribute('aria-invalid');
    });
    show(error, '');
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    call('submit_review', {assignment: parseInt(form.getAttribute('data-assignment'), 10),
      scores: scores, comments: comments, overall: form.querySelector('[name="overall"]').value})
      .then(function (data) {
        button.disabled = false;
        if (data.ok) {
          swap(data.sections);
          var progress = find('[data-role="progress"]');
          show(find('[data-section="review"] [data-role="review-error"]'), data.message);
          if (progress) { progress.setAttribute('tabindex', '-1'); progress.focus(); }
          return;
        }
        if (data.sections) {  /* the lease ran out and the work went to someone else */
          swap(data.sections);
          show(find('[data-section="review"] [data-role="review-error"]'), data.message, true);
          return;
        }
        show(error, data.message, true);
        var first = null;
        Object.keys(data.errors || {}).forEach(function (id) {
          var box = form.querySelector('[data-criterion="' + id + '"]');
          if (!box) { return; }
          var note = box.querySelector('[data-role="criterion-error"]');
          note.textContent = data.errors[id];
          note.hidden = false;
          box.setAttribute('aria-invalid', 'true');
          first = first || box.querySelector('input, textarea');
        });
        (first || error).focus();
      });
  }

  function refresh(button) {
    button.disabled = true;
    call('refresh', {sections: ['received', 'grade']}).then(function (data) {
      if (!data.ok) { button.disabled = false; return; }
      swap(data.sections);
      var again = find('[data-action="refresh"]');
      if (again) { again.focus(); }
    });
  }

  function reviewId(form) { return parseInt(form.closest('[data-review]').getAttribute('data-review'), 10); }

  function rate(form) {
    var status = form.querySelector('[data-role="rate-status"]');
    var helpful = form.querySelector('[name="helpful"]').value;
    if (!helpful) { show(status, strings.chooseRating, true); form.querySelector('[name="helpful"]').focus(); return; }
    call('rate_review', {review: reviewId(form), helpful: parseInt(helpful, 10),
      comment: form.querySelector('[name="comment"]').value}).then(function (data) {
      show(status, data.message, !data.ok);
    });
  }

  function flag(form) {
    var status = form.querySelector('[data-role="flag-status"]');
    var reason = form.querySelector('[name="reason"]').value;
    if (!reason) { show(status, strings.chooseReason, true); form.querySelector('[name="reason"]').focus(); return; }
    call('flag_review', {review: reviewId(form), reason: reason,
      text: form.querySelector('[name="text"]').value}).then(function (data) {
      if (!data.ok) { show(status, data.message, true); return; }
      var article = form.closest('[data-review]'), id = article.getAttribute('data-review');
      swap(data.sections);
      var again = root.querySelector('[data-review="' + id + '"] .dxq-deliv__status:last-child');
      if (again) { again.setAttribute('tabindex', '-1'); again.focus(); }
    });
  }

  /* ---- wiring (delegated: sections are replaced) ---------------------------------------- */

  root.addEventListener('click', function (event) {
    var target = event.target.closest('button');
    if (!target || !root.contains(target)) { return; }
    var command = target.getAttribute('data-command'), action = target.getAttribute('data-action');
    if (command) { event.preventDefault(); format(command); }
    else if (action === 'upload') { upload(target); }
    else if (action === 'remove-file') { removeFile(target); }
    else if (action === 'request-review') { requestReview(target); }
    else if (action === 'refresh') { refresh(target); }
  });

  root.addEventListener('submit', function (event) {
    var form = event.target, role = form.getAttribute('data-role');
    event.preventDefault();
    if (role === 'work-form') { submitWork(form); }
    else if (role === 'review-form') { submitReview(form); }
    else if (role === 'rate-form') { rate(form); }
    else if (role === 'flag-form') { flag(form); }
  });

  root.addEventListener('mousedown', function (event) {  /* keep the selection in the editor */
    if (event.target.closest('[data-command]')) { event.preventDefault(); }
  });

  startLease();
  return {};
}
