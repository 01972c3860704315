// The console works without this script; it only adds "select all" to the queue's bulk actions.
// Served from the console's own origin: the Content-Security-Policy allows no inline script.
document.addEventListener('DOMContentLoaded', function () {
  var all = document.getElementById('select-all');
  if (!all) {
    return;
  }
  var boxes = document.querySelectorAll('input.pick-box');
  all.addEventListener('change', function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
});
