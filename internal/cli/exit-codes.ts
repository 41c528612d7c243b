// What `cupdate` exits with, for scripts and CI gates (documented in `cupdate scan --help`, README
// and docs/pipeline.md). A gate must tell "found an update" from "could not decide" (issue 14):
// the second is never 0 and never 1.
export const EXIT = {
  /** Everything was checked, and `--fail-on` (if given) found nothing. */
  ok: 0,
  /** `--fail-on KIND`: an image has an update of KIND or bigger. */
  updateFound: 1,
  /** The command line is wrong: the message says which argument and what to do. */
  usage: 2,
  /** Some images, list lines or platforms could not be checked; the results of the others are printed. */
  notChecked: 3,
  /** `--fail-on KIND` could not decide: no such update among what was checked, but not everything was. */
  undecided: 4,
  /** The command could not run (a database that cannot be opened, a bug): the message says why. */
  failed: 5,
  /** Stopped by Ctrl-C (SIGINT) before the results were written. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_HELP = `Exit codes:
  0    every image was checked (and --fail-on found no such update)
  1    --fail-on KIND: an image has an update of KIND or bigger
  2    bad arguments; the message says which and what to do
  3    some images, list lines or platforms could not be checked (stderr says which); the
       results of the others are printed
  4    --fail-on KIND could not decide: no such update among the images checked, but some
       could not be checked
  5    the scan could not run (stderr says why)
  130  interrupted (Ctrl-C); nothing was written`;
