package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

// envPrefix starts the name of the environment variable of a serve flag:
// --db-path is CLAIMGRAPH_DB_PATH.
const envPrefix = "CLAIMGRAPH_"

// envName returns the environment variable that sets flag name.
func envName(name string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

// envDefaults sets every flag of fs that its environment variable sets,
// before the command line is parsed, so that a flag given wins over the
// variable. Each flag's usage names its variable. A value the flag refuses
// is an error naming the variable.
func envDefaults(fs *flag.FlagSet) error {
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		name := envName(f.Name)
		f.Usage += " [$" + name + "]"
		if v, ok := os.LookupEnv(name); ok && err == nil {
			if serr := f.Value.Set(v); serr != nil {
				err = fmt.Errorf("%s=%q: %v", name, v, serr)
			}
		}
	})
	return err
}
