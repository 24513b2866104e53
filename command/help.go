package command

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"

	"github.com/urfave/cli/v2"

	"tally/errtext"
	"tally/schema"
)

// tally prints its own help, in the run's language: urfave/cli's help
// templates, its help command and its help and version flags are English,
// so they are left out (HideHelp, HideVersion and no global help flag) and
// replaced by the -h/--help and -v/--version flags below.
func init() { cli.HelpFlag = nil }

// LangOf is the language a command line asks for, looked for before the
// flags are parsed so that help and usage errors follow it: the last
// --lang with a value tally knows, else LC_ALL, LC_MESSAGES or LANG, else
// Chinese. A --lang it does not know is left for the command to refuse.
func LangOf(args []string) schema.Lang {
	given := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(a, "=")
		if name != "--lang" && name != "-lang" {
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				break
			}
			value = args[i+1]
			i++
		}
		if _, ok := schema.ParseLang(value); ok {
			given = value
		}
	}
	lang, _ := chooseLang(given)
	return lang
}

// appLang is the language the app was made in.
func appLang(c *cli.Context) schema.Lang {
	if l, ok := c.App.Metadata["lang"].(schema.Lang); ok {
		return l
	}
	return schema.Zh
}

// cmdLang is a command's language: its --lang when given (an unknown one
// is a usage error), else the app's.
func cmdLang(c *cli.Context) (schema.Lang, error) {
	if v := c.String("lang"); v != "" {
		return chooseLang(v)
	}
	return appLang(c), nil
}

// tr picks the text of a language.
func tr(lang schema.Lang, zh, en string) string {
	return schema.Text{Zh: zh, En: en}.In(lang)
}

func helpFlag(lang schema.Lang) cli.Flag {
	return &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: tr(lang, "显示本帮助", "show this help")}
}

func rootFlags(lang schema.Lang) []cli.Flag {
	return []cli.Flag{
		langFlag(lang),
		helpFlag(lang),
		&cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: tr(lang, "显示版本", "print the version")},
	}
}

func langFlag(lang schema.Lang) cli.Flag {
	return &cli.StringFlag{Name: "lang", Usage: tr(lang,
		"提示信息和工作表名称的`语言`：zh（中文）或 en（英文）；默认按环境变量 LC_ALL、LC_MESSAGES、LANG，否则中文",
		"the `LANGUAGE` of messages and sheet names: zh (Chinese) or en (English); default: from LC_ALL, LC_MESSAGES or LANG, else Chinese")}
}

// rootLang refuses a --lang before the command that tally does not know.
func rootLang(c *cli.Context) error {
	if v := c.String("lang"); v != "" {
		if _, err := chooseLang(v); err != nil {
			return err
		}
	}
	return nil
}

// rootAction runs when no command is named: help, the version, or an
// unknown command.
func rootAction(c *cli.Context) error {
	lang := appLang(c)
	args := c.Args().Slice()
	switch {
	case c.Bool("version"):
		fmt.Fprintf(c.App.Writer, "tally %s\n", ToolVersion())
		return nil
	case c.Bool("help"):
		return writeHelp(c.App.Writer, appHelp(c.App, lang))
	case len(args) == 0:
		// "tally" alone: what it can do, and exit 2, for it did nothing.
		if err := writeHelp(c.App.Writer, appHelp(c.App, lang)); err != nil {
			return err
		}
		return errtext.Msg(msgCliNoCommand)
	case args[0] == "help" && len(args) == 1:
		return writeHelp(c.App.Writer, appHelp(c.App, lang))
	case args[0] == "help":
		cmd := c.App.Command(args[1])
		if cmd == nil || len(args) > 2 {
			return errtext.Msg(msgCliNoHelpTopic, strings.Join(args[1:], " "))
		}
		return writeHelp(c.App.Writer, commandHelp(cmd, lang))
	}
	return errtext.Msg(msgCliUnknownCommand, args[0])
}

// withHelp makes a command print its help when asked with -h or --help.
func withHelp(action cli.ActionFunc) cli.ActionFunc {
	return func(c *cli.Context) error {
		if c.Bool("help") {
			return writeHelp(c.App.Writer, commandHelp(c.Command, appLang(c)))
		}
		return action(c)
	}
}

func writeHelp(w io.Writer, text string) error {
	_, err := io.WriteString(w, text)
	return reportError(err)
}

// The errors of Go's flag package, which urfave/cli passes on.
var (
	reUndefined  = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	reNeedsValue = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	reBadValue   = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]*): `)
	reBadSyntax  = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// onUsageError turns the flag parser's English errors into tally's
// messages, printed in the run's language.
func onUsageError(c *cli.Context, err error, _ bool) error {
	where := "tally"
	var flags []cli.Flag
	if c.Command != nil && c.Command.Name != "" && c.Command.Name != c.App.Name {
		where = "tally " + c.Command.Name
		flags = c.Command.Flags
	} else {
		flags = c.App.Flags
	}
	msg := err.Error()
	if m := reUndefined.FindStringSubmatch(msg); m != nil {
		return errtext.Msg(msgCliFlagUndefined, dashes(m[1]), where)
	}
	if m := reNeedsValue.FindStringSubmatch(msg); m != nil {
		return errtext.Msg(msgCliFlagNeedsValue, dashes(m[1]), where)
	}
	if m := reBadValue.FindStringSubmatch(msg); m != nil {
		id := msgCliFlagBadValue
		for _, f := range flags {
			for _, n := range f.Names() {
				if n != m[2] {
					continue
				}
				switch f.(type) {
				case *cli.IntFlag:
					id = msgCliFlagNotInteger
				case *cli.BoolFlag:
					id = msgCliFlagNotBoolean
				}
			}
		}
		return errtext.Msg(id, dashes(m[2]), m[1], where)
	}
	if m := reBadSyntax.FindStringSubmatch(msg); m != nil {
		return errtext.Msg(msgCliFlagSyntax, m[1], where)
	}
	return errtext.Msg(msgCliFlagOther, msg, where)
}

// dashes writes a flag's name as the help does: -j, --jobs.
func dashes(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
}

// appHelp is tally's help page.
func appHelp(app *cli.App, lang schema.Lang) string {
	var b strings.Builder
	b.WriteString(wrap(schema.Msg(msgHelpAbout, ToolVersion()).Render(lang), 0, 0))
	b.WriteString("\n" + tr(lang, "用法：", "Usage:") + "\n")
	var rows [][2]string
	for _, cmd := range app.Commands {
		rows = append(rows, [2]string{"tally " + cmd.Name + " " + commandArgs(cmd.Name, lang), commandSummary(cmd.Name, lang)})
	}
	b.WriteString(table(rows))
	b.WriteString("\n" + wrap(tr(lang,
		"路径是报表文件或文件夹，文件夹连同其中的子文件夹一起查找。查看某个命令的全部选项：tally 命令 --help，例如 tally consolidate --help。",
		"A PATH is a file or a folder; folders are searched with their subfolders. For a command's options: tally COMMAND --help, e.g. tally consolidate --help."), 0, 0))
	b.WriteString("\n" + tr(lang, "选项：", "Options:") + "\n")
	b.WriteString(flagTable(app.Flags))
	b.WriteString("\n" + wrap(schema.Msg(msgHelpExitCodes).Render(lang), 0, 0))
	return b.String()
}

// commandAbout is what each command does, by its name; a test checks that
// every command has its words.
var commandAbout = map[string]*schema.Def{
	"validate":    msgHelpValidate,
	"consolidate": msgHelpConsolidate,
	"template":    msgHelpTemplate,
	"schemas":     msgHelpSchemas,
	"serve":       msgHelpServe,
}

// commandHelp is a command's help page.
func commandHelp(cmd *cli.Command, lang schema.Lang) string {
	var b strings.Builder
	b.WriteString(tr(lang, "用法：", "Usage: ") + "tally " + cmd.Name + " " + commandArgs(cmd.Name, lang) + "\n\n")
	b.WriteString(wrap(schema.Msg(commandAbout[cmd.Name]).Render(lang), 0, 0))
	if len(cmd.Flags) > 0 {
		b.WriteString("\n" + tr(lang, "选项：", "Options:") + "\n")
		b.WriteString(flagTable(cmd.Flags))
	}
	if cmd.Name == "validate" || cmd.Name == "consolidate" {
		b.WriteString("\n" + wrap(schema.Msg(msgHelpExitCodes).Render(lang), 0, 0))
	}
	return b.String()
}

func commandArgs(name string, lang schema.Lang) string {
	switch name {
	case "validate", "consolidate":
		return tr(lang, "[选项] 路径...", "[options] PATH...")
	case "schemas":
		return tr(lang, "[show 表式编号]", "[show ID]")
	case "serve":
		return tr(lang, "[选项] [路径...]", "[options] [PATH...]")
	}
	return tr(lang, "[选项]", "[options]")
}

func commandSummary(name string, lang schema.Lang) string {
	switch name {
	case "validate":
		return tr(lang, "检查报表，列出每个问题所在的文件、工作表和单元格", "check submissions and print the findings, with file, sheet and cell")
	case "consolidate":
		return tr(lang, "检查报表，并写出汇总表（--out）", "check submissions and write the consolidated workbook (--out)")
	case "template":
		return tr(lang, "写出发给乡镇填报的空白表（--out）", "write the fill-in workbook a district sends its townships (--out)")
	case "schemas":
		return tr(lang, "列出内置表式，或显示其中一个（YAML）", "list the built-in table formats, or print one as YAML")
	case "serve":
		return tr(lang, "在浏览器中打开检查页面（只在本机）", "open the checking page in a browser (this computer only)")
	}
	return ""
}

// flagTable lists flags with their placeholders and usages.
func flagTable(flags []cli.Flag) string {
	var rows [][2]string
	for _, f := range flags {
		names := f.Names()
		var spelled []string
		for i := len(names) - 1; i >= 0; i-- { // the short name first: -j, --jobs
			spelled = append(spelled, dashes(names[i]))
		}
		usage := ""
		if u, ok := f.(interface{ GetUsage() string }); ok {
			usage = u.GetUsage()
		}
		placeholder, usage := unquoteUsage(usage)
		left := strings.Join(spelled, ", ")
		if _, isBool := f.(*cli.BoolFlag); !isBool && placeholder != "" {
			left += " " + placeholder
		}
		rows = append(rows, [2]string{left, usage})
	}
	return table(rows)
}

// unquoteUsage takes the placeholder a usage marks with backquotes out of
// it, as urfave/cli does: "the report `FORMAT`" is FORMAT and "the report
// FORMAT".
func unquoteUsage(usage string) (string, string) {
	before, rest, ok := strings.Cut(usage, "`")
	if !ok {
		return "", usage
	}
	name, after, ok := strings.Cut(rest, "`")
	if !ok {
		return "", usage
	}
	return name, before + name + after
}

// table lays out rows of two columns, the second wrapped to the page.
func table(rows [][2]string) string {
	const page, most = 80, 34
	left := 0
	for _, r := range rows {
		if w := width(r[0]); w <= most && w > left {
			left = w
		}
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString("  " + r[0])
		indent := left + 4
		if w := width(r[0]); w > left {
			b.WriteString("\n" + strings.Repeat(" ", indent))
		} else {
			b.WriteString(strings.Repeat(" ", indent-2-w))
		}
		b.WriteString(strings.TrimPrefix(wrap(r[1], indent, page-indent), strings.Repeat(" ", indent)))
	}
	return b.String()
}

// width is the columns a text takes on a terminal, East Asian characters
// counting two.
func width(s string) int {
	w := 0
	for _, r := range s {
		if wide(r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef || r == '“' || r == '”'
}

// wrap breaks text into lines of at most max columns (0: 80), each
// indented by indent spaces: between words, and between Chinese
// characters except before closing punctuation.
func wrap(text string, indent, max int) string {
	if max <= 0 {
		max = 80
	}
	var b strings.Builder
	for _, para := range strings.Split(text, "\n") {
		var units []string
		var word strings.Builder
		opening := "" // opening punctuation, kept with what follows it
		flush := func() {
			if word.Len() > 0 {
				units = append(units, opening+word.String())
				word.Reset()
				opening = ""
			}
		}
		for _, r := range para {
			switch {
			case r == ' ':
				flush()
				units = append(units, " ")
			case strings.ContainsRune("，。；：、）》”！？", r):
				flush()
				if len(units) > 0 && units[len(units)-1] != " " {
					units[len(units)-1] += string(r)
				} else {
					units = append(units, string(r))
				}
			case strings.ContainsRune("（《“", r):
				flush()
				opening += string(r)
			case wide(r):
				flush()
				units = append(units, opening+string(r))
				opening = ""
			default:
				word.WriteRune(r)
			}
		}
		flush()
		if opening != "" {
			units = append(units, opening)
		}
		line, lineWidth := "", 0
		emit := func() {
			b.WriteString(strings.Repeat(" ", indent) + strings.TrimRight(line, " ") + "\n")
			line, lineWidth = "", 0
		}
		for _, u := range units {
			if u == " " {
				if lineWidth > 0 {
					line += u
					lineWidth++
				}
				continue
			}
			if w := width(u); lineWidth > 0 && lineWidth+w > max {
				emit()
			}
			line += u
			lineWidth += width(u)
		}
		emit()
	}
	return b.String()
}
