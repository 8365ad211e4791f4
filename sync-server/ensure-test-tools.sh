#!/usr/bin/env bash
# Run by the build before the server's tests (exec-maven-plugin in sync-server/pom.xml).
#
# The PostgreSQL tests start Debian's PostgreSQL server in a temporary cluster of their own
# (dev.omni.server.testing.PostgresCluster); they fail, never skip, without it, so this installs
# the package when it is missing (apt, as root or through sudo). The S3-compatible server of the
# tests (s3proxy) comes from Maven Central with the build.
set -euo pipefail
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && exit 0
[[ -n "${OMNI_TEST_PG_BIN:-}" && -x "${OMNI_TEST_PG_BIN}/postgres" ]] && exit 0
sudo=
[[ $EUID -ne 0 ]] && sudo=sudo
echo "ensure-test-tools: installing postgresql for the PostgreSQL tests" >&2
$sudo apt-get update -q
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
