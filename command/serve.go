package command

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"

	"github.com/urfave/cli/v2"

	"tally/errtext"
	"tally/schema"
	"tally/serve"
)

func serveFlags(lang schema.Lang) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "listen", Usage: tr(lang,
			"在这个`地址`上提供页面（默认 127.0.0.1 上的空闲端口，只有本机能打开）；其他地址会有警告",
			"serve the page on this `ADDRESS` (default: a free port on 127.0.0.1, which only this computer reaches); another address is warned of")},
		&cli.BoolFlag{Name: "no-open", Usage: tr(lang,
			"不自动打开浏览器（地址照样显示在第一行）",
			"do not open the browser (the address is printed on the first line all the same)")},
		langFlag(lang),
	}
}

// serveAction serves the page until the program is stopped (Ctrl-C, the
// window closed: package main) or the app's context is done: the address
// with its token on the first line of stdout, how to stop on the second,
// the browser opened on the address unless --no-open.
func serveAction(c *cli.Context) error {
	lang, err := cmdLang(c)
	if err != nil {
		return err
	}
	stdout, stderr := c.App.Writer, c.App.ErrWriter
	ctx := c.Context
	if ctx == nil {
		ctx = context.Background()
	}
	listen := c.String("listen")
	srv, err := serve.Start(ctx, serve.Options{Listen: listen, Lang: lang, Paths: c.Args().Slice(), Version: ToolVersion(),
		Warn: func(msg string) { PrintMessage(stderr, msg) }})
	if err != nil {
		if listen == "" {
			listen = "127.0.0.1:0"
		}
		return errtext.Msg(msgCliServeListen, listen, errtext.Of(err))
	}
	defer srv.Close()
	if _, err := fmt.Fprintln(stdout, srv.URL()); err != nil {
		return reportError(err)
	}
	fmt.Fprintln(stdout, schema.Msg(msgCliServeStop).Render(lang))
	if !c.Bool("no-open") {
		if err := OpenBrowser(srv.URL()); err != nil {
			PrintMessage(stderr, errtext.Msg(msgCliServeNoBrowser, errtext.Of(err)).Localize(lang))
		}
	}
	<-ctx.Done()
	return srv.Close()
}

// OpenBrowser opens an address in the default browser, without waiting
// for it: on Windows through the URL handler, on macOS with open, elsewhere
// with xdg-open when there is one. A test stands in for it.
var OpenBrowser = func(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		p, err := exec.LookPath("xdg-open")
		if err != nil {
			return err
		}
		cmd = exec.Command(p, url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// IsCommand reports a word that names one of tally's commands (or help).
func IsCommand(word string) bool {
	switch word {
	case "validate", "consolidate", "template", "schemas", "serve", "help":
		return true
	}
	return false
}
