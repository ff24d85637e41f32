// Refreshes the live infusion board every two seconds from /infusions/board (an HTML fragment);
// the time shown is the clinic's, sent by the server.
(function () {
  var rows = document.getElementById('board-rows');
  if (!rows) {
    return;
  }
  var source = rows.getAttribute('data-source');
  var updated = document.getElementById('board-updated');
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
        rows.innerHTML = board.html;
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
