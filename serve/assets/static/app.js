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

    // What is chosen so far, said under the drop zone: how many files, and
    // the folders they came in. A drop or a choice only adds to it; the
    // clerk starts the check with the start button.
    var count = function () {
      var n = dropped.length;
      var folders = [];
      var folderOf = function (path) {
        var i = path.indexOf("/");
        if (i > 0 && folders.indexOf(path.slice(0, i)) < 0) {
          folders.push(path.slice(0, i));
        }
      };
      dropped.forEach(function (d) { folderOf(d.path); });
      ["folder", "files"].forEach(function (id) {
        var fs = document.getElementById(id).files;
        n += fs.length;
        for (var i = 0; i < fs.length; i++) {
          folderOf(fs[i].webkitRelativePath || "");
        }
      });
      if (n === 0) {
        chosen.hidden = true;
        return;
      }
      var d = chosen.dataset;
      var text = "✓ " + d.chosen.replace("{files}", (n === 1 ? d.fileOne : d.fileMany).replace("%d", n));
      if (folders.length > 0) {
        text += d.folder.replace("{folder}", folders.join(d.sep));
      }
      chosen.querySelector(".what").textContent = text;
      chosen.dataset.count = n;
      chosen.dataset.folders = folders.join("/");
      chosen.hidden = false;
    };
    ["folder", "files"].forEach(function (id) {
      document.getElementById(id).addEventListener("change", count);
    });
    document.getElementById("clear").addEventListener("click", function () {
      dropped = [];
      ["folder", "files"].forEach(function (id) { document.getElementById(id).value = ""; });
      count();
    });
    // Dropped files join those dropped before; a file dropped again (the
    // same path) is taken once.
    var add = function (files) {
      var at = {};
      dropped.forEach(function (d, i) { at[d.path] = i; });
      files.forEach(function (f) {
        if (at.hasOwnProperty(f.path)) {
          dropped[at[f.path]] = f;
        } else {
          at[f.path] = dropped.length;
          dropped.push(f);
        }
      });
      chosen.dataset.drops = (Number(chosen.dataset.drops) || 0) + 1;
      count();
    };

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
        // No entries (a drop made by script, an older browser): the files,
        // each under the path it has inside a folder chosen, if any.
        var files = e.dataTransfer.files;
        var list = [];
        for (var j = 0; j < files.length; j++) {
          list.push({ file: files[j], path: files[j].webkitRelativePath || files[j].name });
        }
        add(list);
        return;
      }
      var out = [];
      Promise.all(entries.map(function (en) { return walk(en, out); })).then(function () {
        out.sort(function (a, b) { return a.path < b.path ? -1 : a.path > b.path ? 1 : 0; });
        add(out);
      });
    });
    // The page itself takes no drop: a folder dropped beside the zone
    // would be opened by the browser.
    window.addEventListener("dragover", function (e) { e.preventDefault(); });
    window.addEventListener("drop", function (e) { e.preventDefault(); });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var data = new FormData();
      var put = function (name, file, path) { data.append(name, file, path || file.name); };
      dropped.forEach(function (d) { put("file", d.file, d.path); });
      ["folder", "files"].forEach(function (id) {
        var fs = document.getElementById(id).files;
        for (var i = 0; i < fs.length; i++) {
          put("file", fs[i], fs[i].webkitRelativePath);
        }
      });
      var prev = document.getElementById("previous").files;
      for (var i = 0; i < prev.length; i++) {
        put("previous", prev[i], prev[i].webkitRelativePath);
      }
      var rosterFile = document.getElementById("roster-file").files;
      if (rosterFile.length > 0) {
        put("roster", rosterFile[0]);
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

  // A run under way: its progress and each file's verdict as it comes,
  // then its results.
  var runEl = document.getElementById("run");
  if (runEl && runEl.dataset.state === "running") {
    var box = document.getElementById("progress");
    var bar = box.querySelector("progress");
    var label = box.querySelector(".count");
    var list = document.getElementById("files-progress");
    var words = JSON.parse(list.dataset.words);
    var span = function (cls, text) {
      var el = document.createElement("span");
      el.className = cls;
      el.textContent = text;
      return el;
    };
    // A file as the page lists it (the template's "file-verdict").
    var item = function (f) {
      var badge = words.status[f.status] || words.status.reading;
      var verdict = words.unreadable;
      if (f.status !== "unreadable") {
        var counts = [];
        [["error", f.errors], ["warning", f.warnings]].forEach(function (c) {
          if (c[1] > 0) {
            counts.push(words[c[0]][c[1] === 1 ? 0 : 1].replace("%d", c[1]));
          }
        });
        verdict = counts.join(words.sep);
      }
      var li = document.createElement("li");
      li.className = "file-verdict";
      li.dataset.status = f.status;
      li.dataset.file = f.file;
      li.appendChild(span("badge " + badge[0], badge[1]));
      li.appendChild(span("unit", f.unit));
      li.appendChild(span("verdict", verdict));
      li.appendChild(span("file", f.file.slice(Math.max(f.file.lastIndexOf("/"), f.file.lastIndexOf("\\")) + 1)));
      return li;
    };
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
          if (st.files && st.files.length > 0) {
            list.replaceChildren.apply(list, st.files.map(item));
            list.hidden = false;
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
