/*
 * The web app's only script, served as a file (the content-security policy allows no inline
 * script). Every page works without it: it adds live progress, the player's chapter links and
 * transcript highlighting, and a check of file sizes before an upload.
 */
(function () {
  "use strict";

  /*
   * The parts of a recording in progress, played one after another in one player as they
   * arrive; when the brief is done the finished recording takes over where the listener is.
   */
  function Listening() {
    var section = document.getElementById("listen");
    var player = document.getElementById("listen-player");
    var list = document.getElementById("parts");
    var now = document.getElementById("listen-now");
    var parts = [];
    var current = -1;
    var waiting = false;
    var finished = null;
    list.querySelectorAll("a[data-part-start]").forEach(function (link) {
      parts.push({ url: link.getAttribute("href"), title: link.textContent,
                   start: parseFloat(link.getAttribute("data-part-start")),
                   end: parseFloat(link.getAttribute("data-part-end")) });
    });

    function playPart(index) {
      current = index;
      waiting = false;
      player.src = parts[index].url;
      var started = player.play();
      if (started && started.catch) {
        started.catch(function () {
          now.textContent = "Ready to listen: press play.";
        });
      }
      now.textContent = "Now playing: " + parts[index].title;
      if (parts[index + 1]) {
        var next = new Audio(); /* fetched ahead, so the next part starts without a wait */
        next.preload = "auto";
        next.src = parts[index + 1].url;
      }
    }

    player.addEventListener("ended", function () {
      if (finished !== null) return;
      if (current + 1 < parts.length) playPart(current + 1);
      else waiting = true;
    });

    this.add = function (listed) {
      for (var i = parts.length; i < listed.length; i++) {
        parts.push(listed[i]);
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = listed[i].url;
        link.textContent = listed[i].title;
        link.setAttribute("data-part-start", listed[i].start);
        link.setAttribute("data-part-end", listed[i].end);
        item.appendChild(link);
        list.appendChild(item);
      }
      if (!parts.length) return;
      section.hidden = false;
      if (current < 0) playPart(0);
      else if (waiting && current + 1 < parts.length) playPart(current + 1);
    };

    /* True when the finished recording took over (the listener stays on this page). */
    this.finish = function (audio) {
      var listening = current >= 0 && (!player.paused || waiting);
      if (!audio || !listening) return false;
      var at = waiting ? parts[current].end : parts[current].start + player.currentTime;
      finished = audio;
      player.src = audio + "#t=" + at.toFixed(2);
      player.play();
      now.textContent = "Now playing the finished recording.";
      return true;
    };
  }

  function follow(box) {
    var text = document.getElementById("progress-text");
    var bar = document.getElementById("progress-bar");
    var listening = document.getElementById("listen-player") ? new Listening() : null;
    var source = new EventSource(box.getAttribute("data-events"));
    source.addEventListener("progress", function (event) {
      var data = JSON.parse(event.data);
      if (listening && data.parts) listening.add(data.parts);
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
      var data = JSON.parse(event.data);
      if (data.state === "done" && listening && listening.finish(data.audio)) {
        var link = document.createElement("a");
        link.href = data.url;
        link.textContent = "Open the brief";
        text.textContent = "The brief is ready. ";
        text.appendChild(link);
        if (bar) bar.value = bar.max;
        return;
      }
      window.location.assign(data.url);
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

  /* "Add another article" adds a field here, so files already chosen stay chosen. */
  function addArticles(button) {
    button.addEventListener("click", function (event) {
      var fields = document.querySelectorAll("#pasted textarea");
      if (fields.length >= 20) return; /* the server says so */
      event.preventDefault();
      var number = fields.length + 1;
      var label = document.createElement("label");
      label.htmlFor = "text-" + number;
      label.textContent = "Article " + number + " text";
      var field = document.createElement("textarea");
      field.id = "text-" + number;
      field.name = "text";
      field.rows = 8;
      var last = fields[fields.length - 1];
      last.parentNode.insertBefore(label, last.nextSibling);
      label.parentNode.insertBefore(field, label.nextSibling);
      field.focus();
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
  var more = document.getElementById("more-articles");
  if (more) addArticles(more);
})();
