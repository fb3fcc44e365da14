// "Add another participant": a copy of the empty form from <template id="participant-template"> (no inline script,
// so the Content-Security-Policy can forbid them).
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("add-participant");
  if (!button) return;
  button.addEventListener("click", function () {
    var total = document.getElementById("id_p-TOTAL_FORMS");
    var n = parseInt(total.value, 10);
    var html = document.getElementById("participant-template").innerHTML.replace(/__prefix__/g, n).replace("__n__", n + 1);
    document.getElementById("participants").insertAdjacentHTML("beforeend", html);
    total.value = n + 1;
  });
});
