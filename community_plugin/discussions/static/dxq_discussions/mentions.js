/* @mention suggestions for discussion text areas. Our own small script: no library, no CDN.
 * A textarea with data-dxq-mentions="<API URL>" gets a list of buttons under it while the word
 * being typed starts with "@"; choosing one completes the handle. */
(function () {
  "use strict";
  function setUp(area) {
    var url = area.getAttribute("data-dxq-mentions");
    var box = document.createElement("div");
    box.className = "dxq-mentions";
    var status = document.createElement("p");
    status.className = "dxq-visually-hidden";
    status.setAttribute("role", "status");
    var list = document.createElement("ul");
    list.id = area.id + "-mentions";
    list.setAttribute("aria-label", area.getAttribute("data-dxq-mentions-label") || "@");
    box.appendChild(status);
    box.appendChild(list);
    area.parentNode.insertBefore(box, area.nextSibling);
    var timer = null;
    var asked = "";

    function wordBeforeCaret() {
      var before = area.value.slice(0, area.selectionStart);
      var match = /(^|\s)@([\w.+-]{1,30})$/.exec(before);
      return match ? match[2] : null;
    }

    function clear() {
      list.textContent = "";
      asked = "";
    }

    function choose(handle) {
      var caret = area.selectionStart;
      var before = area.value.slice(0, caret).replace(/@[\w.+-]*$/, "@" + handle + " ");
      area.value = before + area.value.slice(caret);
      area.focus();
      area.setSelectionRange(before.length, before.length);
      clear();
    }

    function show(targets) {
      list.textContent = "";
      targets.forEach(function (target) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = "@" + target.handle + " " + target.name;
        button.addEventListener("click", function () { choose(target.handle); });
        item.appendChild(button);
        list.appendChild(item);
      });
      status.textContent = targets.length ? list.getAttribute("aria-label") + ": " + targets.length : "";
    }

    function ask() {
      var word = wordBeforeCaret();
      if (word === null) { clear(); return; }
      if (word === asked) { return; }
      asked = word;
      fetch(url + "?q=" + encodeURIComponent(word), {credentials: "same-origin",
        headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (targets) { if (asked === word) { show(targets.slice(0, 8)); } })
        .catch(function () { if (asked === word) { clear(); } });
    }

    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    area.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { clear(); }
    });
    // Text typed (or restored by the browser) before this deferred script ran.
    if (document.activeElement === area) { ask(); }
  }
  document.querySelectorAll("textarea[data-dxq-mentions]").forEach(setUp);
})();
