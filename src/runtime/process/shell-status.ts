// The status a shell sees ($?) for a process's exit status as the trace carries it. The trace keeps
// subprocess.Popen.returncode's convention: a negative status is death by that signal (CPython
// re-raises an uncaught KeyboardInterrupt as SIGINT: -2), which a shell reports as 128 + signal
// (130). A status the program chose is what the OS keeps of it: its low 8 bits (sys.exit(300) is 44).

/** What `echo $?` prints after the process exits with `status`. */
export function shellStatus(status: number): number {
  if (!Number.isInteger(status)) return 1;
  if (status < 0 && status >= -64) return 128 - status;
  return ((status % 256) + 256) % 256;
}

/** The signal that killed the process, when `status` says it died of one (-2: SIGINT). */
export function killedBySignal(status: number): number | undefined {
  return Number.isInteger(status) && status < 0 && status >= -64 ? -status : undefined;
}
