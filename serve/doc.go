// Package serve is the page of tally serve: a local web page on which a
// clerk who never opens a terminal chooses or drops the folder of the
// townships' tables, sees whom to chase and what is wrong in which cell,
// and downloads the district's workbook, the log and the marked-up
// copies. It runs the same pipeline as the command line (package run),
// on a goroutine per upload, and shows what it returns.
//
// [Start] listens (on 127.0.0.1 and a free port unless told otherwise),
// makes the server's private temporary folder (0700) and serves in the
// background; [Server.URL] is the address to open, with the token that
// lets a browser in; [Server.Close] stops it and removes the folder, every
// upload and output with it.
//
// What it serves:
//
//	GET  /                         the form: files or a folder, the roster, the unit, the year, the format, last year's
//	POST /api/runs                 an upload: {"id": …} to a script (Accept: application/json), 303 to /runs/ID for a form
//	GET  /runs/ID                  a run's page: its progress, then the board, the units' findings, the totals, the downloads
//	GET  /runs/ID/status.json      {"state": "running"|"done"|"failed", "done": N, "total": M, "files": [{"file", "unit", "status", …}]}
//	GET  /runs/ID/report.json      the JSON report, the bytes of tally consolidate --format json in the upload's folder
//	GET  /runs/ID/files/NAME       consolidated.xlsx, log.xlsx, log.csv, marked.zip, under a Chinese file name
//	GET  /static/…                 the style sheet and the script, embedded
//
// An upload is saved under its files' paths in the folder chosen (made
// safe: cleanPath) and checked as the command line run in that folder on
// "." would check it, through run.Config.Dir: the report names the files
// as that command line does, and the outputs are written beside the
// folder, as --out ../NAME.xlsx would write them.
//
// While a run goes on, its page lists each file as soon as a worker has
// read it, with what its own checks found (run.Config.Reading and
// Settled, kept in the Run and given in status.json): the first verdicts
// do not wait for the slowest file (a legacy .xls LibreOffice converts).
//
// Its files: server.go (Start, the routes), security.go (the session, the
// Host header, cross-origin requests, the headers of every answer),
// upload.go (POST /api/runs, the names of uploaded files), store.go (the
// runs kept, a run on its goroutine, the outputs it does not write
// itself), views.go and runview.go (the pages and what they show),
// cellgrid.go (a finding's cell among its neighbours, read through
// package source), totals.go (the totals as the official table),
// downloads.go (the files, status.json, report.json), words.go and
// messages.go (what the page says, in Chinese and English), and assets/
// (the templates, the style sheet and the script).
//
// Package serve imports run, consolidate, source and grid (to draw a
// cell), schema, internal/files and cleanup of tally's packages,
// and the standard library's net/http and html/template; never the
// workbook library, nor anything of the command line.
package serve
