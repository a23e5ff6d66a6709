#!/bin/sh
# san-wrap.sh — runs a sanitizer-built program as the tests would run the
# real one (same arguments, stdin, stdout, stderr and exit code) and keeps
# a copy of any sanitizer report in $SAN_REPORTS.  UBSan's reports do not
# go to log_path when it runs together with ASan (gcc 12), and a CLI test
# that expects exit code 3 cannot tell a report on stderr from a message.
#
#   SAN_PROGRAM=build/asan/regiosim SAN_REPORTS=DIR san-wrap.sh ARGS...
err=$(mktemp "${TMPDIR:-/tmp}/san-wrap.XXXXXX") || exit 125
"$SAN_PROGRAM" "$@" 2>"$err"
rc=$?
cat "$err" >&2
if grep -q -e 'runtime error:' -e 'Sanitizer' "$err"; then
    cp "$err" "$SAN_REPORTS/report.$$"
fi
rm -f "$err"
exit $rc
