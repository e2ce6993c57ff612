#!/usr/bin/env bash
# Restore a backup of scripts/backup.sh into an EMPTY database (DATABASE_URL) and an
# empty upload folder (MEDIA_ROOT); refuses anything that already holds data.
# Usage: scripts/restore.sh DIRECTORY
set -euo pipefail

source=${1:?usage: scripts/restore.sh DIRECTORY}
: "${DATABASE_URL:?set DATABASE_URL}"
: "${MEDIA_ROOT:?set MEDIA_ROOT}"

for part in database.dump media.tar.gz; do
  [ -f "$source/$part" ] || { echo "restore: $source/$part is missing" >&2; exit 1; }
done
tables=$(psql "$DATABASE_URL" --no-psqlrc --tuples-only --no-align \
  --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ]; then
  echo "restore: the database has $tables tables; restore only into an empty database" >&2
  exit 1
fi
mkdir -p "$MEDIA_ROOT"
if [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
  echo "restore: $MEDIA_ROOT is not empty; restore only into an empty folder" >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$source/database.dump"
tar --extract --gzip --file="$source/media.tar.gz" --directory="$MEDIA_ROOT"
echo "restore: $source restored"
