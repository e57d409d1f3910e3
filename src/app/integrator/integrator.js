/* integrator.js — the seed's own integration code, run by the integrator page
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here decides an outcome: Consent Desk intercepts the callback and judges every
 * message itself, in C. This is only what an integrator's page would do. */
(function () {
  'use strict';

  var authUrl = new URLSearchParams(location.search).get('auth_url');
  var status = document.getElementById('status');

  if (!authUrl)
    return;

  if (document.body.getAttribute('data-pattern') === 'popup') {
    /* The seed's pop-up code. */
    var popup = window.open(authUrl, 'FiskilConsent',
                            'width=500,height=700,menubar=no,toolbar=no');
    if (!popup) {
      status.textContent = 'The pop-up was blocked.';
      return;
    }
    status.textContent = 'The consent window is open.';
    var timer = setInterval(function () {
      if (popup.closed) {
        clearInterval(timer);
        status.textContent = 'The consent window was closed.';
      }
    }, 500);
    return;
  }

  /* The seed's embedded code: an iframe and a message listener. */
  var frame = document.createElement('iframe');
  frame.id = 'consent';
  frame.title = 'Consent';
  frame.src = authUrl;
  frame.width = '100%';
  frame.height = '600';
  frame.setAttribute('allow', 'payment');
  document.getElementById('frame-box').appendChild(frame);

  window.addEventListener('message', function (event) {
    if (event.source !== frame.contentWindow)
      return;
    status.textContent = 'The consent frame sent a message.';
  });
})();
