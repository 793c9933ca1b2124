// Care mode (长辈版): one question per screen. A form with several questions shows them one at a time,
// with 上一题 / 下一题 and "第 1 题，共 3 题" read out; Enter answers a question and moves on; the form's own
// buttons show with the last question. Without this script every question shows at once and the form
// still works, so nothing depends on it.
(function () {
  'use strict';

  function isQuestion(node) {
    return node.matches('.field, fieldset, label.choice');
  }

  // A question and what belongs to it (its error message right after it), in page order.
  function questionsOf(form) {
    var groups = [];
    Array.prototype.forEach.call(form.children, function (node) {
      if (isQuestion(node)) {
        groups.push([node]);
      } else if (groups.length && !node.matches('.actions, .camera, [type=hidden]')) {
        groups[groups.length - 1].push(node);
      }
    });
    return groups;
  }

  function hasError(group) {
    return group.some(function (node) {
      return node.querySelector('[aria-invalid=true], .input-validation-error') ||
        (node.matches('.field-validation-error') && node.textContent.trim()) ||
        Array.prototype.some.call(node.querySelectorAll('.field-validation-error'), function (e) { return e.textContent.trim(); });
    });
  }

  function isAnswered(group) {
    var inputs = group[0].querySelectorAll('input:not([type=hidden]), select, textarea');
    if (!inputs.length) { return true; }
    return Array.prototype.some.call(inputs, function (input) {
      if (input.type === 'radio' || input.type === 'checkbox') { return input.checked; }
      if (input.type === 'file') { return input.files && input.files.length > 0; }
      // A drop-down always shows some option; it is answered only when the page chose one for it.
      if (input.tagName === 'SELECT') { return Array.prototype.some.call(input.options, function (o) { return o.defaultSelected; }); }
      return input.value.trim() !== '';
    });
  }

  function focusIn(group) {
    var target = group[0].querySelector('input:checked, input:not([type=hidden]), select, textarea, button');
    if (target) { target.focus(); }
  }

  function button(text) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.textContent = text;
    return b;
  }

  document.querySelectorAll('main form[method=post]').forEach(function (form) {
    var groups = questionsOf(form);
    if (groups.length < 2) { return; }
    var actions = form.querySelector(':scope > .actions');
    var progress = document.createElement('p');
    progress.className = 'care-progress';
    progress.setAttribute('aria-live', 'polite');
    var nav = document.createElement('div');
    nav.className = 'care-nav';
    var back = button('上一题');
    var next = button('下一题');
    nav.appendChild(back);
    nav.appendChild(next);
    form.insertBefore(progress, groups[0][0]);
    form.insertBefore(nav, actions);

    var current = 0;
    function show(index, moveFocus) {
      current = Math.max(0, Math.min(index, groups.length - 1));
      groups.forEach(function (group, i) {
        group.forEach(function (node) { node.hidden = i !== current; });
      });
      var last = current === groups.length - 1;
      back.hidden = current === 0;
      next.hidden = last;
      if (actions) { actions.hidden = !last; }
      progress.textContent = '第 ' + (current + 1) + ' 题，共 ' + groups.length + ' 题';
      if (moveFocus) { focusIn(groups[current]); }
    }

    // Start where something is wrong, else at the first question not yet answered.
    var start = groups.findIndex(hasError);
    if (start < 0) { start = groups.findIndex(function (g) { return !isAnswered(g); }); }
    show(start < 0 ? groups.length - 1 : start, false);

    back.addEventListener('click', function () { show(current - 1, true); });
    next.addEventListener('click', function () { show(current + 1, true); });
    form.addEventListener('submit', function (event) {
      if (current < groups.length - 1) {
        event.preventDefault();
        show(current + 1, true);
      }
    });
  });
})();
