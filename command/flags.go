package command

import (
	"fmt"
	"os"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"tally/consolidate"
	"tally/errtext"
	"tally/run"
	"tally/schema"
)

func commonFlags(lang schema.Lang) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "schema", Usage: tr(lang,
			"`表式`：内置表式编号（见 tally schemas）或表式文件；默认按每个工作簿自动识别",
			"the table format: a built-in schema `ID` (see tally schemas) or a schema file; default: detected from each workbook")},
		&cli.StringFlag{Name: "format", Value: "text", Usage: tr(lang,
			"屏幕上报告的`格式`：text、json 或 csv（默认 text）",
			"the `FORMAT` of the report on stdout: text, json or csv (default text)")},
		&cli.StringFlag{Name: "log", Usage: tr(lang,
			"另把报告写入`文件`：.json、.csv 或 .xlsx（按扩展名）",
			"also write the report to `FILE`: .json, .csv or .xlsx (by extension)")},
		&cli.StringFlag{Name: "fail-on", Value: "error", Usage: tr(lang,
			"有达到此`程度`的问题时退出码为 1：error（错误）、warning（警告）或 never（从不）；默认 error",
			"exit 1 when a finding is at least this severe (`LEVEL`): error, warning or never (default error)")},
		&cli.StringFlag{Name: "roster", Usage: tr(lang,
			"应报单位名单`文件`：文本文件，每行一个单位",
			"`FILE` listing the units expected to submit, one a line")},
		&cli.IntFlag{Name: "year", Usage: tr(lang,
			"报表`年度`：每份报表都应是这一年度（默认：多数报表的年度）",
			"the report `YEAR` every submission must have (default: the year most have)")},
		langFlag(lang),
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: tr(lang,
			"同时读取的文件`数`（默认：每个处理器核心一个）",
			"`N` files read at once (default: one per CPU)")},
		&cli.StringFlag{Name: "annotate", Usage: tr(lang,
			"为每份有问题的报表做一份标注副本，写入这个`文件夹`（原件不动）",
			"write a marked-up copy of each submission with findings into `DIR` (the originals are left alone)")},
		&cli.StringSliceFlag{Name: "previous", Usage: tr(lang,
			"与上年比较：上年用 tally 汇总的工作簿（其“明细”表含各单位数字）、上年各单位报表所在的文件夹或文件`路径`；可以给出多次",
			"compare with last year: last year's consolidated workbook (its detail sheet holds every unit), a folder of last year's submissions, or files (`PATH`); may be repeated")},
		&cli.StringFlag{Name: "jump", Value: "5,10,50", Usage: tr(lang,
			"配合 --previous，多大的变化算异常：`倍数,下限,从零`，即两年都不小于下限时增减超过倍数，或从 0 变为不少于“从零”的数；默认 5,10,50，0 表示不检查",
			"with --previous, an implausible change: `FACTOR,MIN,FROM_ZERO` (times or divided by FACTOR when both years are at least MIN, or from 0 to at least FROM_ZERO); default 5,10,50, 0 turns the check off")},
	}
}

func consolidateFlags(lang schema.Lang) []cli.Flag {
	return append(commonFlags(lang),
		&cli.StringFlag{Name: "out", Usage: tr(lang,
			"要写出的汇总表（`文件`.xlsx，必填）",
			"the consolidated workbook to write (`FILE`.xlsx; required)")},
		&cli.StringFlag{Name: "name", Usage: tr(lang,
			"汇总单位的`名称`，如 --name 兴庆区（默认取 --out 文件名中的单位）",
			"the `NAME` of the consolidated unit, the district's (default: the unit in the --out file name)")},
		&cli.BoolFlag{Name: "exclude-invalid", Usage: tr(lang,
			"有错误的报表不计入合计",
			"leave submissions with errors out of the totals")},
	)
}

func templateFlags(lang schema.Lang) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "schema", Usage: tr(lang,
			"`表式`：内置表式编号或表式文件（内置表式不止一个时必填）",
			"the table format: a built-in schema `ID` or a schema file (required when there is more than one built-in)")},
		&cli.StringFlag{Name: "unit", Usage: tr(lang,
			"填报`单位`，如 --unit 掌政镇，写入标题（不填则由乡镇自己填写）",
			"the `UNIT` the template is for, in its title (else the township types it)")},
		&cli.IntFlag{Name: "year", Usage: tr(lang,
			"报表`年度`，写入标题",
			"the report `YEAR`, in the title")},
		&cli.StringFlag{Name: "out", Usage: tr(lang,
			"要写出的空白表（`文件`.xlsx，必填）",
			"the template to write (`FILE`.xlsx; required)")},
		&cli.StringFlag{Name: "password", Usage: tr(lang,
			"用这个`密码`保护工作表（默认：保护但不设密码）",
			"protect the sheet with this `PASSWORD` (default: protected without one)")},
		&cli.StringFlag{Name: "contact", Usage: tr(lang,
			"有问题找谁（`联系人`），写入填表说明，如 --contact \"区政府办公室 张三 0951-1234567\"",
			"whom to ask, printed in the instructions (a `TEXT` such as an office, a name and a telephone number)")},
		langFlag(lang),
	}
}

// chooseLang takes --lang, else LC_ALL/LC_MESSAGES/LANG, else Chinese.
func chooseLang(flag string) (schema.Lang, error) {
	if flag != "" {
		l, ok := schema.ParseLang(flag)
		if !ok {
			return "", errtext.Msg(msgCliLang, flag)
		}
		return l, nil
	}
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(env); v != "" {
			if l, ok := schema.ParseLang(v); ok {
				return l, nil
			}
			break
		}
	}
	return schema.Zh, nil
}

// config is the run the flags of validate or consolidate ask for, and the
// format of its report. It reads no file: the run reads the roster and a
// schema file once every output has been checked against them.
func config(c *cli.Context) (run.Config, string, error) {
	cfg := run.Config{Paths: c.Args().Slice(), Schema: c.String("schema"), Roster: c.String("roster"),
		Year: c.Int("year"), Previous: c.StringSlice("previous"), Jobs: c.Int("jobs"),
		Log: c.String("log"), Annotate: c.String("annotate"),
		Out: c.String("out"), Name: c.String("name"), ExcludeInvalid: c.Bool("exclude-invalid"),
		Version: ToolVersion(), Command: commandLine(c)}
	var err error
	if cfg.Lang, err = cmdLang(c); err != nil {
		return cfg, "", err
	}
	format := c.String("format")
	switch format {
	case "text", "json", "csv":
	default:
		return cfg, "", errtext.Msg(msgCliFormat, format)
	}
	switch f := c.String("fail-on"); f {
	case "error":
		cfg.FailOn = run.FailOnError
	case "warning":
		cfg.FailOn = run.FailOnWarning
	case "never":
		cfg.FailOn = run.FailNever
	default:
		return cfg, "", errtext.Msg(msgCliFailOn, f)
	}
	jump, err := parseJump(c.String("jump"))
	if err != nil {
		return cfg, "", err
	}
	cfg.Jump = &jump
	return cfg, format, nil
}

// parseJump reads --jump FACTOR,MIN,FROM_ZERO; MIN and FROM_ZERO may be
// left out (10 and 50).
func parseJump(arg string) (consolidate.Jump, error) {
	j := consolidate.DefaultJump()
	parts := strings.Split(arg, ",")
	if len(parts) > 3 {
		return j, errtext.Msg(msgCliJump, arg)
	}
	for i, p := range parts {
		d, err := decimal.NewFromString(strings.TrimSpace(p))
		if err != nil || d.Sign() < 0 {
			return j, errtext.Msg(msgCliJump, arg)
		}
		switch i {
		case 0:
			j.Factor = d
		case 1:
			j.Min = d
		case 2:
			j.FromZero = d
		}
	}
	if j.Factor.Sign() > 0 && j.Factor.LessThanOrEqual(decimal.NewFromInt(1)) {
		return j, errtext.Msg(msgCliJumpFactor, arg)
	}
	return j, nil
}

// commandLine is the run's command as the flags were understood, in a fixed
// order, for the sources sheet: an auditor can run it again.
func commandLine(c *cli.Context) []string {
	out := []string{"tally", c.Command.Name}
	for _, f := range c.Command.Flags {
		name := f.Names()[0]
		if !c.IsSet(name) {
			continue
		}
		if _, isBool := f.(*cli.BoolFlag); isBool {
			out = append(out, "--"+name)
			continue
		}
		if _, isList := f.(*cli.StringSliceFlag); isList {
			for _, v := range c.StringSlice(name) {
				out = append(out, "--"+name, v)
			}
			continue
		}
		out = append(out, "--"+name, fmt.Sprint(c.Value(name)))
	}
	return append(out, c.Args().Slice()...)
}
