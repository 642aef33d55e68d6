#!/bin/sh
# An inventory script as a CMDB export would give it (Ansible's script plugin format): groups with hosts, vars and
# children, a group as a plain list of hosts, and every host's variables under _meta.hostvars.
if [ "$1" = "--list" ]; then
  cat <<'JSON'
{
  "management": {"hosts": ["mgmt-1"], "vars": {"role": "mp", "replicas": 3}},
  "control_planes": {"hosts": ["cp-1", "cp-2"], "vars": {"role": "cp"}},
  "edge": ["cp-2"],
  "mesh": {"children": ["management", "control_planes"], "vars": {"mesh": "tsb"}},
  "_meta": {"hostvars": {"mgmt-1": {"ansible_connection": "local", "zone": "eu"},
                         "cp-1": {"ansible_connection": "local", "zone": "eu"},
                         "cp-2": {"ansible_connection": "local", "zone": "us", "gpu": true}}}
}
JSON
else
  echo '{}'
fi
