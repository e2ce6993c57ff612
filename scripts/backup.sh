#!/usr/bin/env bash
# Back up the portal: a pg_dump of DATABASE_URL and a tar of the uploads in MEDIA_ROOT.
# Usage: scripts/backup.sh DIRECTORY   (created; must not exist yet)
set -euo pipefail

target=${1:?usage: scripts/backup.sh DIRECTORY}
: "${DATABASE_URL:?set DATABASE_URL}"
: "${MEDIA_ROOT:?set MEDIA_ROOT}"

if [ -e "$target" ]; then
  echo "backup: $target exists already; choose a new directory" >&2
  exit 1
fi
mkdir -p "$target"
# Custom format: compressed, and pg_restore can restore it into any empty database.
pg_dump --format=custom --no-owner --no-privileges --file="$target/database.dump" "$DATABASE_URL"
mkdir -p "$MEDIA_ROOT"
tar --create --gzip --file="$target/media.tar.gz" --directory="$MEDIA_ROOT" .
echo "backup: $target (database.dump, media.tar.gz)"
