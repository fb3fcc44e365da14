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

// The compact header's menu button (shown under 768 px by site.css once this script runs).
(function () {
  document.documentElement.classList.add("js");
  var button = document.getElementById("menu-button"), menu = document.getElementById("site-menu");
  if (!button || !menu) { return; }
  button.addEventListener("click", function () {
    var open = menu.classList.toggle("open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();

// A table or box that scrolls sideways (a phone, a long hash) can be scrolled from the keyboard: it takes focus.
(function () {
  function mark() {
    var boxes = document.querySelectorAll("table.data, .table-scroll, pre");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); }
    }
  }
  mark();
  window.addEventListener("resize", mark);
  document.addEventListener("htmx:afterSettle", mark);
})();
