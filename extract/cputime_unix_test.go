//go:build unix

package extract

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time, user and system, that the process has
// used so far, and false when the system does not say.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
