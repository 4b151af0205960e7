/*
 * The web app's only script, served as a file (the content-security policy allows no inline
 * script). Every page works without it: it adds live progress, the player's chapter links and
 * transcript highlighting, and a check of file sizes before an upload.
 */
(function () {
  "use strict";

  function follow(box) {
    var text = document.getElementById("progress-text");
    var bar = document.getElementById("progress-bar");
    var source = new EventSource(box.getAttribute("data-events"));
    source.addEventListener("progress", function (event) {
      var data = JSON.parse(event.data);
      if (text && text.textContent !== data.text) {
        text.textContent = data.text; /* a polite live region: read out once per stage */
      }
      if (bar) {
        bar.max = data.steps;
        bar.value = data.step;
        bar.textContent = "step " + data.step + " of " + data.steps;
      }
    });
    source.addEventListener("end", function (event) {
      source.close();
      window.location.assign(JSON.parse(event.data).url);
    });
  }

  function play(player) {
    document.querySelectorAll("a[data-start]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        player.currentTime = parseFloat(link.getAttribute("data-start"));
        player.play();
        player.focus();
      });
    });
    var cues = Array.prototype.slice.call(document.querySelectorAll(".cue[data-start]"));
    var current = null;
    player.addEventListener("timeupdate", function () {
      var now = player.currentTime;
      var found = null;
      for (var i = 0; i < cues.length; i++) {
        var start = parseFloat(cues[i].getAttribute("data-start"));
        if (start > now) break;
        if (now < parseFloat(cues[i].getAttribute("data-end"))) found = cues[i];
      }
      if (found !== current) {
        if (current) current.classList.remove("now");
        if (found) found.classList.add("now");
        current = found;
      }
    });
  }

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1) + " MiB";
  }

  function checkFiles(form) {
    var input = form.querySelector("input[type=file]");
    if (!input) return;
    var perFile = parseInt(form.getAttribute("data-max-file"), 10);
    var count = parseInt(form.getAttribute("data-max-files"), 10);
    var total = parseInt(form.getAttribute("data-max-request"), 10);
    input.addEventListener("change", function () {
      var message = "";
      var sum = 0;
      if (input.files.length > count) {
        message = "Choose at most " + count + " files.";
      }
      for (var i = 0; i < input.files.length && !message; i++) {
        sum += input.files[i].size;
        if (input.files[i].size > perFile) {
          message = input.files[i].name + " is too large (" + megabytes(input.files[i].size) +
            "; the limit is " + megabytes(perFile) + ").";
        }
      }
      if (!message && sum > total) {
        message = "These files are too large together (" + megabytes(sum) + "; the limit is " +
          megabytes(total) + ").";
      }
      input.setCustomValidity(message);
      input.reportValidity();
    });
  }

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus(); /* what to fix comes first, for keyboard and screen readers */
  var box = document.querySelector("[data-events]");
  if (box && window.EventSource) follow(box);
  var player = document.getElementById("player");
  if (player) play(player);
  var form = document.querySelector("form.make");
  if (form) checkFiles(form);
})();
