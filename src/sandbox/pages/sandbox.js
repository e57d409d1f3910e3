/* sandbox.js — the consent pages' two enhancements: searching providers, and the automatic
 * run that walks a page the way a person would (the pages work without it). */
(function () {
  'use strict';

  var STEP_DELAY = 500;  /* ms before acting on a new page: long enough to see it */
  var ACTION_DELAY = 180;
  var KEY_DELAY = 35;

  function setUpSearch () {
    var box = document.getElementById('institution-search-box');
    var input = document.getElementById('institution-search');
    if (!box || !input)
      return;

    var items = Array.prototype.slice.call(document.querySelectorAll('[data-search]'));
    var groups = Array.prototype.slice.call(document.querySelectorAll('.institution-group'));
    var status = document.getElementById('search-status');
    var empty = document.getElementById('no-results');

    box.hidden = false;
    /* Enter would submit the form with its first button, picking a provider by accident. */
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter')
        event.preventDefault();
    });
    input.addEventListener('input', function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;

      items.forEach(function (item) {
        var match = item.getAttribute('data-search').indexOf(query) !== -1;
        item.hidden = !match;
        if (match)
          shown++;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector('li:not([hidden])');
      });
      empty.hidden = shown !== 0;
      status.textContent = query === '' ? '' :
        shown + (shown === 1 ? ' provider matches' : ' providers match');
    });
  }

  function stop (banner, text) {
    if (banner)
      banner.querySelector('.auto-detail').textContent = text;
  }

  function autoRun () {
    var planNode = document.getElementById('sandbox-auto-plan');
    var banner = document.getElementById('sandbox-auto-banner');
    if (!planNode)
      return;

    var plan = JSON.parse(planNode.textContent);
    var index = 0;

    function type (element, text, done) {
      var typed = 0;
      element.value = '';
      (function next () {
        if (typed === text.length) {
          element.dispatchEvent(new Event('change', { bubbles: true }));
          done();
          return;
        }
        element.value += text.charAt(typed++);
        element.dispatchEvent(new Event('input', { bubbles: true }));
        setTimeout(next, KEY_DELAY);
      })();
    }

    function act () {
      if (index >= plan.length)
        return;

      var action = plan[index++];
      var element = document.querySelector(action.target);
      if (!element) {
        stop(banner, 'stopped: this page has no ' + action.target);
        return;
      }

      document.querySelectorAll('.auto-target').forEach(function (other) {
        other.classList.remove('auto-target');
      });
      element.classList.add('auto-target');
      element.scrollIntoView({ block: 'nearest' });
      element.focus();

      var proceed = function () { setTimeout(act, ACTION_DELAY); };
      switch (action.do) {
      case 'fill':
        type(element, action.value, proceed);
        break;
      case 'check':
        element.checked = true;
        element.dispatchEvent(new Event('change', { bubbles: true }));
        proceed();
        break;
      case 'select':
        element.value = action.value;
        element.dispatchEvent(new Event('change', { bubbles: true }));
        proceed();
        break;
      case 'click':
        element.click();
        break;
      default:
        stop(banner, 'stopped: unknown action ' + action.do);
      }
    }

    setTimeout(act, STEP_DELAY);
  }

  /* Framed, like the real Auth UI: the server is told (so it ends with a page, not a
   * redirect), and that page posts the chosen message to the parent before it goes to the
   * callback. In a pop-up or a plain tab, endings stay server redirects. */
  function setUpFraming () {
    if (window.parent === window)
      return;
    /* A forged message, from another origin (this server under the name "localhost"): the
     * framing page must ignore it. */
    var forge = document.getElementById('sandbox-forge');
    if (forge) {
      forge.hidden = false;
      forge.addEventListener('click', function () {
        var frame = document.createElement('iframe');
        frame.hidden = true;
        frame.src = location.protocol + '//localhost:' + location.port + '/auth/forge';
        document.body.appendChild(frame);
      });
    }
    window.addEventListener('formdata', function (event) {
      var format = document.getElementById('sandbox-message-format');
      event.formData.set('framed', '1');
      if (!event.formData.has('message_format'))
        event.formData.set('message_format', format ? format.value : 'sdk');
    }, true);
  }

  function ending () {
    var node = document.getElementById('sandbox-return');
    if (!node)
      return;

    var end = JSON.parse(node.textContent);
    var params = new URL(end.location).searchParams;
    var error = params.get('error');
    var message = null;
    var origins = location.ancestorOrigins;
    var parentOrigin = origins && origins.length > 0 ? origins[0] : null;

    if (end.format === 'sdk' && error)
      message = { isCompleted: false, error: error, errorID: params.get('error_id'),
                  errorType: params.get('error_type'),
                  errorDescription: params.get('error_description'),
                  errorURI: params.get('error_uri') };
    else if (end.format === 'sdk')
      message = { isCompleted: true, redirectURL: end.location };
    else if (end.format === 'seed')
      message = { type: error ? 'consent_error' : 'consent_complete',
                  session_id: params.get('session_id'), error: error,
                  error_type: params.get('error_type'),
                  error_description: params.get('error_description') };

    if (message && window.parent !== window && parentOrigin)
      window.parent.postMessage(message, parentOrigin);
    location.replace(end.location);
  }

  setUpFraming();
  ending();
  setUpSearch();
  autoRun();
})();
