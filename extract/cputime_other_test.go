//go:build !unix

package extract

import "time"

// processCPU reports that the CPU time of the process is unknown here.
func processCPU() (time.Duration, bool) { return 0, false }
