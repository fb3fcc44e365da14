// Remember the viewer's time zone so the server can show times in it (TimezoneMiddleware).
(function () {
  try {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && document.cookie.indexOf("tz=") === -1) {
      document.cookie = "tz=" + encodeURIComponent(tz) + "; path=/; SameSite=Lax; max-age=31536000";
    }
  } catch (e) { /* older browsers: times stay in UTC */ }
})();

// <select data-submit-on-change> submits its form when changed (the language menu); no inline handler, so the
// Content-Security-Policy can forbid inline scripts.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target.matches && target.matches("select[data-submit-on-change]") && target.form) {
    target.form.submit();
  }
});
