// tally serve: what the page does with script. Without it the form posts
// and the run's page refreshes itself; with it the upload shows its
// progress, a folder can be dropped on the page, and the run's page
// follows the run.
(function () {
  "use strict";

  // Upload: each file under its path inside the folder chosen or dropped.
  var form = document.getElementById("upload");
  if (form && window.FormData && window.XMLHttpRequest) {
    var drop = document.getElementById("drop");
    var chosen = document.getElementById("chosen");
    var progress = document.getElementById("progress");
    var progressText = document.getElementById("progress-text");
    var errorBox = document.getElementById("upload-error");
    var start = document.getElementById("start");
    var dropped = []; // {file, path}

    var count = function () {
      var n = dropped.length;
      ["folder", "files"].forEach(function (id) {
        n += document.getElementById(id).files.length;
      });
      if (n > 0) {
        chosen.textContent = "✓ " + n + " " + form.dataset.chosen;
        chosen.hidden = false;
      } else {
        chosen.hidden = true;
      }
    };
    ["folder", "files"].forEach(function (id) {
      document.getElementById(id).addEventListener("change", count);
    });

    // A dropped folder is walked, every file with its path.
    var walk = function (entry, out) {
      return new Promise(function (resolve) {
        if (entry.isFile) {
          entry.file(function (f) {
            out.push({ file: f, path: entry.fullPath.replace(/^\/+/, "") });
            resolve();
          }, function () { resolve(); });
          return;
        }
        if (!entry.isDirectory) {
          resolve();
          return;
        }
        var reader = entry.createReader();
        var all = [];
        var more = function () {
          reader.readEntries(function (batch) {
            if (batch.length === 0) {
              Promise.all(all.map(function (e) { return walk(e, out); })).then(function () { resolve(); });
              return;
            }
            all = all.concat(Array.prototype.slice.call(batch));
            more();
          }, function () { resolve(); });
        };
        more();
      });
    };
    var over = function (e) {
      e.preventDefault();
      drop.classList.add("over");
    };
    drop.addEventListener("dragenter", over);
    drop.addEventListener("dragover", over);
    drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("over");
      var items = e.dataTransfer.items;
      var entries = [];
      if (items) {
        for (var i = 0; i < items.length; i++) {
          var entry = items[i].webkitGetAsEntry ? items[i].webkitGetAsEntry() : null;
          if (entry) {
            entries.push(entry);
          }
        }
      }
      if (entries.length === 0) {
        var files = e.dataTransfer.files;
        for (var j = 0; j < files.length; j++) {
          dropped.push({ file: files[j], path: files[j].name });
        }
        count();
        return;
      }
      var out = [];
      Promise.all(entries.map(function (en) { return walk(en, out); })).then(function () {
        out.sort(function (a, b) { return a.path < b.path ? -1 : a.path > b.path ? 1 : 0; });
        dropped = dropped.concat(out);
        count();
      });
    });
    // The page itself takes no drop: a folder dropped beside the zone
    // would be opened by the browser.
    window.addEventListener("dragover", function (e) { e.preventDefault(); });
    window.addEventListener("drop", function (e) { e.preventDefault(); });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var data = new FormData();
      var add = function (name, file, path) { data.append(name, file, path || file.name); };
      dropped.forEach(function (d) { add("file", d.file, d.path); });
      ["folder", "files"].forEach(function (id) {
        var fs = document.getElementById(id).files;
        for (var i = 0; i < fs.length; i++) {
          add("file", fs[i], fs[i].webkitRelativePath);
        }
      });
      var prev = document.getElementById("previous").files;
      for (var i = 0; i < prev.length; i++) {
        add("previous", prev[i], prev[i].webkitRelativePath);
      }
      var rosterFile = document.getElementById("roster-file").files;
      if (rosterFile.length > 0) {
        add("roster", rosterFile[0]);
      }
      ["roster", "name", "year", "schema"].forEach(function (id) {
        data.append(id, document.getElementById(id).value);
      });
      data.append("lang", form.dataset.lang);

      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      errorBox.hidden = true;
      start.disabled = true;
      progress.hidden = false;
      progress.value = 0;
      xhr.upload.addEventListener("progress", function (ev) {
        if (ev.lengthComputable) {
          var pct = Math.round(ev.loaded * 100 / ev.total);
          progress.value = pct;
          progressText.textContent = form.dataset.uploading + " " + pct + "%";
        }
      });
      xhr.addEventListener("load", function () {
        var answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (err) { answer = {}; }
        if (xhr.status >= 200 && xhr.status < 300 && answer.id) {
          window.location.href = "/runs/" + answer.id;
          return;
        }
        start.disabled = false;
        progress.hidden = true;
        progressText.textContent = "";
        errorBox.textContent = answer.error || (xhr.status + " " + xhr.statusText);
        errorBox.hidden = false;
      });
      xhr.addEventListener("error", function () {
        start.disabled = false;
        progress.hidden = true;
        errorBox.textContent = "⚠ " + form.dataset.uploading + ": " + (xhr.statusText || "network error");
        errorBox.hidden = false;
      });
      progressText.textContent = form.dataset.uploading;
      xhr.send(data);
    });
  }

  // A run under way: its progress, then its results.
  var runEl = document.getElementById("run");
  if (runEl && runEl.dataset.state === "running") {
    var box = document.getElementById("progress");
    var bar = box.querySelector("progress");
    var label = box.querySelector(".count");
    var poll = function () {
      fetch("/runs/" + runEl.dataset.run + "/status.json", { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (st) {
          if (st.state !== "running") {
            window.location.reload();
            return;
          }
          if (st.total > 0) {
            bar.max = st.total;
            bar.value = st.done;
            box.dataset.done = st.done;
            box.dataset.total = st.total;
            label.textContent = label.textContent.replace(/\d+\s*(\/|of)\s*\d+/, st.done + " $1 " + st.total);
          }
          setTimeout(poll, 250);
        })
        .catch(function () { setTimeout(poll, 1000); });
    };
    setTimeout(poll, 150);
  }

  // Printing: the whole page, or one unit's findings.
  var printButton = document.getElementById("print");
  if (printButton) {
    printButton.addEventListener("click", function () { window.print(); });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".print-unit"), function (b) {
    b.addEventListener("click", function () {
      var section = document.getElementById(b.dataset.target);
      document.body.classList.add("print-one");
      section.classList.add("printing");
      var undo = function () {
        document.body.classList.remove("print-one");
        section.classList.remove("printing");
        window.removeEventListener("afterprint", undo);
      };
      window.addEventListener("afterprint", undo);
      window.print();
    });
  });
})();
