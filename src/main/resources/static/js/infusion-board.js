// Refreshes the live infusion board every two seconds from /infusions/board (an HTML fragment);
// the time shown is the clinic's, sent by the server.
(function () {
  var rows = document.getElementById('board-rows');
  if (!rows) {
    return;
  }
  var source = rows.getAttribute('data-source');
  var updated = document.getElementById('board-updated');
  // The rows are replaced every two seconds: a link reached with the keyboard (a patient,
  // a safety alert) keeps the focus, or Tab could never get to it and Enter it.
  function focusedLinkHref() {
    var focused = document.activeElement;
    return (focused && focused.tagName === 'A' && rows.contains(focused)) ? focused.getAttribute('href') : null;
  }
  function refocus(href) {
    if (href === null) {
      return;
    }
    var links = rows.getElementsByTagName('a');
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute('href') === href) {
        links[i].focus();
        return;
      }
    }
  }
  function refresh() {
    fetch(source, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (!response.ok || response.redirected) {
          throw new Error('board not refreshed: ' + response.status);
        }
        return response.text().then(function (html) {
          return { html: html, time: response.headers.get('X-Board-Time') };
        });
      })
      .then(function (board) {
        var focusedHref = focusedLinkHref();
        rows.innerHTML = board.html;
        refocus(focusedHref);
        if (updated && board.time) {
          updated.textContent = board.time;
        }
      })
      .catch(function () {
        if (updated) {
          updated.textContent = 'not updated — check the connection or sign in again';
        }
      });
  }
  setInterval(refresh, 2000);
}());
