package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// runCompletion prints a completion script for bash, zsh or fish, made from
// the commands and their flags, so it never goes stale.
func runCompletion(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "completion", "bash|zsh|fish")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return fmt.Errorf("completion: want one shell (bash, zsh or fish), got %d arguments", len(rest))
	}
	cmds := completionCommands(ctx)
	switch rest[0] {
	case "bash":
		return writeBash(e.stdout, cmds)
	case "zsh":
		return writeZsh(e.stdout, cmds)
	case "fish":
		return writeFish(e.stdout, cmds)
	}
	return fmt.Errorf("completion: unknown shell %q (bash, zsh or fish)", rest[0])
}

// completed is what completion knows of one command.
type completed struct {
	name, summary string
	flags         []*flag.Flag
	boolFlags     map[string]bool
}

// completionCommands returns every command with its flags, found by asking
// each for its help with nowhere to print it.
func completionCommands(ctx context.Context) []completed {
	var out []completed
	for _, g := range commandGroups {
		for _, c := range g.commands {
			cc := completed{name: c.name, summary: c.summary, boolFlags: map[string]bool{}}
			if c.run != nil {
				e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
				c.run(ctx, e, []string{"-h"})
				if e.flags != nil {
					e.flags.VisitAll(func(f *flag.Flag) {
						cc.flags = append(cc.flags, f)
						if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
							cc.boolFlags[f.Name] = true
						}
					})
				}
			}
			out = append(out, cc)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// completionArgs are what some commands take as arguments, beyond files.
var completionArgs = map[string]string{
	"completion": "bash zsh fish",
}

func names(cmds []completed) string {
	var b []string
	for _, c := range cmds {
		b = append(b, c.name)
	}
	return strings.Join(b, " ")
}

func writeBash(w io.Writer, cmds []completed) error {
	var b strings.Builder
	b.WriteString(`# bash completion for claimgraph. Load it with
#   source <(claimgraph completion bash)
# or save it as /etc/bash_completion.d/claimgraph.
_claimgraph() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local commands="` + names(cmds) + `"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi
  local flags="" valued="" args=""
  case ${COMP_WORDS[1]} in
`)
	for _, c := range cmds {
		var flags, valued []string
		for _, f := range c.flags {
			flags = append(flags, "--"+f.Name)
			if !c.boolFlags[f.Name] {
				valued = append(valued, "--"+f.Name)
			}
		}
		args := completionArgs[c.name]
		if c.name == "help" {
			args = names(cmds)
		}
		fmt.Fprintf(&b, "    %s) flags=%q valued=%q args=%q ;;\n", c.name, strings.Join(append(flags, "--help"), " "), strings.Join(valued, " "), args)
	}
	b.WriteString(`  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  elif [[ " $valued " == *" $prev "* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  elif [ -n "$args" ]; then
    COMPREPLY=($(compgen -W "$args" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _claimgraph claimgraph
`)
	_, err := io.WriteString(w, b.String())
	return err
}

// zshQuote escapes s for a single-quoted _arguments or _describe item.
func zshQuote(s string) string {
	return strings.NewReplacer(`'`, `'\''`, `[`, `\[`, `]`, `\]`, `:`, `\:`).Replace(s)
}

func writeZsh(w io.Writer, cmds []completed) error {
	var b strings.Builder
	b.WriteString(`#compdef claimgraph
# zsh completion for claimgraph. Load it with
#   source <(claimgraph completion zsh)
# or save it as _claimgraph in a directory of $fpath.
_claimgraph() {
  local -a commands
  commands=(
`)
	for _, c := range cmds {
		fmt.Fprintf(&b, "    '%s:%s'\n", c.name, zshQuote(c.summary))
	}
	b.WriteString(`  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case $words[2] in
`)
	for _, c := range cmds {
		fmt.Fprintf(&b, "    %s) _arguments", c.name)
		for _, f := range c.flags {
			use := zshQuote(strings.SplitN(f.Usage, "\n", 2)[0])
			if c.boolFlags[f.Name] {
				fmt.Fprintf(&b, " \\\n      '--%s[%s]'", f.Name, use)
			} else {
				arg, _ := flag.UnquoteUsage(f)
				fmt.Fprintf(&b, " \\\n      '--%s[%s]:%s:_files'", f.Name, use, zshQuote(cmp.Or(arg, "value")))
			}
		}
		switch {
		case c.name == "help":
			fmt.Fprintf(&b, " \\\n      '1:command:(%s)'", names(cmds))
		case completionArgs[c.name] != "":
			fmt.Fprintf(&b, " \\\n      '1:argument:(%s)'", completionArgs[c.name])
		default:
			b.WriteString(" \\\n      '*:file:_files'")
		}
		b.WriteString(" ;;\n")
	}
	b.WriteString(`  esac
}
if [ "$funcstack[1]" = "_claimgraph" ]; then
  _claimgraph "$@"
else
  compdef _claimgraph claimgraph
fi
`)
	_, err := io.WriteString(w, b.String())
	return err
}

// fishQuote returns s single-quoted for fish.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func writeFish(w io.Writer, cmds []completed) error {
	var b strings.Builder
	b.WriteString(`# fish completion for claimgraph. Load it with
#   claimgraph completion fish | source
# or save it as ~/.config/fish/completions/claimgraph.fish.
complete -c claimgraph -f -n __fish_use_subcommand -l help -d 'print the usage'
complete -c claimgraph -f -n __fish_use_subcommand -l version -d 'print the version'
`)
	for _, c := range cmds {
		fmt.Fprintf(&b, "complete -c claimgraph -f -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(c.summary))
	}
	for _, c := range cmds {
		cond := fishQuote("__fish_seen_subcommand_from " + c.name)
		for _, f := range c.flags {
			req := " -r"
			if c.boolFlags[f.Name] {
				req = ""
			}
			fmt.Fprintf(&b, "complete -c claimgraph -n %s -l %s%s -d %s\n", cond, f.Name, req, fishQuote(strings.SplitN(f.Usage, "\n", 2)[0]))
		}
		switch {
		case c.name == "help":
			fmt.Fprintf(&b, "complete -c claimgraph -f -n %s -a %s\n", cond, fishQuote(names(cmds)))
		case completionArgs[c.name] != "":
			fmt.Fprintf(&b, "complete -c claimgraph -f -n %s -a %s\n", cond, fishQuote(completionArgs[c.name]))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
