#!/usr/bin/env bash
# Runs every case of AnsibleParityTest with the real ansible-playbook (Debian's ansible-core) and rewrites
# src/test/resources/parity-ansible.yml, the recording the test compares the engine with by default (the engine runs
# too, and is compared with the new recording). Run it after adding or changing a case or a file under
# src/test/resources/parity, or to check the recording against another ansible-core.
#   tools/parity/record.sh                                          every case
#   tools/parity/record.sh -Dtest='AnsibleParityTest#verbose*'      some of the test's methods (the other recorded cases are kept)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v /usr/bin/ansible-playbook >/dev/null || { echo "install Debian's ansible-core first (bin/test installs it)" >&2; exit 1; }
exec mvn -B -o -q -pl src -am -Dtest=AnsibleParityTest -Dsurefire.failIfNoSpecifiedTests=false -Dcds.skip=true \
  -Dparity.record=true "$@" test
