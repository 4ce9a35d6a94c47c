// Runs only in a browser without module scripts (from before 2018): there boot.js never runs and
// the app cannot start, and popovers are unknown too, so 驗證 on the static step 1 would do
// nothing. Here it shows the message the static page carries for that case instead (its text is
// the app's, src/i18n.rs `AppNotStarted`: use an up-to-date browser). Browsers with modules never
// download this file (`<script nomodule>`). ES5 only, on purpose.
(function () {
  document.addEventListener('click', function (e) {
    var node = e.target;
    while (node && node.nodeName !== 'BUTTON') node = node.parentNode;
    var id = node && node.getAttribute('popovertarget');
    var box = id && document.getElementById(id);
    if (!box) return;
    // Hidden by style/main.css where popovers are unknown; the style property, not a style
    // attribute, so a CSP without 'unsafe-inline' allows it.
    box.style.display = 'block';
    // Said again on each press: an alert is read when its text changes.
    var alert = box.getElementsByTagName('p')[0];
    if (alert) {
      var text = alert.textContent;
      alert.textContent = '';
      setTimeout(function () { alert.textContent = text; }, 50);
    }
  }, true);
})();
