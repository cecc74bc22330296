#!/bin/sh
# Runs one test program against a throwaway PostgreSQL cluster, for ctest's *_pg tests.
# pg_virtualenv (Debian package postgresql-common; the server is package postgresql) makes a
# cluster in a temporary directory (-t: also when run as root, as in CI; as another user it
# always does), exports PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE, runs the program and
# removes the cluster. The tests read CHAT_TEST_DATABASE=postgresql:/// (every part from libpq's
# environment) and make a fresh database per case (tests/support/testdatabase.h).
# Usage: tests/support/with-postgres.sh PROGRAM [ARGUMENT...]
set -eu
if ! command -v pg_virtualenv >/dev/null 2>&1; then
    echo "with-postgres.sh: pg_virtualenv is missing (scripts/deps.sh installs postgresql and" \
        "postgresql-common)" >&2
    exit 1
fi
export CHAT_TEST_DATABASE=postgresql:///
exec pg_virtualenv -t "$@"
