#!/usr/bin/env bash
# Runs every case of the Ansible compatibility suite with the real ansible-playbook (or ansible, ansible-inventory:
# a case's tool; Debian's ansible-core) and
# rewrites src/test/resources/ansible-compat/ansible-results.yml, the results AnsibleCompatTest compares the engine
# with. Run it after changing cases.yml or a target, or to check the recording against another ansible-core.
#   tools/compat/record-results.sh                  every run
#   tools/compat/record-results.sh -Dcompat.only=blocks,debug   some targets (the other recorded runs are kept)
set -euo pipefail
cd "$(dirname "$0")/../.."
for c in ansible-playbook ansible ansible-inventory; do command -v /usr/bin/$c >/dev/null || { echo "install Debian's ansible-core first (apt-get install ansible-core)" >&2; exit 1; }; done
exec mvn -B -o -q -pl src -am -Dtest=AnsibleCompatTest -Dsurefire.failIfNoSpecifiedTests=false -Dcds.skip=true \
  -Dcompat.record=true -Dcompat.threads="${COMPAT_THREADS:-4}" "$@" test
